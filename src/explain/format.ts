/**
 * `explain`'s output: per document a compact text (lines of at most 100
 * columns) or one JSON object, and `--summary`: how many documents show each
 * kind of suspicious reading, as a table or JSON.
 */
import type {VFile} from 'vfile'
import {type ExplainedEntry, type ExplainedTime, type Explanation, unexplained} from './explain.js'
import {detectors, type Suspicion} from './suspicious.js'
import {shorten} from './text.js'

const width = 100
const labelWidth = 12

/** Words of `text` in lines of at most `width` columns, the first after `first`, the others after `indent`. */
function wrap(text: string, first: string, indent: string): string[] {
  if (first.length + text.length <= width) return [`${first}${text}`]
  const lines: string[] = []
  let line = first
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line.trim() === '' || line === first ? `${line}${word}` : `${line} ${word}`
    if (candidate.length > width && line !== first && line !== indent) {
      lines.push(line)
      line = `${indent}${word}`
    } else line = candidate
  }
  lines.push(line)
  return lines
}

const field = (name: string) => `  ${name.padEnd(labelWidth)}`
const place = (item: {line: number | null; column: number | null}) =>
  item.line === null ? '' : `${item.line}:${item.column}`

/** `90 min`, `1 h 30 min`, `2 d 3 h`. */
export function formatMinutes(minutes: number): string {
  const days = Math.floor(minutes / 1440)
  const hours = Math.floor((minutes % 1440) / 60)
  const rest = minutes % 60
  const parts = [
    days ? `${days} d` : '',
    hours ? `${hours} h` : '',
    rest || minutes === 0 ? `${rest} min` : '',
  ]
  return parts.filter(Boolean).join(' ')
}

function timeLine(name: string, time: ExplainedTime | null): string[] {
  if (!time) return [`${field(name)}none`]
  const notes = [
    time.dateFrom === 'incident'
      ? 'date: the incident’s'
      : time.dateFrom === 'none'
        ? 'no date'
        : '',
    time.zoneFrom === 'written' ? '' : 'zone: the document’s',
  ].filter(Boolean)
  const text = `${time.time}  ← ${time.from} ${place(time)} “${shorten(time.text, 40)}”${notes.length ? ` (${notes.join(', ')})` : ''}`
  return wrap(text, field(name), ' '.repeat(labelWidth + 4))
}

/** The entry's text with its time marked `«…»`, cut to `room` columns around the time. */
function excerpt(entry: ExplainedEntry, room: number): string {
  const text = entry.text.replace(/\s+/g, ' ')
  if (entry.timeAt === null || entry.timeText === null) return shorten(text, room)
  const at = entry.timeAt
  const marked = `${text.slice(0, at)}«${entry.timeText}»${text.slice(at + entry.timeText.length)}`
  const timeEnd = at + entry.timeText.length + 2
  if (timeEnd <= room) return shorten(marked, room)
  const from = Math.max(0, at - 12)
  return shorten(`…${marked.slice(from)}`, room)
}

function entryLine(entry: ExplainedEntry): string {
  const head = `    ${`${entry.line}:${entry.column}`.padEnd(8)}${(entry.time ?? '-').padEnd(24)}`
  return `${head}${excerpt(entry, width - head.length)}`
}

function explanationText(explanation: Explanation): string[] {
  const lines = [explanation.path]
  if (explanation.problem) return [...lines, `  ${explanation.problem}`]
  const sections = explanation.sections.map(
    (section) => `${section.kind} ${section.line}:${section.column},`,
  )
  const last = sections.length - 1
  if (last >= 0) sections[last] = (sections[last] as string).replace(/,$/, '')
  lines.push(
    ...wrap(
      sections.length ? sections.join(' ') : 'none',
      field('sections'),
      ' '.repeat(labelWidth + 2),
    ),
  )
  lines.push(...timeLine('start', explanation.start), ...timeLine('end', explanation.end))
  const {length, zone, timeline} = explanation
  lines.push(
    length
      ? `${field('length')}${formatMinutes(length.minutes)}  ← ${length.from} ${length.line}:${length.column} “${shorten(length.text, 40)}”`
      : `${field('length')}none`,
  )
  const zoneFrom =
    zone.from === 'default'
      ? 'the default (nothing declares a zone)'
      : `${zone.from === 'duration' ? 'the stated start or end' : zone.from}${zone.text ? ` ${place(zone)} “${shorten(zone.text, 40)}”` : ''}`
  lines.push(`${field('zone')}${zone.zone}  ← ${zoneFrom}`)
  if (timeline) {
    lines.push(
      `${field('timeline')}${timeline.line}:${timeline.column} “${shorten(timeline.text, 30)}”, lines ${timeline.line}-${timeline.endLine}: ${timeline.entries} entr${timeline.entries === 1 ? 'y' : 'ies'}, ${timeline.withTime} with a time`,
    )
    const shown = timeline.items.slice(0, maxEntries)
    lines.push(...shown.map(entryLine))
    if (timeline.items.length > shown.length)
      lines.push(
        `    … and ${timeline.items.length - shown.length} more entries (--format json lists them all)`,
      )
  } else lines.push(`${field('timeline')}none`)
  if (explanation.impact.length === 0) lines.push(`${field('impact')}none`)
  for (const statement of explanation.impact) {
    const where =
      statement.from === 'label'
        ? `${place(statement)} “${shorten(statement.label ?? '', 30)}”`
        : `${statement.from}${statement.line === null ? '' : ` ${place(statement)}`}`
    const shares = statement.shares.map((share) => `${share.text} ${share.line}:${share.column},`)
    const lastShare = shares.length - 1
    if (lastShare >= 0) shares[lastShare] = (shares[lastShare] as string).replace(/,$/, '')
    lines.push(
      ...wrap(
        `${where}: ${shares.length ? shares.join(' ') : 'no share read'}`,
        field('impact'),
        ' '.repeat(labelWidth + 4),
      ),
    )
  }
  const {suspicious} = explanation
  lines.push(`${field('suspicious')}${suspicious.length || 'none'}`)
  lines.push(...suspicionLines(suspicious.slice(0, maxEntries)))
  if (suspicious.length > maxEntries)
    lines.push(`    … and ${suspicious.length - maxEntries} more (--format json lists them all)`)
  return lines
}

