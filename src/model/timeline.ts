/**
 * The timeline's entries: one per list item, line, table row or timed
 * heading of the timeline's block. A line belongs to the entry above it when
 * it is nested under it, continues its paragraph, or describes a time written
 * on a line of its own. An entry's time is the one at its head (`14:05 UTC:
 * ...`, `At 10:00 pm ...`); in a timeline written that way, a time inside a
 * line's narrative (`... peaking around 07:15`) is not an entry's time.
 * `entry-times.ts` places the times on the calendar.
 */
import type {Recognised, TimeMention, WrittenTime} from '../time/recognise.js'
import {type PlacingContext, TimePlacer} from './entry-times.js'
import type {Line} from './line.js'
import {phasesOf} from './phases.js'
import type {Label} from './sections.js'
import type {SourceText} from './source-text.js'
import type {Timeline, TimelineEntry, TimestampProblem} from './types.js'

/** How much of an entry's first line is read for its timestamp. */
export const entryHeadLength = 160

interface TimelineContext extends PlacingContext {
  recognise: (text: string) => Recognised
}

/** A line of the timeline's block with the time read from it. */
interface TimelineLine {
  index: number
  line: Line
  /** The text the time is read from: the line, the label's value, or a table row's time cell. */
  text: SourceText
  mention?: TimeMention
  /** The mention stands at the line's head, not inside its narrative. */
  atHead: boolean
  problems: TimestampProblem[]
}

/** Which table columns hold the time, from the header (`Time (UTC)`, `Date`). */
function timeColumns(header: Line | undefined): number[] {
  const cells = header?.cells ?? []
  const columns = cells.flatMap((cell, index) =>
    /\b(?:time|date|when|timestamp|at)\b/i.test(cell.value) ? [index] : [],
  )
  return columns.length > 0 ? columns : [0]
}

