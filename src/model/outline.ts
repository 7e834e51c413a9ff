/**
 * The document's outline: its lines, its labels in every shape, which section
 * kinds they name, which label holds the timeline, the headings with whether
 * anything is under them, and the scopes some rules read (action items, the
 * lines where blame is checked).
 */
import type {Root} from 'mdast'
import {isDateOnly, type Recognised} from '../time/recognise.js'
import type {Line} from './line.js'
import {documentLines} from './lines.js'
import {findLabels, type Label, pseudoHeadingRank, splitMergedLines} from './sections.js'
import type {SourceText} from './source-text.js'
import type {Outline, OutlineEntry} from './types.js'
import {type AliasTable, normaliseLabel, requirementLabel, type SectionKind} from './vocabulary.js'

/** Lines, labels, sections and the timeline's label of a document. */
export function readOutline(
  tree: Root,
  source: string,
  aliases: AliasTable,
  recognise: (text: string) => Recognised,
  timezones: Record<string, string>,
): Outline {
  const lines = splitMergedLines(documentLines(tree, source), aliases)
  const labels = withoutRequirementText(lines, findLabels(lines, aliases))
  const timelineLabel = chooseTimeline(labels) ?? tableTimeline(lines)
  const inTimeline = (line: number) =>
    timelineLabel !== undefined && line > timelineLabel.line && line < timelineLabel.end
  const sections = new Map<SectionKind, Label[]>()
  for (const label of labels) {
    // A `Root cause identified:` field inside the timeline is an event, not the root cause section.
    if (label.rank > pseudoHeadingRank && inTimeline(label.line)) continue
    for (const kind of label.kinds) {
      const list = sections.get(kind) ?? []
      list.push(label)
      sections.set(kind, list)
    }
  }
  // A table that is the timeline without a label naming it is the timeline section too.
  if (timelineLabel && !labels.includes(timelineLabel)) sections.set('timeline', [timelineLabel])
  return {
    lines,
    labels,
    sections,
    ...(timelineLabel ? {timelineLabel} : {}),
    inTimeline,
    recognise,
    timezones,
  }
}

/** A line that asks for content instead of giving it (`what was the root cause`, `explain in detail ...`). */
const promptLine =
  /^(?:what|when|how|which|who|why|where|whether|explain|describe|list|include|add|mention|provide|give|state|write|detail|identify|summari[sz]e|a list of|the list of)\b|\?$/i

/**
 * An assignment's instructions copied into a postmortem (`Timeline (format
 * ...) must contain:` over `- when was the issue detected`) name sections
 * without being them: a label that says what a section must contain, over
 * lines that mostly ask for content, names nothing, nor do labels under it.
 * Under real content (`## Root cause and resolution must contain:` over what
 * happened) it stays the section.
 */
function withoutRequirementText(lines: readonly Line[], labels: Label[]): Label[] {
  const blocks: [number, number][] = []
  lines.forEach((line, index) => {
    if (!requirementLabel.test(normaliseLabel(line.text.value))) return
    let end = index + 1
    while (end < lines.length && isUnder(line, lines[end] as Line)) end++
    const body = linesText(lines, index + 1, end).filter((text) => text.value)
    const prompts = body.filter((text) => promptLine.test(text.value.replace(/^[\s*_-]+/, '')))
    if (prompts.length * 2 >= body.length) blocks.push([index, end])
  })
  if (blocks.length === 0) return labels
  const inRequirement = (label: Label) =>
    blocks.some(([from, to]) => label.line >= from && label.line < to)
  return labels.map((label) => (inRequirement(label) ? {...label, kinds: []} : label))
}

/** `next` belongs to the block `line` opens: nested in its item, or under its heading. */
function isUnder(line: Line, next: Line): boolean {
  if (line.kind === 'heading') return next.kind !== 'heading' || next.depth > line.depth
  return (
    next.listDepth > line.listDepth ||
    (line.listDepth === 0 &&
      !next.itemStart &&
      next.kind !== 'heading' &&
      next.listDepth === 0 &&
      next.block === line.block)
  )
}

/** Names that make a timeline only when nothing is called one (`Key events` above a `Timeline`). */
const weakTimelineNames = new Set(['events', 'key events', 'event log', 'incident log'])

/**
 * The timeline: the first label that names one and covers some lines (a
 * heading over a list, a `Timeline:` line), preferring a name such as
 * `Timeline` to a list of `Key events`.
 */
function chooseTimeline(labels: readonly Label[]): Label | undefined {
  const candidates = labels.filter((label) => label.kinds.includes('timeline'))
  const strong = candidates.filter(
    (label) => !weakTimelineNames.has(normaliseLabel(label.text.value)),
  )
  const covers = (label: Label) => label.end > label.line + 1 || label.value !== undefined
  return strong.find(covers) ?? candidates.find(covers) ?? strong[0] ?? candidates[0]
}

