/**
 * The incident model: one reading of a postmortem that every rule shares.
 * `readIncident` turns the mdast tree into lines, finds labelled sections,
 * the stated duration, the impact statements and the timeline's entries
 * with their instants, and caches the result on the file.
 */
import type {Root} from 'mdast'
import type {VFile} from 'vfile'
import {type CalendarDate, dateIn, nextDay, sameDate, toEpochMs} from '../time/instant.js'
import {findStatedLengths} from '../time/length.js'
import {recogniseTimes, type TimeMention, type WrittenTime} from '../time/recognise.js'
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
}

/** A moment the document states, with where it is written. */
export interface StatedTime {
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
}

const cache = new WeakMap<VFile, Map<string, Incident>>()

/** Read (or fetch from the file's cache) the incident model. */
export function readIncident(tree: Root, file: VFile, options: ModelOptions = {}): Incident {
  const key = JSON.stringify([options.aliases ?? {}, options.timezones ?? {}])
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

const dateOnly = (mention: TimeMention): CalendarDate | undefined => {
  const {year, month, day} = mention.from
  return year && month && day ? {year, month, day} : undefined
}

function statedTime(
  written: WrittenTime,
  date: CalendarDate | undefined,
  zone: ZoneId,
  text: SourceText,
): StatedTime | undefined {
  const ownDate =
    written.year && written.month && written.day
      ? {year: written.year, month: written.month, day: written.day}
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
  /\ball times?\b[^.]{0,20}?\b(?:are |in |are in )?\(?((?:UTC|GMT)(?:\s?[+-]\d{1,2}(?::?\d{2})?)?|[A-Z]{2,5})\b/
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
  const incident: Incident = {lines, labels, sections, impact: [], summaryShares: [], aliases}
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
    recogniseTimes(text.value, {timezones}).mentions.map((mention) => ({mention, text})),
  )
  const startMention = startLabel?.value
    ? recogniseTimes(startLabel.value.value, {timezones}).mentions[0]
    : undefined
  const endMention = endLabel?.value
    ? recogniseTimes(endLabel.value.value, {timezones}).mentions[0]
    : undefined
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
      for (const mention of recogniseTimes(text.value).mentions) {
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

  // Duration start/end/length.
  if (durationLabel || startLabel || endLabel || frontMatter.start || frontMatter.end) {
    const label = (durationLabel ?? startLabel ?? endLabel ?? frontMatter.label) as Label
    const duration: Duration = {label, crossesMidnight: false}
    let startWritten: {written: WrittenTime; text: SourceText; zone?: ZoneId} | undefined
    let endWritten: typeof startWritten
    const slice = (text: SourceText, mention: TimeMention) => text.slice(mention.start, mention.end)
    if (startLabel?.value && startMention)
      startWritten = {
        written: startMention.from,
        text: slice(startLabel.value, startMention),
        zone: mentionZone(startMention),
      }
    if (endLabel?.value && endMention)
      endWritten = {
        written: endMention.from,
        text: slice(endLabel.value, endMention),
        zone: mentionZone(endMention),
      }
    const [first, second] = durationMentions
    if (!startWritten && first) {
      const {fromRange, toRange} = first.mention
      startWritten = {
        written: first.mention.from,
        text: fromRange
          ? first.text.slice(fromRange.start, fromRange.end)
          : slice(first.text, first.mention),
        zone: mentionZone(first.mention),
      }
      if (first.mention.to)
        endWritten ??= {
          written: first.mention.to,
          text: toRange
            ? first.text.slice(toRange.start, toRange.end)
            : slice(first.text, first.mention),
          zone: mentionZone(first.mention),
        }
      else if (second)
        endWritten ??= {
          written: second.mention.from,
          text: slice(second.text, second.mention),
          zone: mentionZone(second.mention),
        }
    }
    for (const [key, field] of [
      ['start', frontMatter.start],
      ['end', frontMatter.end],
    ] as const) {
      if (!field) continue
      const mention = recogniseTimes(field.text.value, {timezones}).mentions[0]
      if (!mention) continue
      const value = {
        written: mention.from,
        text: field.text.slice(mention.start, mention.end),
        zone: mentionZone(mention),
      }
      if (key === 'start') startWritten ??= value
      else endWritten ??= value
    }
    const startDate = startWritten
      ? (dateOnly({from: startWritten.written} as TimeMention) ?? fallbackDate)
      : fallbackDate
    if (startWritten) {
      const start = statedTime(
        startWritten.written,
        startDate,
        startWritten.zone ?? zone,
        startWritten.text,
      )
      if (start) duration.start = start
    }
    if (endWritten) {
      let end = statedTime(
        endWritten.written,
        duration.start?.date ?? startDate,
        endWritten.zone ?? zone,
        endWritten.text,
      )
      const endHasOwnDate = endWritten.written.day !== undefined
      // `22:00 - 02:00` without dates runs past midnight.
      if (end && duration.start && !endHasOwnDate && end.epochMs < duration.start.epochMs) {
        end = statedTime(
          endWritten.written,
          nextDay(duration.start.date),
          endWritten.zone ?? zone,
          endWritten.text,
        )
      }
      if (end) duration.end = end
    }
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
      timezones,
      rollover: incident.duration?.crossesMidnight ?? false,
      startDate: writtenStartDate ?? referenceDate,
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
  return incident
}

/** Lines before the first section label: the introduction that serves as a summary. */
function introLines(lines: readonly Line[], labels: readonly Label[]): [number, number] {
  const first = labels.find((label) => label.kinds.length > 0)
  return [lines[0]?.kind === 'heading' ? 1 : 0, first ? first.line : Math.min(lines.length, 10)]
}

/** How much of an entry's first line is read for its timestamp. */
const entryHeadLength = 160

interface TimelineContext {
  zone: ZoneId
  fallbackDate: CalendarDate
  timezones: Record<string, string>
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
    const recognised = recogniseTimes(text.value.slice(0, entryHeadLength), {
      timezones: context.timezones,
      ...(currentDate ? {referenceDate: currentDate} : {}),
    })
    // Join a date column and a time column (`| 2024-03-08 | 14:00 | ...`).
    if (line.kind === 'row' && timeColumns(header).length > 1) {
      const second = line.cells?.[timeColumns(header)[1] ?? -1]
      const more = second ? recogniseTimes(second.value, {timezones: context.timezones}) : undefined
      const dateMention = recognised.mentions[0]
      const timeMention = more?.mentions[0]
      if (dateMention && timeMention && second) {
        recognised.mentions[0] = {
          ...dateMention,
          from: {...dateMention.from, ...timeMention.from},
          ...(timeMention.zone ? {zone: timeMention.zone} : {}),
        }
      }
    }
    const mention = recognised.mentions[0]
    const problems = recognised.problems.map((problem) => ({
      text: text.slice(problem.start, problem.end),
      reason: problem.reason,
    }))
    if (line.kind === 'heading') current = undefined
    const isNested = current !== undefined && line.listDepth > 0 && !line.itemStart
    const isDetail =
      current !== undefined &&
      line.listDepth > (lines[current.line]?.listDepth ?? 0) &&
      !mention &&
      problems.length === 0
    if ((isNested || isDetail) && current) {
      current.fullText += `\n${line.text.value}`
      current.phases = phasesOf(current.fullText)
      continue
    }
    // A heading without a time inside the timeline only groups entries.
    if (line.kind === 'heading' && !mention && problems.length === 0) {
      current = undefined
      continue
    }

    const entry: TimelineEntry = {
      line: index,
      text,
      fullText: line.text.value,
      phases: phasesOf(line.text.value),
      problems,
    }
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
