/**
 * Suspicious readings of how a time or date is written: a numeric date read
 * in the other order than the document's own dates, a date written after its
 * time that was dropped (or read without the time), and a number that is not
 * a time (an IP address, a version) read as one.
 */
import type {Detector, DetectorContext, Suspicion} from './context.js'
import type {TimeReading} from './readings.js'
import {dayMonth, isoDate, monthDay, monthOf, numericDate, shorten} from './text.js'

const pad = (value: number | undefined) => String(value ?? 0).padStart(2, '0')

function dayMonthOrder(context: DetectorContext): Suspicion[] {
  let dayFirst = 0
  let monthFirst = 0
  for (const match of context.document.source.matchAll(numericDate)) {
    const first = Number(match[1])
    const second = Number(match[3])
    if (first > 12 && second <= 12) dayFirst++
    if (second > 12 && first <= 12) monthFirst++
  }
  if ((dayFirst === 0) === (monthFirst === 0)) return []
  const order = dayFirst > 0 ? 'day-first' : 'month-first'
  const found: Suspicion[] = []
  for (const reading of context.readings) {
    if (!reading.hasDate || reading.month === undefined) continue
    for (const match of reading.text.matchAll(numericDate)) {
      const first = Number(match[1])
      const second = Number(match[3])
      if (first === second || first > 12 || second > 12) continue
      const readMonthFirst = reading.month === first && reading.day === second
      const readDayFirst = reading.month === second && reading.day === first
      if ((order === 'day-first' && readMonthFirst) || (order === 'month-first' && readDayFirst)) {
        const start = reading.start + (match.index ?? 0)
        found.push(
          context.at(
            'day-month-order',
            start,
            start + match[0].length,
            `read as month ${reading.month}, day ${reading.day}, but the document’s other numeric dates are ${order} (${order === 'day-first' ? dayFirst : monthFirst} of them cannot be read the other way)`,
          ),
        )
      }
    }
  }
  return found
}

const clockPart = String.raw`(?<![\d.:])(\d{1,2})[:.](\d{2})(?::\d{2})?(?:\s?([ap])\.?m\b\.?)?(?:\s*\(?\s*(?:UTC|GMT|[A-Z]{2,5})(?:\s?[+-]\s?\d{1,2}(?::?\d{2})?)?\)?)?`
const weekday = String.raw`(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?`
/** Any written date, without capturing groups (`monthDay` and the others capture theirs). */
const month = String.raw`(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?`
const datePart = String.raw`(?:${month}\s+\d{1,2}(?:st|nd|rd|th)?\b(?:,?\s+\d{4})?|\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?${month}(?![a-z])(?:,?\s+\d{4})?|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\b|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b)`
/** A time, then (after a comma, `on` or nothing: not `-` or `to`, which make a range) a date. */
const timeThenDate = new RegExp(
  String.raw`${clockPart}\s*(?:,|\bon\b|\|)?\s*(?:on\s+)?${weekday}(${datePart})`,
  'gi',
)

/** Month and day a written date names; undefined when its order is unknown (`03/04/2025`). */
function writtenDate(text: string): {month: number; day: number} | undefined {
  const iso = new RegExp(isoDate.source).exec(text)
  if (iso) return {month: Number(iso[2]), day: Number(iso[3])}
  const named = new RegExp(monthDay.source, 'i').exec(text)
  if (named) {
    const month = monthOf(named[1] ?? '')
    if (month) return {month, day: Number(named[2])}
  }
  const reversed = new RegExp(dayMonth.source, 'i').exec(text)
  if (reversed) {
    const month = monthOf(reversed[2] ?? '')
    if (month) return {month, day: Number(reversed[1])}
  }
  return undefined
}

