/**
 * Suspicious readings of how a time or date is written: a numeric date read
 * in the other order than the document's own dates, a date written after its
 * time that was dropped (or read without the time), and a number that is not
 * a time (an IP address, a version) read as one.
 */
import type {Detector, DetectorContext, Suspicion} from './context.js'
import {readsClock, readsDate, type TimeReading} from './readings.js'
import {findTimes, numericDate, shorten} from './text.js'

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

/** A clock with its meridiem and zone (case matters: `to` is no zone), then a date. */
const clockPart = String.raw`(?<![\d.:])(\d{1,2})[:.](\d{2})(?::\d{2})?(?:\s?[aApP]\.?[mM]\b\.?)?(?:\s*\(?\s*(?:(?:UTC|GMT)(?:\s?[+-]\s?\d{1,2}(?::?\d{2})?)?|[A-Z]{2,5})\b\)?)?`
const weekday = String.raw`(?:(?:[Mm]on|[Tt]ues?|[Ww]ed(?:nes)?|[Tt]hu(?:rs)?|[Ff]ri|[Ss]at(?:ur)?|[Ss]un)(?:day)?\.?,?\s+)?`
const month = String.raw`(?:[Jj]an|[Ff]eb|[Mm]ar|[Aa]pr|[Mm]ay|[Jj]un|[Jj]ul|[Aa]ug|[Ss]ep|[Oo]ct|[Nn]ov|[Dd]ec)[a-z]*\.?`
/** Any written date, without capturing groups. */
const datePart = String.raw`(?:${month}\s+\d{1,2}(?:st|nd|rd|th)?\b(?:,?\s+\d{4})?|\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?${month}(?![a-z])(?:,?\s+\d{4})?|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\b|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b)`
/** A time, then (after a comma, `on` or nothing: not `-` or `to`, which make a range) a date. */
const timeThenDate = new RegExp(
  String.raw`${clockPart}\s*(?:,|\bon\b|\|)?\s*(?:on\s+)?${weekday}(?<![\d/.-])(${datePart})`,
  'g',
)

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
      const dateText = match[3] ?? ''
      const dateStart = end - dateText.length
      const {hour = -1, minute = -1} = findTimes(match[0])[0] ?? {}
      const dates = findTimes(dateText).flatMap((item) => item.dates ?? [])
      // `November 5-6`: either day.
      const through = /^\s*[-–]\s*(\d{1,2})\b/.exec(line.text.slice(end - line.offset))
      const first = dates[0]
      if (through && first) dates.push({month: first.month, day: Number(through[1])})
      for (const reading of context.readingsIn(start, end)) {
        const fromClock = reading.start < dateStart
        let problem: string | undefined
        // A time placed on the written date (even as the incident's date) kept it.
        if (fromClock && dates.length > 0 && !readsDate(reading, dates))
          problem = reading.hasDate
            ? `the date after the time was not the one read; read as ${describe(reading)}`
            : `the date after the time was dropped; read as ${describe(reading)}`
        else if (!fromClock && !readsClock(reading, hour, minute))
          problem = `${reading.role === 'entry' ? 'the entry' : `the stated ${reading.role}`} was read from the date alone, without the time before it: ${describe(reading)}`
        if (problem) found.push(context.at('date-after-time', start, end, problem))
      }
    }
  }
  return found
}

function describe(reading: TimeReading): string {
  const date = reading.hasDate
    ? `${reading.year ?? '(no year)'}-${pad(reading.month)}-${pad(reading.day)}`
    : ''
  const time = reading.hasTime ? `${pad(reading.hour)}:${pad(reading.minute)}` : 'midnight'
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