/** The lines listing suspicious readings under `suspicious`: each one's place, kind and quote, then what looks wrong. */
export function suspicionLines(suspicious: readonly Suspicion[]): string[] {
  return suspicious.flatMap((item) => [
    `    ${`${item.line}:${item.column}`.padEnd(8)}${item.kind}  “${shorten(item.text, Math.max(12, width - 16 - item.kind.length))}”`,
    ...wrap(item.detail, ' '.repeat(12), ' '.repeat(12)),
  ])
}

/** Entries and suspicious readings listed per document in the text output. */
const maxEntries = 200

/** The per-document report. */
function formatExplanations(explanations: readonly Explanation[], format: 'text' | 'json'): string {
  if (format === 'json') return JSON.stringify(explanations, null, 2)
  return explanations.map((explanation) => explanationText(explanation).join('\n')).join('\n\n')
}

interface SummaryRow {
  kind: string
  description: string
  /** Documents showing it at least once. */
  documents: number
  occurrences: number
}

interface ExplainSummary {
  documents: number
  /** Documents that could not be explained (not text, empty, too large, unreadable). */
  notExplained: number
  /** Documents with at least one suspicious reading. */
  withSuspicious: number
  kinds: SummaryRow[]
}

function summarise(explanations: readonly Explanation[]): ExplainSummary {
  const kinds = detectors.map((detector) => {
    const showing = explanations.filter((explanation) =>
      explanation.suspicious.some((item) => item.kind === detector.kind),
    )
    return {
      kind: detector.kind,
      description: detector.description,
      documents: showing.length,
      occurrences: explanations.reduce(
        (sum, explanation) =>
          sum + explanation.suspicious.filter((item) => item.kind === detector.kind).length,
        0,
      ),
    }
  })
  return {
    documents: explanations.length,
    notExplained: explanations.filter((explanation) => explanation.problem !== null).length,
    withSuspicious: explanations.filter((explanation) => explanation.suspicious.length > 0).length,
    kinds,
  }
}

/** The report `explain` prints for the files unified-engine read (a file it could not read gets its reason). */
export function explainReport(
  files: readonly VFile[],
  options: {format: 'text' | 'json'; summary: boolean},
): string {
  const explanations = [...files]
    .sort((a, b) => a.path.localeCompare(b.path))
    .map(
      (file) =>
        (file.data.explanation as Explanation | undefined) ?? {
          ...unexplained,
          path: file.path,
          problem: `not explained: ${file.messages.map((message) => message.reason).join('; ') || 'the file could not be read'}`,
        },
    )
  return options.summary
    ? formatSummary(explanations, options.format)
    : formatExplanations(explanations, options.format)
}

/** The `--summary` table (or JSON). */
function formatSummary(explanations: readonly Explanation[], format: 'text' | 'json'): string {
  const summary = summarise(explanations)
  if (format === 'json') return JSON.stringify(summary, null, 2)
  const occurrences = summary.kinds.reduce((sum, row) => sum + row.occurrences, 0)
  const rows: string[][] = [
    ['kind', 'documents', 'occurrences'],
    ...summary.kinds.map((row) => [row.kind, String(row.documents), String(row.occurrences)]),
    ['any kind', String(summary.withSuspicious), String(occurrences)],
    ['documents', String(summary.documents), ''],
  ]
  if (summary.notExplained > 0) rows.push(['not explained', String(summary.notExplained), ''])
  const widths = [0, 1, 2].map((column) =>
    Math.max(...rows.map((row) => (row[column] ?? '').length)),
  )
  return rows
    .map((row) =>
      row
        .map((cell, column) =>
          column === 0 ? cell.padEnd(widths[0] ?? 0) : cell.padStart(widths[column] ?? 0),
        )
        .join('  ')
        .trimEnd(),
    )
    .join('\n')
}