function dateAfterTime(context: DetectorContext): Suspicion[] {
  const found: Suspicion[] = []
  const lines = new Set(
    context.readings.map((reading) => context.document.lineAt(reading.start).number),
  )
  for (const number of lines) {
    const line = context.document.lines[number - 1]
    if (!line) continue
    for (const match of line.text.matchAll(timeThenDate)) {
      const start = line.offset + (match.index ?? 0)
      const end = start + match[0].length
      const dateText = match[4] ?? ''
      const dateStart = end - dateText.length
      let hour = Number(match[1])
      const meridiem = match[3]?.toLowerCase()
      if (meridiem === 'p' && hour < 12) hour += 12
      if (meridiem === 'a' && hour === 12) hour = 0
      const minute = Number(match[2])
      const date = writtenDate(dateText)
      const readings = context.readingsIn(start, end)
      const reading = readings[0]
      if (!reading) continue
      const readsClock = reading.start < dateStart
      let problem: string | undefined
      if (readsClock && !reading.hasDate)
        problem = `the date after the time was dropped; read as ${describe(reading)}`
      else if (readsClock && date && (reading.month !== date.month || reading.day !== date.day))
        problem = `the date after the time was not the one read; read as ${describe(reading)}`
      else if (
        !readsClock &&
        (!reading.hasTime || reading.hour !== hour || reading.minute !== minute)
      )
        problem = `the time before the date was dropped; read as ${describe(reading)}`
      if (problem) found.push(context.at('date-after-time', start, end, problem))
    }
  }
  return found
}

function describe(reading: TimeReading): string {
  const date = reading.hasDate
    ? `${reading.year ?? '(no year)'}-${pad(reading.month)}-${pad(reading.day)}`
    : ''
  const time = reading.hasTime
    ? `${pad(reading.hour)}:${pad(reading.minute)}`
    : 'midnight (no time)'
  return date ? `${date} ${time}` : `${time} with no date`
}

/** The digits, dots, colons and commas around a reading's first number, as written. */
function numberToken(source: string, start: number): {text: string; before: string; after: string} {
  let from = start
  while (from < source.length && !/\d/.test(source[from] as string)) from++
  let to = from
  while (to < source.length && /[\d.:,]/.test(source[to] as string)) to++
  while (to > from && /[.:,]/.test(source[to - 1] as string)) to--
  let back = from
  while (back > 0 && /[\d.:]/.test(source[back - 1] as string)) back--
  return {
    text: source.slice(back, to),
    before: source.slice(Math.max(0, back - 16), back),
    after: source.slice(to, to + 12),
  }
}

const notATime: [string, (token: string, before: string, after: string) => boolean][] = [
  ['an IP address', (token) => /^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(token)],
  [
    'a version',
    (token, before) =>
      /^\d+(?:\.\d+){2,}$/.test(token) || /(?:\bv|\bversion\s?|\brelease\s?|@)$/i.test(before),
  ],
  [
    'a block height or number',
    (token, before) =>
      /\b(?:block|height|slot|epoch|number|id|no\.?|pr|issue|ticket|build|run|job)\s*#?\s*$/i.test(
        before,
      ) || /^\d{1,3}(?:,\d{3})+/.test(token),
  ],
  [
    'a quantity',
    (_token, _before, after) =>
      /^\s*(?:%|percent\b|ms\b|s\b|sec|seconds?\b|minutes?\b|mins?\b|hours?\b|hrs?\b|[kmgt]i?b\b|x\b|rps\b|qps\b)/i.test(
        after,
      ),
  ],
  ['a port or address', (_token, before) => /(?:[a-z]|localhost|\]):$|:\/\/[^\s]*$/i.test(before)],
]

function numberReadAsTime(context: DetectorContext): Suspicion[] {
  const found: Suspicion[] = []
  for (const reading of context.readings) {
    const {text, before, after} = numberToken(context.document.source, reading.start)
    if (!text) continue
    const match = notATime.find(([, test]) => test(text, before, after))
    if (!match) continue
    const what = match[0]
    const readAs =
      reading.role === 'impossible'
        ? 'an impossible time'
        : `${reading.role === 'entry' ? 'the entry’s' : `the stated ${reading.role}`} time`
    found.push(
      context.at(
        'number-read-as-time',
        reading.start,
        reading.end,
        `\`${shorten(`${text}${after.match(/^\s*\S+/)?.[0] ?? ''}`, 24)}\` looks like ${what}, but was read as ${readAs} (\`${shorten(reading.text, 20)}\`)`,
      ),
    )
  }
  return found
}

export const timeFormDetectors: Detector[] = [
  {
    kind: 'day-month-order',
    description:
      'a numeric date read month-first where the document’s own dates are day-first, or the reverse',
    detect: dayMonthOrder,
  },
  {
    kind: 'date-after-time',
    description:
      'a date written after its time (`14:30 UTC, March 6`) was dropped, or read without its time',
    detect: dateAfterTime,
  },
  {
    kind: 'number-read-as-time',
    description:
      'a number that is not a time (an IP address, a version, a block height) read as one',
    detect: numberReadAsTime,
  },
]
