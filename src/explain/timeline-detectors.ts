/**
 * Suspicious readings of the timeline: lines that hold times no entry read,
 * a section longer than what was read, a time taken from inside an entry's
 * narrative, bare times after 12-hour ones, and dates that cross a year.
 */
import type {Detector, DetectorContext, Suspicion} from './context.js'
import type {TimeReading} from './readings.js'
import {
  clock,
  dayMonth,
  type Found,
  findTimes,
  isoDate,
  isUsedBy,
  monthDay,
  monthOf,
  plainLine,
  type RawLine,
  shorten,
} from './text.js'

/** How far into a line's plain text a time still counts as its head. */
const headLength = 30

const lengthAfter =
  /^\s*(?:hours?|hrs?|h\b|minutes?|mins?|m\b|seconds?|secs?|s\b|days?|%|percent|[kmgt]b\b)/i

/** The times at the head of a raw line (or at the head of a table row's cells), as file offsets. */
function headTimes(line: RawLine): Found[] {
  const isRow = /^\s*\|.*\|\s*$/.test(line.text)
  if (isRow && /^\s*\|[\s:|-]+\|\s*$/.test(line.text)) return []
  const {text, offsets} = plainLine(line.text)
  // A row's plain text joins its cells; each cell's head is where a row's time stands.
  const heads = isRow
    ? [...line.text.matchAll(/\|([^|]*)/g)].map((cell) => {
        const at = (cell.index ?? 0) + 1
        const lead = (cell[1] ?? '').length - (cell[1] ?? '').trimStart().length
        return offsets.findIndex((offset) => offset >= at + lead)
      })
    : [text.length - text.trimStart().length]
  const times = findTimes(text).filter(
    (found) =>
      heads.some(
        (head) =>
          head !== -1 && found.start >= head && found.start - head <= (isRow ? 12 : headLength),
      ) && !lengthAfter.test(text.slice(found.end)),
  )
  return times.map((found) => {
    const start = line.offset + (offsets[found.start] ?? 0)
    const end = line.offset + (offsets[found.end - 1] ?? 0) + 1
    return {...found, start, end}
  })
}