/** A table header's cell that names a time column (`Time (UTC)`, `Date`, `When`). */
const timeColumnName = /^(?:time|date|when|timestamp|date and time|date\/time|time \(|date \()/i

/**
 * With no label naming a timeline, a table whose header starts with a time
 * column (`| Time (GMT + 2) | Actions |`) over rows with times is one.
 */
function tableTimeline(lines: readonly Line[]): Label | undefined {
  const header = lines.findIndex(
    (line, index) =>
      line.kind === 'row' &&
      line.header === true &&
      timeColumnName.test(line.cells?.[0]?.value ?? '') &&
      lines[index + 1]?.kind === 'row',
  )
  const line = lines[header]
  if (!line) return undefined
  let end = header + 1
  while (lines[end]?.kind === 'row' && !lines[end]?.header) end++
  if (end - header < 3) return undefined
  return {kinds: ['timeline'], text: line.cells?.[0] ?? line.text, line: header, rank: 8, end}
}

/** The texts of lines `[from, to)`. */
export function linesText(lines: readonly Line[], from: number, to: number): SourceText[] {
  return lines.slice(from, to).map((line) => line.text)
}

/** A label's value (text after its colon) and the lines under it. */
export function labelBody(lines: readonly Line[], label: Label): SourceText[] {
  const body = linesText(lines, label.line + 1, label.end)
  return label.value ? [label.value, ...body] : body
}

/** Lines `[from, to)` of the summary, else of the introduction before the first section label. */
export function summaryLines(outline: Outline): [number, number] {
  const summary = outline.sections.get('summary')?.[0]
  if (summary) return [summary.line, summary.end]
  const {lines, labels} = outline
  const first = labels.find((label) => label.kinds.length > 0)
  return [lines[0]?.kind === 'heading' ? 1 : 0, first ? first.line : Math.min(lines.length, 10)]
}

/** Headings and block-opening `Label:` lines, each marked empty when nothing is under it. */
export function readHeadings(lines: readonly Line[], labels: readonly Label[]): OutlineEntry[] {
  const opensBlock = new Map<number, Label>()
  const hasValue = new Set<number>()
  for (const label of labels) {
    if (label.rank === pseudoHeadingRank && !label.value) opensBlock.set(label.line, label)
    if (label.value) hasValue.add(label.line)
  }
  const outline: OutlineEntry[] = []
  lines.forEach((line, index) => {
    const pseudo = opensBlock.get(index)
    if (line.kind !== 'heading' && !pseudo) return
    const rank = line.kind === 'heading' ? line.depth : pseudoHeadingRank
    const next = lines[index + 1]
    // A `Label:` line has no visible rank: only a heading or the end shows that nothing is under it.
    const nextRank = next?.kind === 'heading' ? next.depth : undefined
    const isStatement = /[.!?]$/.test(line.text.value)
    // The document's title has nothing under it when sections follow; a date heading (`## May 12`) goes on with it.
    const empty =
      index > 0 &&
      (!next || (nextRank !== undefined && nextRank <= rank && !isDateOnly(next.text.value))) &&
      !isStatement &&
      !hasValue.has(index)
    outline.push({
      line: index,
      title: pseudo ? pseudo.text : line.text,
      rank,
      empty: empty && line.text.value !== '',
    })
  })
  return outline
}

/** The corrective actions' items, and the lines where blameful language is checked. */
export function readScopes(outline: Outline): {
  actionItems: SourceText[]
  actionLines: Set<number>
  blameScope: SourceText[]
} {
  const {lines, sections, inTimeline} = outline
  const covered = (kind: SectionKind) => {
    const indexes = new Set<number>()
    for (const label of sections.get(kind) ?? []) {
      if (label.rank > pseudoHeadingRank && inTimeline(label.line)) continue
      for (let line = label.line; line < Math.max(label.end, label.line + 1); line++)
        indexes.add(line)
    }
    return indexes
  }
  const actionItems: SourceText[] = []
  const actionLines = covered('corrective actions')
  for (const index of actionLines) {
    const line = lines[index]
    // An item that is only a label over nested items (`- **Tasks:**`) is not an action itself.
    if (line?.itemStart && line.text.value && !/:$/.test(line.text.value))
      actionItems.push(line.text)
  }
  const lessons = covered('lessons learned')
  const scope = new Set([
    ...covered('timeline'),
    ...covered('root cause'),
    ...covered('resolution'),
  ])
  const blameScope: SourceText[] = []
  for (const index of [...scope].sort((a, b) => a - b)) {
    const line = lines[index]
    if (line && !lessons.has(index)) blameScope.push(line.text)
  }
  return {actionItems, actionLines, blameScope}
}
