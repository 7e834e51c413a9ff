/**
 * The incident model: one reading of a postmortem that every rule shares.
 * `readIncident` turns the mdast tree into lines, finds labelled sections,
 * the stated duration, the impact statements and the timeline's entries
 * with their instants, and caches the result on the file.
 */
import type {Root} from 'mdast'
import type {VFile} from 'vfile'
import {readClock, type WrittenClock} from '../time/clock.js'
import {type CalendarDate, dateIn, nextDay, sameDate, toEpochMs} from '../time/instant.js'
import {findStatedLengths} from '../time/length.js'
import {
  type Recognised,
  recogniseTimes,
  type TimeMention,
  type WrittenTime,
} from '../time/recognise.js'
import {resolveZone, type ZoneId} from '../time/zones.js'
import {readShares, type ShareReading} from './impact.js'
import {documentLines, type Line} from './lines.js'
import {type Phase, phasesOf} from './phases.js'
import {findLabels, type Label, pseudoHeadingRank, splitMergedLines} from './sections.js'
import {type SourceText, SourceTextBuilder} from './source-text.js'
import {type AliasTable, buildAliases, type SectionKind} from './vocabulary.js'

export interface ModelOptions {
  /** Extra aliases per section kind. */
  aliases?: Partial<Record<string, string[]>>
  /** A team's zone abbreviations (`{IST: 'Asia/Kolkata'}`). */
  timezones?: Record<string, string>
  /** The named template (`alx`, `google-sre`, `pagerduty`). */
  template?: string
}

/** What an author wrote of a moment, before it is placed on a date and zone. */
interface WrittenMoment {
  written: WrittenTime
  text: SourceText
  zone?: ZoneId
  zoneText?: SourceText
}

/**
 * Start and end as instants. The start's date (or the reference date) is
 * given to an end without one; `22:00 - 02:00` without dates runs past midnight.
 */
function resolvePair(
  written: {start?: WrittenMoment; end?: WrittenMoment},
  zone: ZoneId,
  fallbackDate: CalendarDate,
): {start?: StatedTime; end?: StatedTime} {
  const result: {start?: StatedTime; end?: StatedTime} = {}
  const place = (moment: WrittenMoment, date: CalendarDate) => {
    const stated = statedTime(moment.written, date, moment.zone ?? zone, moment.text)
    if (stated && moment.zoneText) {
      stated.zoneText = moment.zoneText.value
      stated.zoneTextSource = moment.zoneText
    }
    return stated
  }
  if (written.start) {
    const start = place(written.start, fallbackDate)
    if (start) result.start = start
  }
  if (written.end) {
    let end = place(written.end, result.start?.date ?? fallbackDate)
    const endHasOwnDate = written.end.written.day !== undefined
    if (end && result.start && !endHasOwnDate && end.epochMs < result.start.epochMs) {
      end = place(written.end, nextDay(result.start.date))
    }
    if (end) result.end = end
  }
  return result
}

/** A moment the document states, with where it is written. */
export interface StatedTime {
  /** The zone as written (`PST`) and where. */
  zoneText?: string
  zoneTextSource?: SourceText
  epochMs: number
  date: CalendarDate
  zone: ZoneId
  /** The time of day was written (not only a date). */
  hasTime: boolean
  /** The source text of the timestamp (for places and quotes). */
  text: SourceText
}

export interface Duration {
  label: Label
  start?: StatedTime
  end?: StatedTime
  /** A stated length (`2 hours`), in milliseconds, and its text. */
  stated?: {ms: number; text: SourceText}
  /** Start and end fall on different calendar days. */
  crossesMidnight: boolean
  /** The `End time:` field the end was read from, when it was one (a fix writes beside it). */
  endField?: Label
}

export interface TimestampProblem {
  text: SourceText
  reason: string
}