function timelineTimesUnread(context: DetectorContext): Suspicion[] {
  const lines = context.timelineLines()
  const timeline = context.incident.timeline
  if (!lines || !timeline) return []
  const first = timeline.label.value ? lines.from : lines.from + 1
  const withTime = timeline.entries.filter((entry) => entry.timestamp).length
  const found: Suspicion[] = []
  for (let number = first; number <= lines.to; number++) {
    const line = context.document.lines[number - 1]
    if (!line) continue
    const onLine = context.readingsIn(line.offset, line.offset + line.text.length)
    for (const time of headTimes(line)) {
      if (context.readingsIn(time.start, time.end).length > 0 || isUsedBy(time, onLine)) continue
      // `13:14 EDT (17:14 UTC)`: the same moment in another zone, after the one read.
      const before = context.document.source.slice(
        Math.max(line.offset, time.start - 3),
        time.start,
      )
      if (/\(\s*$/.test(before) && onLine.some((reading) => reading.end <= time.start)) continue
      const what = time.kind === 'date' ? 'date' : 'time'
      found.push(
        context.at(
          'timeline-times-unread',
          time.start,
          time.end,
          withTime === 0
            ? `a ${what} at the head of a timeline line, but none of the timeline’s entries has a time`
            : onLine.length > 0
              ? `a ${what} at the head of a timeline line that no reading used; read from ${onLine.map((reading) => `\`${shorten(reading.text, 24)}\``).join(', ')}`
              : `a ${what} at the head of a timeline line, but no entry read a time on this line`,
        ),
      )
      break
    }
  }
  return found
}

function timelineShort(context: DetectorContext): Suspicion[] {
  const raw = context.rawTimeline()
  const read = context.timelineLines()
  if (!raw) return []
  const after = read ? read.to + 1 : raw.heading.line + 1
  const timed: RawLine[] = []
  for (let number = after; number <= raw.end; number++) {
    const line = context.document.lines[number - 1]
    if (!line?.text.trim()) continue
    if (headTimes(line).length > 0) timed.push(line)
  }
  const firstTimed = timed[0]
  if (!firstTimed) return []
  const offset = firstTimed.offset + firstTimed.text.length - firstTimed.text.trimStart().length
  const detail = read
    ? `the timeline section runs to line ${raw.end}, but was read to line ${read.to}; ${timed.length} line${timed.length === 1 ? '' : 's'} after it hold${timed.length === 1 ? 's' : ''} times`
    : `a section named \`${shorten(raw.heading.name, 30)}\` (lines ${raw.heading.line}-${raw.end}) holds ${timed.length} line${timed.length === 1 ? '' : 's'} with times, but no timeline was read`
  return [context.at('timeline-short', offset, offset + firstTimed.text.trim().length, detail)]
}

/** Words (of two letters or more) in a text. */
const wordsIn = (text: string) => text.match(/[A-Za-z]{2,}/g)?.length ?? 0

/** Words before a reading on its raw line, in the line's plain text. */
function wordsBefore(
  context: DetectorContext,
  reading: TimeReading,
): {words: number; text: string} {
  const line = context.document.lineAt(reading.start)
  const {text, offsets} = plainLine(line.text)
  const index = offsets.findIndex((offset) => line.offset + offset >= reading.start)
  const before = text.slice(0, index === -1 ? text.length : index)
  return {words: wordsIn(before), text: before.trim()}
}

function timeFromNarrative(context: DetectorContext): Suspicion[] {
  const entries = context.readings.filter(
    (reading) =>
      reading.role === 'entry' &&
      reading.entry &&
      context.incident.lines[reading.entry.line]?.kind !== 'row',
  )
  const measured = entries.map((reading) => ({reading, ...wordsBefore(context, reading)}))
  const atHead = measured.filter((item) => item.words <= 2).length
  if (atHead < 2 || atHead * 2 < measured.length) return []
  return measured
    .filter((item) => item.words >= 4)
    .map(({reading, text}) =>
      context.at(
        'time-from-narrative',
        reading.start,
        reading.end,
        `the entry’s time was read from inside its text (after “${shorten(text.split(/\s+/).slice(-4).join(' '), 30)}”), while ${atHead} other entries give theirs at the head`,
      ),
    )
}

/** The first clock at the head of a line: its hour, minute and meridiem. */
function headClock(
  line: RawLine,
): {hour: number; minute: number; meridiem?: string; start: number; end: number} | undefined {
  for (const found of headTimes(line)) {
    if (found.kind !== 'clock') continue
    const match = new RegExp(clock.source, 'i').exec(found.text)
    if (!match) continue
    const meridiem = match[3]?.toLowerCase()
    return {
      hour: Number(match[1]),
      minute: Number(match[2]),
      ...(meridiem ? {meridiem} : {}),
      start: found.start,
      end: found.end,
    }
  }
  return undefined
}

function meridiemMissing(context: DetectorContext): Suspicion[] {
  const entries = context.incident.timeline?.entries ?? []
  const clocks = entries.flatMap((entry) => {
    const range = context.document.range(entry.text)
    if (!range) return []
    const found = headClock(context.document.lineAt(range.start))
    return found ? [{entry, ...found}] : []
  })
  if (!clocks.some((item) => item.meridiem)) return []
  // A 24-hour time (`13:05`, `00:30`) without a meridiem: the bare times are 24-hour ones.
  if (clocks.some((item) => !item.meridiem && (item.hour > 12 || item.hour === 0))) return []
  const found: Suspicion[] = []
  let last: (typeof clocks)[number] | undefined
  for (const item of clocks) {
    if (item.meridiem) {
      last = item
      continue
    }
    const previous = last
    if (previous?.meridiem !== 'p') continue
    const readMs = item.entry.timestamp?.epochMs
    const previousMs = previous.entry.timestamp?.epochMs
    const earlier = readMs !== undefined && previousMs !== undefined && readMs < previousMs
    const rolled = item.entry.timestamp?.rolledOver === true
    if (!earlier && !rolled) continue
    const previousText = context.document.source.slice(previous.start, previous.end)
    found.push(
      context.at(
        'meridiem-missing',
        item.start,
        item.end,
        `no AM or PM after \`${shorten(previousText, 16)}\` (line ${context.document.point(previous.start).line}); read as ${String(item.entry.timestamp?.mention.from.hour ?? item.hour).padStart(2, '0')}:${String(item.minute).padStart(2, '0')}${rolled ? ' on the next day' : ', before the entry above'}`,
      ),
    )
  }
  return found
}

/** The month of the first written date at the head of a line, and whether a year was written with it. */
function headDate(
  line: RawLine,
): {month: number; year: boolean; start: number; end: number} | undefined {
  for (const found of headTimes(line)) {
    if (found.kind !== 'date') continue
    const iso = new RegExp(isoDate.source).exec(found.text)
    if (iso) return {month: Number(iso[2]), year: true, start: found.start, end: found.end}
    const named =
      new RegExp(monthDay.source, 'i').exec(found.text)?.[1] ??
      new RegExp(dayMonth.source, 'i').exec(found.text)?.[2]
    const month = named ? monthOf(named) : undefined
    if (month) return {month, year: /\d{4}/.test(found.text), start: found.start, end: found.end}
  }
  return undefined
}

function yearCrossing(context: DetectorContext): Suspicion[] {
  const found: Suspicion[] = []
  let previous: {month: number; year: number; line: number} | undefined
  for (const entry of context.incident.timeline?.entries ?? []) {
    const range = context.document.range(entry.text)
    const timestamp = entry.timestamp
    if (!range || !timestamp?.hasDate) continue
    const date = headDate(context.document.lineAt(range.start))
    if (!date) continue
    const year = timestamp.date.year
    if (previous && previous.month >= 11 && date.month <= 2 && !date.year && year <= previous.year)
      found.push(
        context.at(
          'year-crossing',
          date.start,
          date.end,
          `the dates cross into a new year after line ${previous.line}, but this one was read in the same year (${year})`,
        ),
      )
    previous = {month: date.month, year, line: context.document.point(range.start).line}
  }
  return found
}

export const timelineDetectors: Detector[] = [
  {
    kind: 'timeline-times-unread',
    description: 'a date or time at the head of a timeline line that no entry read',
    detect: timelineTimesUnread,
  },
  {
    kind: 'timeline-short',
    description:
      'the timeline section holds lines with times after the last line the timeline was read from',
    detect: timelineShort,
  },
  {
    kind: 'time-from-narrative',
    description:
      'an entry’s time came from inside its text, while the timeline’s other entries give theirs at the head',
    detect: timeFromNarrative,
  },
  {
    kind: 'meridiem-missing',
    description:
      'a time without AM or PM after a PM time, read as a morning time before it or on the next day',
    detect: meridiemMissing,
  },
  {
    kind: 'year-crossing',
    description:
      'the timeline’s dates cross into January, but the later dates were read in the old year',
    detect: yearCrossing,
  },
]