/** What may stand before an entry's time: decoration and a word such as `At` or a weekday. */
const headLead =
  /^[\s*_[\](){}•·#>|~-]*(?:(?:at|on|around|about|by|approximately|approx\.?|circa|from|since|between|after|before|roughly|shortly after|until|till|ca\.?|~|(?:mon|tues|wednes|thurs|fri|satur|sun)day,?|day \d+,?)\s+)*[\s*_[(•·-]*$/i

/** The lines of the timeline's block with their times (a table row's from its time cells). */
function timelineLines(
  lines: readonly Line[],
  label: Label,
  recognise: (text: string) => Recognised,
): TimelineLine[] {
  const result: TimelineLine[] = []
  let header: Line | undefined
  // A label's value, or a table's header row (a table that is the timeline), is part of the timeline.
  const first = label.value || lines[label.line]?.kind === 'row' ? label.line : label.line + 1
  for (let index = first; index < label.end; index++) {
    const line = lines[index]
    if (!line) continue
    let text = index === label.line && label.value ? label.value : line.text
    if (line.kind === 'row' && line.header) {
      header = line
      continue
    }
    const columns = line.kind === 'row' ? timeColumns(header) : []
    if (line.kind === 'row') text = line.cells?.[columns[0] ?? 0] ?? text
    if (!text.value) continue
    // An entry's timestamp sits near its start; reading only the head keeps chrono's work per entry small.
    const recognised = recognise(text.value.slice(0, entryHeadLength))
    let mention: TimeMention | undefined = recognised.mentions[0]
    // Join a date column and a time column (`| 2024-03-08 | 14:00 | ...`); the shared reading is not changed.
    const second = columns.length > 1 ? line.cells?.[columns[1] ?? -1] : undefined
    const timeMention = second ? recognise(second.value).mentions[0] : undefined
    if (mention && timeMention)
      mention = {
        ...mention,
        from: {...mention.from, ...timeMention.from},
        ...(timeMention.zone ? {zone: timeMention.zone} : {}),
      }
    const problems = recognised.problems.map((problem) => ({
      text: text.slice(problem.start, problem.end),
      reason: problem.reason,
    }))
    // `20202-01-17 10:00`: a time after an impossible date has no day to be placed on.
    const placedAt = mention?.start ?? -1
    if (recognised.problems.some((problem) => problem.start <= placedAt)) mention = undefined
    const atHead =
      line.kind === 'row' ||
      (mention !== undefined && headLead.test(text.value.slice(0, mention.start)))
    result.push({index, line, text, ...(mention ? {mention} : {}), atHead, problems})
  }
  return result
}

/**
 * Whether the timeline's times are on a 12-hour clock: more of them carry
 * AM/PM (`1:42-1:59 PM`) than show a 24-hour clock (`14:05`, `09:05`).
 */
function isTwelveHour(read: readonly TimelineLine[]): boolean {
  let twelve = 0
  let twentyFour = 0
  for (const {mention, atHead} of read) {
    if (!mention || !atHead || mention.from.hour === undefined) continue
    if (/\d\s?[ap]\.?m\b/i.test(mention.text)) twelve++
    else if (/(?:^|\D)(?:0\d|1[3-9]|2[0-3]):\d{2}/.test(mention.text)) twentyFour++
  }
  return twelve > twentyFour
}

/**
 * The year of the timeline's first date, counted back from the first date
 * written with a year: each step back in the calendar between them (`Dec
 * 31st`, then `Jan 02nd`) is a new year.
 */
function yearOfFirstDate(read: readonly TimelineLine[]): number | undefined {
  const dates = read.flatMap(({mention, atHead}) =>
    mention && atHead && mention.from.month && mention.from.day ? [mention.from] : [],
  )
  const firstWithYear = dates.findIndex((date) => date.year !== undefined)
  const written = dates[firstWithYear]
  if (!written?.year || firstWithYear === 0) return undefined
  let year = written.year
  for (let index = firstWithYear; index > 0; index--) {
    const later = dates[index] as WrittenTime
    const earlier = dates[index - 1] as WrittenTime
    const dayOf = (date: WrittenTime) => (date.month ?? 0) * 32 + (date.day ?? 0)
    if (dayOf(earlier) > dayOf(later)) year--
  }
  return year
}

/** The entry's text is only its timestamp (`**14:05 UTC**`): its description is on the next line. */
function isTimeOnly(entry: TimelineEntry, line: Line | undefined): boolean {
  const stamp = entry.timestamp
  if (!stamp || line?.kind === 'row') return false
  const rest = entry.text.value.replace(stamp.text.value, '')
  return !/[\p{L}\d]/u.test(rest)
}

export function readTimeline(
  lines: readonly Line[],
  label: Label,
  context: TimelineContext,
): Timeline {
  const read = timelineLines(lines, label, context.recognise)
  // Where most times stand at the head of their lines, a time inside the narrative is no entry's.
  const atHead = read.filter((line) => line.mention && line.atHead).length
  const inside = read.filter((line) => line.mention && !line.atHead).length
  const headStyle = atHead > 0 && atHead >= inside
  const firstYear = yearOfFirstDate(read)
  const placer = new TimePlacer({
    ...context,
    twelveHour: isTwelveHour(read),
    ...(firstYear !== undefined ? {firstYear} : {}),
  })
  const entries: TimelineEntry[] = []
  let current: TimelineEntry | undefined
  let groupLabel: string | undefined
  const append = (entry: TimelineEntry, text: string, narrative?: TimeMention) => {
    entry.fullText += `\n${text}`
    if (narrative) noteLaterTime(entry, narrative)
  }
  // A time in the narrative after the entry's own (`... complete recovery by 1:30 PM`) is kept apart.
  const noteLaterTime = (entry: TimelineEntry, mention: TimeMention) => {
    const stamp = entry.timestamp
    const at = stamp && placer.narrativeTime(mention, stamp)
    if (at !== undefined && at > (stamp?.epochMs ?? at) && at > (entry.laterMs ?? 0))
      entry.laterMs = at
  }

  for (const {index, line, text, mention: found, atHead: foundAtHead, problems} of read) {
    // In a timeline whose times lead their lines, a line with a time only in its narrative may continue an entry.
    const headMention = found && (foundAtHead || !headStyle) ? found : undefined
    const untimed = !headMention && problems.length === 0
    const currentLine = current ? lines[current.line] : undefined
    if (line.kind === 'heading') current = undefined
    // A line under a timed heading (`### 4:27`) describes that moment.
    if (current && currentLine?.kind === 'heading' && untimed) {
      append(current, line.text.value, found)
      continue
    }
    // `Detection Time:` on its own line names what the next entry records.
    if (untimed && line.kind === 'paragraph' && line.listDepth === 0 && /:$/.test(text.value)) {
      groupLabel = text.value
      current = undefined
      continue
    }
    if (current && currentLine && untimed && line.kind !== 'heading') {
      const continues =
        (line.listDepth > 0 && !line.itemStart) ||
        line.listDepth > currentLine.listDepth ||
        (line.block === currentLine.block && line.indexInBlock > 0) ||
        isTimeOnly(current, currentLine)
      if (continues) {
        append(current, line.text.value, found)
        continue
      }
    }
    // A line inside an item belongs to the entry above, unless it opens with a time of its own
    // (`2. Timeline` over lines `15:00 UTC: ...` that continue the item's paragraph).
    const ownEntry = headMention !== undefined && line.indexInBlock > 0
    if (current && line.listDepth > 0 && !line.itemStart && line.kind !== 'heading' && !ownEntry) {
      append(current, line.text.value)
      continue
    }
    // A heading without a time inside the timeline only groups entries.
    if (line.kind === 'heading' && untimed) {
      current = undefined
      continue
    }
    // A timed item under an untimed label item (`- **Detection Time:**` / `  - 10:15 UTC`) speaks of that label.
    const parent =
      current && !current.timestamp && line.listDepth > (currentLine?.listDepth ?? 0)
        ? current.fullText
        : undefined
    const about = groupLabel ?? parent
    groupLabel = undefined
    // Phases are read once the entry's text is complete (below), not again for each nested line.
    const entry: TimelineEntry = {
      line: index,
      text,
      fullText: about ? `${about} ${line.text.value}` : line.text.value,
      phases: [],
      problems,
    }
    // An entry of its own whose only time is in its narrative (`Resolution: ... back up at 10:30 PM`) is at that time.
    const mention = headMention ?? found
    if (mention) {
      entry.timestamp = placer.place(mention, text.slice(mention.start, mention.end), text)
      if (mention !== headMention) entry.timestamp.fromNarrative = true
      const later = context.recognise(text.value.slice(0, entryHeadLength)).mentions.slice(1)
      for (const narrative of later) noteLaterTime(entry, narrative)
    }
    entries.push(entry)
    current = entry
  }
  for (const entry of entries) entry.phases = phasesOf(entry.fullText)
  return {label, entries}
}