export interface TimelineEntry {
  /** Index of the entry's first line. */
  line: number
  /** The first line's text. */
  text: SourceText
  /** All of the entry's text (its first line and nested lines without their own time). */
  fullText: string
  phases: Phase[]
  /** The timestamp text and what it was read as. */
  timestamp?: {
    text: SourceText
    mention: TimeMention
    /** Undefined for a date-only entry. */
    epochMs?: number
    date: CalendarDate
    hasDate: boolean
    hasTime: boolean
    zone: ZoneId
    /** The date was taken from the entry before and moved to the next day. */
    rolledOver: boolean
    /** The clock as written (`2:05 PM`) and where, when it is the time the entry was read as. */
    clock?: {text: SourceText; written: WrittenClock}
    zoneProblem?: {text: SourceText; kind: 'ambiguous' | 'unknown'; candidates: string[]}
  }
  problems: TimestampProblem[]
}

export interface Timeline {
  label: Label
  entries: TimelineEntry[]
}

export interface ImpactStatement {
  /** The label it sits under (`Impact:`), or the summary when there is no impact statement. */
  label: Label | undefined
  text: SourceText[]
  shares: ShareReading[]
  fromSummary: boolean
}

export interface Incident {
  lines: Line[]
  labels: Label[]
  /** Labels naming each section kind, in document order. */
  sections: Map<SectionKind, Label[]>
  /** The document's first line (its title), if any. */
  title?: Line
  summary?: Label
  timeline?: Timeline
  duration?: Duration
  impact: ImpactStatement[]
  /** Percentages found in the summary outside any impact statement. */
  summaryShares: ShareReading[]
  /** The zone for times written without one. */
  declaredZone?: ZoneId
  referenceDate?: CalendarDate
  aliases: AliasTable
  /** Start and end as written in the body, and as written in the front matter (for comparing them). */
  bodyDuration?: {start?: StatedTime; end?: StatedTime}
  frontMatterDuration?: {start?: StatedTime; end?: StatedTime}
  /** The named template in use (`settings.postmortem.template`), `alx` by default. */
  template: string
  /** Headings and `Label:` lines that open a block, with whether anything is under them. */
  outline: OutlineEntry[]
  /** First lines of the list items under the corrective actions. */
  actionItems: SourceText[]
  /** Lines of the timeline, root cause and resolution (not lessons learned): where blame is checked. */
  blameScope: SourceText[]
}

export interface OutlineEntry {
  line: number
  title: SourceText
  rank: number
  empty: boolean
}

const cache = new WeakMap<VFile, Map<string, Incident>>()

/** Forget a file's cached models (the CLI, once the file's messages are final). */
export function forgetIncident(file: VFile): void {
  cache.delete(file)
}

/** Read (or fetch from the file's cache) the incident model. */
export function readIncident(tree: Root, file: VFile, options: ModelOptions = {}): Incident {
  const key = JSON.stringify([
    options.aliases ?? {},
    options.timezones ?? {},
    options.template ?? '',
  ])
  let perFile = cache.get(file)
  if (!perFile) {
    perFile = new Map()
    cache.set(file, perFile)
  }
  const cached = perFile.get(key)
  if (cached) return cached
  const incident = buildIncident(tree, String(file), options)
  perFile.set(key, incident)
  return incident
}

function linesText(lines: readonly Line[], from: number, to: number): SourceText[] {
  return lines.slice(from, to).map((line) => line.text)
}

function labelBody(incident: {lines: Line[]}, label: Label): SourceText[] {
  const body = linesText(incident.lines, label.line + 1, label.end)
  return label.value ? [label.value, ...body] : body
}

/** The date a mention writes; a missing year is the incident's (or 2000, when nothing says). */
const dateOnly = (mention: TimeMention, year = 2000): CalendarDate | undefined => {
  const {month, day} = mention.from
  return month && day ? {year: mention.from.year ?? year, month, day} : undefined
}

function statedTime(
  written: WrittenTime,
  date: CalendarDate | undefined,
  zone: ZoneId,
  text: SourceText,
): StatedTime | undefined {
  const ownDate =
    written.month && written.day
      ? {year: written.year ?? date?.year ?? 2000, month: written.month, day: written.day}
      : undefined
  const on = ownDate ?? date
  if (!on) return undefined
  const epochMs = toEpochMs(on, written, zone)
  if (epochMs === undefined) return undefined
  return {epochMs, date: on, zone, hasTime: written.hour !== undefined, text}
}

