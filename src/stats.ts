/**
 * Incident metrics from the model: when each incident started, was detected
 * and ended, and the set's count, median and 90th percentile of each.
 * Used by `postmortem-lint stats`.
 */
import type {Root} from 'mdast'
import type {Processor} from 'unified'
import type {VFile} from 'vfile'
import {readIncident} from './model/incident.js'
import {marksMitigation} from './model/phases.js'
import type {Incident, StatedTime} from './model/types.js'
import {wallClock} from './time/instant.js'

export interface IncidentMetrics {
  path: string
  /** ISO 8601 in UTC, or the time as written when the document gives no date (`10:00, no date`). */
  start?: string
  end?: string
  zone?: string
  durationMinutes?: number
  timeToDetectMinutes?: number
  timeToMitigateMinutes?: number
  timeToResolveMinutes?: number
  impactPercent?: number
  /** Why a metric could not be measured. */
  problems: string[]
}

const minute = 60_000

/** The instants the metrics are measured from and to, in epoch ms. */
interface Milestones {
  /** The stated start, else the first entry with a time. */
  startMs?: number
  /** The first detection entry. */
  detected?: number
  /** The first entry that stops or reduces the impact, else resolution (never after it). */
  mitigated?: number
  /** The last resolution entry, else the stated end. */
  resolved?: number
}

/** Detection, mitigation and resolution as `stats` measures them (the playground draws the same). */
export function milestonesOf(incident: Incident): Milestones {
  const entries = (incident.timeline?.entries ?? []).filter(
    (entry) => entry.timestamp?.epochMs !== undefined,
  )
  const startMs = incident.duration?.start?.epochMs ?? entries[0]?.timestamp?.epochMs
  const detected = entries.find((entry) => entry.phases.includes('detection'))?.timestamp?.epochMs
  const resolved =
    entries.findLast((entry) => entry.phases.includes('resolution'))?.timestamp?.epochMs ??
    incident.duration?.end?.epochMs
  // Mitigation: the first entry that stops or reduces the impact, else resolution itself.
  const firstMitigation = entries.find(
    (entry) => marksMitigation(entry.fullText) || entry.phases.includes('resolution'),
  )?.timestamp?.epochMs
  const mitigated =
    firstMitigation !== undefined && resolved !== undefined
      ? Math.min(firstMitigation, resolved)
      : (firstMitigation ?? resolved)
  return {
    ...(startMs !== undefined ? {startMs} : {}),
    ...(detected !== undefined ? {detected} : {}),
    ...(mitigated !== undefined ? {mitigated} : {}),
    ...(resolved !== undefined ? {resolved} : {}),
  }
}

/**
 * A stated moment for a report: the instant in UTC (ISO 8601) when the
 * document dates it, else the time of day as written, `10:00, no date` (the
 * model places a dateless time on a placeholder day, which is no date at all).
 * `zone` is the report row's zone; a time written in another one says its own.
 */
function statedMoment(time: StatedTime, zone: string): string {
  if (time.dateFrom !== 'none') return new Date(time.epochMs).toISOString()
  const clock = wallClock(time.epochMs, time.zone)
  const hhmm = `${String(clock.hour).padStart(2, '0')}:${String(clock.minute).padStart(2, '0')}`
  const own = time.zone === zone ? '' : ` ${time.zoneText ?? time.zone}`
  return `${hhmm}${own}, no date`
}

function measure(tree: Root, file: VFile): IncidentMetrics {
  const incident = readIncident(tree, file)
  const metrics: IncidentMetrics = {path: file.path, problems: []}
  const start = incident.duration?.start
  const end = incident.duration?.end
  const {startMs, detected, mitigated, resolved} = milestonesOf(incident)
  const zone = incident.declaredZone ?? 'UTC'
  if (start) metrics.start = statedMoment(start, zone)
  if (end) metrics.end = statedMoment(end, zone)
  if (incident.declaredZone) metrics.zone = incident.declaredZone
  if (start && end && end.epochMs < start.epochMs) metrics.problems.push('stated end before start')
  else if (start && end)
    metrics.durationMinutes = Math.round((end.epochMs - start.epochMs) / minute)
  else metrics.problems.push('no stated start and end')
  if (startMs !== undefined && detected !== undefined)
    metrics.timeToDetectMinutes = Math.max(0, Math.round((detected - startMs) / minute))
  else metrics.problems.push('no detection in the timeline')
  if (startMs !== undefined && mitigated !== undefined)
    metrics.timeToMitigateMinutes = Math.max(0, Math.round((mitigated - startMs) / minute))
  if (startMs !== undefined && resolved !== undefined)
    metrics.timeToResolveMinutes = Math.max(0, Math.round((resolved - startMs) / minute))
  else metrics.problems.push('no resolution time')
  const readings = incident.impact.flatMap((statement) => statement.shares)
  const share =
    readings.flatMap((reading) => reading.percentages).find((percentage) => percentage.value <= 100)
      ?.value ??
    readings
      .flatMap((reading) => reading.shareWords)
      .map((word) => shareOfWords(word.text))
      .find((value) => value !== undefined)
  if (share !== undefined) metrics.impactPercent = share
  else metrics.problems.push('no impact share')
  return metrics
}

