/**
 * The timeline's entries and their times: one entry per list item, line,
 * table row or timed heading of the timeline's block; nested lines without a
 * time of their own belong to the entry above. Bare times take their date
 * from the entry before (or the incident's date) and roll over to the next
 * day only when the stated duration crosses midnight.
 */
import {readClock} from '../time/clock.js'
import {type CalendarDate, nextDay, toEpochMs} from '../time/instant.js'
import type {Recognised} from '../time/recognise.js'
import type {ZoneId} from '../time/zones.js'
import type {Line} from './line.js'
import {phasesOf} from './phases.js'
import type {Label} from './sections.js'
import type {Timeline, TimelineEntry} from './types.js'

/** How much of an entry's first line is read for its timestamp. */
export const entryHeadLength = 160

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

export function readTimeline(
  lines: readonly Line[],
  label: Label,
  context: TimelineContext,
): Timeline {
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