function mentionZone(mention: TimeMention | undefined): ZoneId | undefined {
  return mention?.zone?.resolution.kind === 'known' ? mention.zone.resolution.zone : undefined
}

const allTimesPattern =
  /\b[Aa]ll (?:[Tt]imes?|[Tt]imestamps)\b[^.]{0,20}?\b(?:are |in |are in )?\(?((?:UTC|GMT)(?:\s?[+-]\d{1,2}(?::?\d{2})?)?|[A-Z][A-Za-z_]+\/[A-Za-z_]+|[A-Z]{2,5})\b/
const zoneInLabel = /\(([^)]*)\)/

function parenthesisedZone(text: string, timezones: Record<string, string>): ZoneId | undefined {
  const inner = zoneInLabel.exec(text)?.[1]
  if (!inner) return undefined
  const word = /((?:UTC|GMT)(?:\s?[+-]\d{1,2}(?::?\d{2})?)?|[A-Z]{2,5})\b/.exec(
    inner.replace(/^all times( are)?( in)?\s*/i, ''),
  )?.[1]
  if (!word) return undefined
  const resolution = resolveZone(word, timezones)
  return resolution.kind === 'known' ? resolution.zone : undefined
}

function buildIncident(tree: Root, source: string, options: ModelOptions): Incident {
  const aliases = buildAliases(options.aliases)
  const timezones = options.timezones ?? {}
  // Each piece of text is read for times once per document, whoever asks.
  const readTimes = new Map<string, Recognised>()
  const recognise = (text: string) => {
    let read = readTimes.get(text)
    if (!read) {
      read = recogniseTimes(text, {timezones})
      readTimes.set(text, read)
    }
    return read
  }
  const lines = splitMergedLines(documentLines(tree, source), aliases)
  const labels = findLabels(lines, aliases)
  // The timeline: the first timeline label that covers some lines (a heading over a list, a `Timeline:` line).
  const timelineLabels = labels.filter((label) => label.kinds.includes('timeline'))
  const timelineLabel =
    timelineLabels.find((label) => label.end > label.line + 1 || label.value) ?? timelineLabels[0]
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
  const incident: Incident = {
    lines,
    labels,
    sections,
    impact: [],
    summaryShares: [],
    aliases,
    template: options.template ?? 'alx',
    outline: readOutline(lines, labels),
    actionItems: [],
    blameScope: [],
  }
  if (lines[0]) incident.title = lines[0]
  incident.summary = sections.get('summary')?.[0]

  // Front matter fields (`start:`, `end:`, `timezone:`, `impact:`).
  const frontMatter = readFrontMatter(tree, source)

  // The declared zone: the timeline's own (`Timeline (CET)`, `Time (UTC)` column), an "all times" note, the duration's, the front matter's.
  const declared: (ZoneId | undefined)[] = []
  if (timelineLabel)
    declared.push(parenthesisedZone(lines[timelineLabel.line]?.text.value ?? '', timezones))
  for (const line of lines) {
    if (line.kind === 'row' && line.header)
      for (const cell of line.cells ?? []) declared.push(parenthesisedZone(cell.value, timezones))
    const allTimes = allTimesPattern.exec(line.text.value)?.[1]
    if (allTimes) {
      const resolution = resolveZone(allTimes, timezones)
      if (resolution.kind === 'known') declared.push(resolution.zone)
    }
  }

  // Duration: a `Duration:` field, `Start Time:`/`End Time:` fields, or the front matter.
  const outside = (label: Label) => !inTimeline(label.line)
  const durationLabel = sections.get('duration')?.find(outside)
  const startLabel = sections.get('start')?.find(outside)
  const endLabel = sections.get('end')?.find(outside)
  const durationText = durationLabel ? labelBody(incident, durationLabel) : []
  const durationMentions = durationText.flatMap((text) =>
    recognise(text.value).mentions.map((mention) => ({mention, text})),
  )
  const startMention = startLabel?.value ? recognise(startLabel.value.value).mentions[0] : undefined
  const endMention = endLabel?.value ? recognise(endLabel.value.value).mentions[0] : undefined
  declared.push(
    mentionZone(durationMentions[0]?.mention),
    mentionZone(durationMentions[1]?.mention),
    mentionZone(startMention),
    mentionZone(endMention),
  )
  if (frontMatter.timezone) {
    const resolution = resolveZone(frontMatter.timezone, timezones)
    if (resolution.kind === 'known') declared.push(resolution.zone)
  }
  const declaredZone = declared.find((zone) => zone !== undefined)
  if (declaredZone) incident.declaredZone = declaredZone
  const zone = declaredZone ?? 'UTC'

  // Reference date: the stated start's date, else the first date written in the title, summary or timeline.
  const firstDate = (texts: readonly SourceText[]) => {
    for (const text of texts) {
      for (const mention of recognise(text.value.slice(0, entryHeadLength)).mentions) {
        const date = dateOnly(mention)
        if (date) return date
      }
    }
    return undefined
  }
  const writtenStartDate =
    (startMention && dateOnly(startMention)) ??
    (durationMentions[0] && dateOnly(durationMentions[0].mention)) ??
    (frontMatter.start ? firstDate([frontMatter.start.text]) : undefined)
  let referenceDate = writtenStartDate
  if (!referenceDate && timelineLabel)
    referenceDate = firstDate(
      linesText(
        lines,
        timelineLabel.line + 1,
        Math.min(timelineLabel.end, timelineLabel.line + 40),
      ),
    )
  if (!referenceDate) referenceDate = firstDate(linesText(lines, 0, Math.min(lines.length, 12)))
  if (referenceDate) incident.referenceDate = referenceDate
  const fallbackDate = referenceDate ?? {year: 2000, month: 1, day: 1}

  // Duration start/end/length: fields in the body first, the front matter for what they lack.
  const moment = (
    text: SourceText,
    mention: TimeMention,
    part: 'from' | 'to' = 'from',
  ): WrittenMoment => {
    const range = part === 'from' ? mention.fromRange : mention.toRange
    const result: WrittenMoment = {
      written: part === 'from' ? mention.from : (mention.to as WrittenTime),
      text: range ? text.slice(range.start, range.end) : text.slice(mention.start, mention.end),
    }
    const known = mentionZone(mention)
    if (known) result.zone = known
    if (mention.zone) result.zoneText = text.slice(mention.zone.start, mention.zone.end)
    return result
  }
  const body: {start?: WrittenMoment; end?: WrittenMoment} = {}
  if (startLabel?.value && startMention) body.start = moment(startLabel.value, startMention)
  if (endLabel?.value && endMention) body.end = moment(endLabel.value, endMention)
  const [first, second] = durationMentions
  if (!body.start && first) {
    body.start = moment(first.text, first.mention)
    if (first.mention.to) body.end ??= moment(first.text, first.mention, 'to')
    else if (second) body.end ??= moment(second.text, second.mention)
  }
  const front: {start?: WrittenMoment; end?: WrittenMoment} = {}
  for (const key of ['start', 'end'] as const) {
    const field = frontMatter[key]
    const mention = field ? recognise(field.text.value).mentions[0] : undefined
    if (field && mention) front[key] = moment(field.text, mention)
  }
  const pair = (written: {start?: WrittenMoment; end?: WrittenMoment}) =>
    resolvePair(written, zone, fallbackDate)
  if (body.start || body.end) incident.bodyDuration = pair(body)
  if (front.start || front.end) incident.frontMatterDuration = pair(front)
  if (durationLabel || startLabel || endLabel || front.start || front.end) {
    const label = (durationLabel ?? startLabel ?? endLabel ?? frontMatter.label) as Label
    const duration: Duration = {
      label,
      crossesMidnight: false,
      ...pair({start: body.start ?? front.start, end: body.end ?? front.end}),
    }
    if (endLabel?.value && endMention) duration.endField = endLabel
    // A stated length in the duration field (not the times themselves).
    for (const text of durationText) {
      const length = findStatedLengths(text.value)[0]
      if (length) {
        duration.stated = {ms: length.ms, text: text.slice(length.start, length.end)}
        break
      }
    }
    if (duration.start && duration.end) {
      duration.crossesMidnight = !sameDate(
        dateIn(duration.start.epochMs, duration.start.zone),
        dateIn(duration.end.epochMs, duration.start.zone),
      )
    }
    incident.duration = duration
  }

  if (timelineLabel)
    incident.timeline = readTimeline(lines, timelineLabel, {
      zone,
      fallbackDate,
      rollover: incident.duration?.crossesMidnight ?? false,
      startDate: writtenStartDate ?? referenceDate,
      recognise,
    })

  // Impact statements outside the timeline; the summary's shares for comparison.
  for (const label of sections.get('impact') ?? []) {
    if (inTimeline(label.line)) continue
    const text = labelBody(incident, label)
    incident.impact.push({
      label,
      text,
      shares: text.map((part) => readShares(part.value)),
      fromSummary: false,
    })
  }
  if (frontMatter.impact) {
    incident.impact.push({
      label: frontMatter.label,
      text: [frontMatter.impact.text],
      shares: [readShares(frontMatter.impact.text.value)],
      fromSummary: false,
    })
  }
  const impactLines = new Set<number>()
  for (const label of sections.get('impact') ?? [])
    for (let line = label.line; line < Math.max(label.end, label.line + 1); line++)
      impactLines.add(line)
  const summaryLines = incident.summary
    ? [incident.summary.line, incident.summary.end]
    : introLines(lines, labels)
  for (let line = summaryLines[0] ?? 0; line < (summaryLines[1] ?? 0); line++) {
    if (impactLines.has(line) || inTimeline(line)) continue
    const text = lines[line]?.text
    if (text) incident.summaryShares.push(readShares(text.value))
  }
  if (incident.impact.length === 0) {
    const texts: SourceText[] = []
    for (let line = summaryLines[0] ?? 0; line < (summaryLines[1] ?? 0); line++) {
      const text = lines[line]?.text
      if (text && !inTimeline(line)) texts.push(text)
    }
    incident.impact.push({
      label: incident.summary,
      text: texts,
      shares: texts.map((text) => readShares(text.value)),
      fromSummary: true,
    })
  }
  readScopes(incident, inTimeline)
  return incident
}