/** The percentage a share word states (`all users` 100, `half of` 50); counts with totals are left out. */
function shareOfWords(text: string): number | undefined {
  const words = text.toLowerCase()
  if (/^(?:no\b|none|no one|nobody)/.test(words)) return 0
  if (/three quarters/.test(words)) return 75
  if (/two thirds/.test(words)) return 67
  if (/half/.test(words)) return 50
  if (/third/.test(words)) return 33
  if (/quarter/.test(words)) return 25
  if (/fifth/.test(words)) return 20
  if (
    /^(?:all|every|each|the entire|entire|the whole|whole|everyone|everybody|anyone)\b/.test(words)
  )
    return 100
  return undefined
}

/** A remark plugin that stores each file's metrics in `file.data.incidentMetrics`. */
export function remarkIncidentMetrics(this: Processor) {
  return (tree: Root, file: VFile) => {
    file.data.incidentMetrics = measure(tree, file)
  }
}

export interface Summary {
  count: number
  median?: number
  p90?: number
}

/** Count, median and 90th percentile (nearest rank) of the values measured. */
export function summarise(values: (number | undefined)[]): Summary {
  const known = values.filter((value): value is number => value !== undefined).sort((a, b) => a - b)
  if (known.length === 0) return {count: 0}
  const rank = (share: number) =>
    known[Math.min(known.length - 1, Math.ceil(share * known.length) - 1)] as number
  const middle = known.length / 2
  const median =
    known.length % 2
      ? (known[Math.floor(middle)] as number)
      : ((known[middle - 1] as number) + (known[middle] as number)) / 2
  return {count: known.length, median, p90: rank(0.9)}
}

const columns = [
  'durationMinutes',
  'timeToDetectMinutes',
  'timeToMitigateMinutes',
  'timeToResolveMinutes',
  'impactPercent',
] as const

export function summary(
  rows: readonly IncidentMetrics[],
): Record<(typeof columns)[number], Summary> {
  return Object.fromEntries(
    columns.map((column) => [column, summarise(rows.map((row) => row[column]))]),
  ) as Record<(typeof columns)[number], Summary>
}

const csvField = (value: unknown) => {
  const text = value === undefined ? '' : String(value)
  return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

export function formatStats(
  rows: readonly IncidentMetrics[],
  format: 'table' | 'json' | 'csv',
): string {
  const totals = summary(rows)
  if (format === 'json') return JSON.stringify({incidents: rows, summary: totals}, null, 2)
  const header = [
    'path',
    'start',
    'end',
    'zone',
    'duration_min',
    'time_to_detect_min',
    'time_to_mitigate_min',
    'time_to_resolve_min',
    'impact_percent',
    'not_measured',
  ]
  const body = rows.map((row) => [
    row.path,
    row.start,
    row.end,
    row.zone,
    row.durationMinutes,
    row.timeToDetectMinutes,
    row.timeToMitigateMinutes,
    row.timeToResolveMinutes,
    row.impactPercent,
    row.problems.join('; '),
  ])
  if (format === 'csv')
    return [header, ...body].map((line) => line.map(csvField).join(',')).join('\n')
  const summaryRows = (['count', 'median', 'p90'] as const).map((key) => [
    key,
    '',
    '',
    '',
    ...columns.map((column) => totals[column][key]),
    '',
  ])
  const table = [header, ...body, ...summaryRows].map((line) =>
    line.map((cell) => (cell === undefined ? '-' : String(cell))),
  )
  const widths = header.map((_, index) =>
    Math.max(...table.map((line) => (line[index] ?? '').length)),
  )
  return table
    .map((line) =>
      line
        .map((cell, index) => cell.padEnd(widths[index] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n')
}