/** The corrective actions' items, and the lines where blameful language is checked. */
function readScopes(incident: Incident, inTimeline: (line: number) => boolean): void {
  const {lines, sections} = incident
  const covered = (kind: SectionKind) => {
    const indexes = new Set<number>()
    for (const label of sections.get(kind) ?? []) {
      if (label.rank > pseudoHeadingRank && inTimeline(label.line)) continue
      for (let line = label.line; line < Math.max(label.end, label.line + 1); line++)
        indexes.add(line)
    }
    return indexes
  }
  for (const index of covered('corrective actions')) {
    const line = lines[index]
    // An item that is only a label over nested items (`- **Tasks:**`) is not an action itself.
    if (line?.itemStart && line.text.value && !/:$/.test(line.text.value))
      incident.actionItems.push(line.text)
  }
  const lessons = covered('lessons learned')
  const scope = new Set([
    ...covered('timeline'),
    ...covered('root cause'),
    ...covered('resolution'),
  ])
  for (const index of [...scope].sort((a, b) => a - b)) {
    const line = lines[index]
    if (line && !lessons.has(index)) incident.blameScope.push(line.text)
  }
}

/** Headings and block-opening `Label:` lines, each marked empty when nothing is under it. */
function readOutline(lines: readonly Line[], labels: readonly Label[]): OutlineEntry[] {
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
    const empty =
      (!next || (nextRank !== undefined && nextRank <= rank)) &&
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

/** Lines before the first section label: the introduction that serves as a summary. */
function introLines(lines: readonly Line[], labels: readonly Label[]): [number, number] {
  const first = labels.find((label) => label.kinds.length > 0)
  return [lines[0]?.kind === 'heading' ? 1 : 0, first ? first.line : Math.min(lines.length, 10)]
}

/** How much of an entry's first line is read for its timestamp. */
const entryHeadLength = 160

interface TimelineContext {
  recognise: (text: string) => Recognised
  zone: ZoneId
  fallbackDate: CalendarDate
  rollover: boolean
  startDate: CalendarDate | undefined
}

/** Which table columns hold the time, from the header (`Time (UTC)`, `Date`). */
function timeColumns(header: Line | undefined): number[] {
  const cells = header?.cells ?? []
  const columns = cells.flatMap((cell, index) =>
    /\b(?:time|date|when|timestamp|at)\b/i.test(cell.value) ? [index] : [],
  )
  return columns.length > 0 ? columns : [0]
}

function readTimeline(lines: readonly Line[], label: Label, context: TimelineContext): Timeline {
  const entries: TimelineEntry[] = []
  let current: TimelineEntry | undefined
  let header: Line | undefined
  let currentDate = context.startDate
  let lastEpoch: number | undefined
  let lastExplicitZone: ZoneId | undefined
  let groupLabel: string | undefined
  const start = label.value ? label.line : label.line + 1

  for (let index = start; index < label.end; index++) {
    const line = lines[index]
    if (!line) continue
    let text = index === label.line && label.value ? label.value : line.text
    if (line.kind === 'row') {
      if (line.header) {
        header = line
        continue
      }
      const cells = line.cells ?? []
      const columns = timeColumns(header)
      const timeCell = cells[columns[0] ?? 0]
      if (timeCell) text = timeCell
    }
    if (!text.value) continue
    // An entry's timestamp sits near its start; reading only the head keeps chrono's work per entry small.
    const recognised = context.recognise(text.value.slice(0, entryHeadLength))
    // Join a date column and a time column (`| 2024-03-08 | 14:00 | ...`); the shared reading is not changed.
    let mention = recognised.mentions[0]
    if (line.kind === 'row' && timeColumns(header).length > 1) {
      const second = line.cells?.[timeColumns(header)[1] ?? -1]
      const timeMention = second ? context.recognise(second.value).mentions[0] : undefined
      if (mention && timeMention) {
        mention = {
          ...mention,
          from: {...mention.from, ...timeMention.from},
          ...(timeMention.zone ? {zone: timeMention.zone} : {}),
        }
      }
    }
    const problems = recognised.problems.map((problem) => ({
      text: text.slice(problem.start, problem.end),
      reason: problem.reason,
    }))
    if (line.kind === 'heading') current = undefined
    // A line under a timed heading (`### 4:27`) describes that moment.
    if (current && lines[current.line]?.kind === 'heading' && !mention && problems.length === 0) {
      current.fullText += `\n${line.text.value}`
      continue
    }
    // `Detection Time:` on its own line names what the next entry records.
    if (
      !mention &&
      problems.length === 0 &&
      line.kind === 'paragraph' &&
      line.listDepth === 0 &&
      /:$/.test(text.value)
    ) {
      groupLabel = text.value
      current = undefined
      continue
    }
    const isNested = current !== undefined && line.listDepth > 0 && !line.itemStart
    const isDetail =
      current !== undefined &&
      line.listDepth > (lines[current.line]?.listDepth ?? 0) &&
      !mention &&
      problems.length === 0
    if ((isNested || isDetail) && current) {
      current.fullText += `\n${line.text.value}`
      continue
    }
    // A heading without a time inside the timeline only groups entries.
    if (line.kind === 'heading' && !mention && problems.length === 0) {
      current = undefined
      continue
    }

    // A timed item under an untimed label item (`- **Detection Time:**` / `  - 10:15 UTC`) speaks of that label.
    const parent =
      current && !current.timestamp && line.listDepth > (lines[current.line]?.listDepth ?? 0)
        ? current.fullText
        : undefined
    const about = groupLabel ?? parent
    const fullText = about ? `${about} ${line.text.value}` : line.text.value
    groupLabel = undefined
    // Phases are read once the entry's text is complete (below), not again for each nested line.
    const entry: TimelineEntry = {line: index, text, fullText, phases: [], problems}
    if (mention) {
      const written = mention.from
      const hasDate = written.day !== undefined && written.month !== undefined
      const hasTime = written.hour !== undefined
      const zoneResolution = mention.zone?.resolution
      const explicitZone = zoneResolution?.kind === 'known' ? zoneResolution.zone : undefined
      if (explicitZone) lastExplicitZone = explicitZone
      const zone =
        explicitZone ??
        (context.zone !== 'UTC' || !lastExplicitZone ? context.zone : lastExplicitZone)
      let date = hasDate
        ? {
            year: written.year ?? currentDate?.year ?? context.fallbackDate.year,
            month: written.month as number,
            day: written.day as number,
          }
        : (currentDate ?? context.fallbackDate)
      let epochMs = hasTime ? toEpochMs(date, written, zone) : undefined
      let rolledOver = false
      if (
        !hasDate &&
        epochMs !== undefined &&
        lastEpoch !== undefined &&
        epochMs < lastEpoch &&
        context.rollover
      ) {
        date = nextDay(date)
        epochMs = toEpochMs(date, written, zone)
        rolledOver = true
      }
      if (hasDate || rolledOver) currentDate = date
      if (epochMs !== undefined) lastEpoch = epochMs
      entry.timestamp = {
        text: text.slice(mention.start, mention.end),
        mention,
        ...(epochMs !== undefined ? {epochMs} : {}),
        date,
        hasDate,
        hasTime,
        zone,
        rolledOver,
      }
      const clock = readClock(entry.timestamp.text.value)
      if (clock && clock.hour === written.hour && clock.minute === written.minute)
        entry.timestamp.clock = {
          text: entry.timestamp.text.slice(clock.start, clock.end),
          written: clock,
        }
      if (mention.zone && zoneResolution && zoneResolution.kind !== 'known') {
        entry.timestamp.zoneProblem = {
          text: text.slice(mention.zone.start, mention.zone.end),
          kind: zoneResolution.kind,
          candidates: zoneResolution.kind === 'ambiguous' ? zoneResolution.candidates : [],
        }
      }
    }
    entries.push(entry)
    current = entry
  }
  for (const entry of entries) entry.phases = phasesOf(entry.fullText)
  return {label, entries}
}

interface FrontMatterField {
  text: SourceText
}

interface FrontMatter {
  label: Label
  start?: FrontMatterField
  end?: FrontMatterField
  timezone?: string
  impact?: FrontMatterField
}

/** `key: value` (YAML) and `key = value` (TOML) lines of the front matter. */
function readFrontMatter(tree: Root, source: string): FrontMatter {
  const node = tree.children[0]
  const result = {} as FrontMatter
  if (!node || (node.type !== 'yaml' && (node.type as string) !== 'toml')) return result
  const start = node.position?.start.offset
  const end = node.position?.end.offset
  if (start === undefined || end === undefined) return result
  const raw = source.slice(start, end)
  let offset = start
  for (const rawLine of raw.split('\n')) {
    const match = /^\s*([A-Za-z_][\w-]*)\s*[:=]\s*["']?(.*?)["']?\s*$/.exec(rawLine)
    if (match?.[1] && match[2]) {
      const key = match[1].toLowerCase()
      const valueStart = offset + rawLine.indexOf(match[2], match[1].length)
      const builder = new SourceTextBuilder()
      builder.appendExact(match[2], valueStart)
      const text = builder.build()
      const keyBuilder = new SourceTextBuilder()
      keyBuilder.appendExact(match[1], offset + rawLine.indexOf(match[1]))
      result.label ??= {kinds: [], text: keyBuilder.build(), line: 0, rank: 8, end: 0}
      if (key === 'start' || key === 'started' || key === 'start_time' || key === 'starttime')
        result.start = {text}
      else if (
        key === 'end' ||
        key === 'ended' ||
        key === 'end_time' ||
        key === 'endtime' ||
        key === 'resolved'
      )
        result.end = {text}
      else if (key === 'timezone' || key === 'tz' || key === 'time_zone') result.timezone = match[2]
      else if (key === 'impact') result.impact = {text}
    }
    offset += rawLine.length + 1
  }
  return result
}
