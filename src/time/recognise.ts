/**
 * Finds the times and dates written in a piece of text, with their offsets.
 * chrono-node recognises them (strict English, with the relative parsers and
 * its own zone refiners removed); zones and impossible values are read here.
 * Only the components the author wrote are kept: chrono's guessed instant is
 * never used, so nothing depends on the host's zone or clock.
 */
import {Chrono, configuration, type ParsedResult, strict} from 'chrono-node/en'

type ParsedComponents = ParsedResult['start']

import {normaliseTimeText} from './normalise.js'
import {findZoneName, resolveZone, type ZoneResolution} from './zones.js'

/** What the author wrote of one point in time. */
export interface WrittenTime {
  year?: number
  month?: number
  day?: number
  hour?: number
  minute?: number
  second?: number
}

interface ZoneMention {
  text: string
  start: number
  end: number
  resolution: ZoneResolution
}

export interface TimeMention {
  /** Offsets into the text given. */
  start: number
  end: number
  text: string
  from: WrittenTime
  /** The end of a range (`14:00 - 18:30`). */
  to?: WrittenTime
  /** For a range, the offsets (into the text given) of its start part and its end part. */
  fromRange?: {start: number; end: number}
  toRange?: {start: number; end: number}
  zone?: ZoneMention
}

interface TimeProblem {
  start: number
  end: number
  text: string
  reason: string
}

export interface Recognised {
  mentions: TimeMention[]
  problems: TimeProblem[]
}

export interface RecogniseOptions {
  /** A team's abbreviation map (`{IST: 'Asia/Kolkata'}`). */
  timezones?: Record<string, string>
  /** The document writes numeric dates day first (`15/02/2024`), so `03/04/2024` is 3 April. */
  dayFirst?: boolean
}

const unwantedParsers = new Set([
  'ENTimeUnitWithinFormatParser',
  'ENTimeUnitAgoFormatParser',
  'ENTimeUnitLaterFormatParser',
  'ENWeekdayParser',
])
const unwantedRefiners = new Set([
  'ExtractTimezoneAbbrRefiner',
  'ExtractTimezoneOffsetRefiner',
  'ForwardDateRefiner',
])

const chronoInstances = new Map<boolean, Chrono>()

/** chrono-node in strict English, month first or (for a document that writes dates so) day first. */
function chrono(dayFirst = false): Chrono {
  let instance = chronoInstances.get(dayFirst)
  if (!instance) {
    instance = dayFirst ? new Chrono(configuration.createConfiguration(true, true)) : strict.clone()
    instance.parsers = instance.parsers.filter(
      (parser) => !unwantedParsers.has(parser.constructor.name),
    )
    instance.refiners = instance.refiners.filter(
      (refiner) => !unwantedRefiners.has(refiner.constructor.name),
    )
    chronoInstances.set(dayFirst, instance)
  }
  return instance
}

const dayFirstDate = /\b(?:1[3-9]|2\d|3[01])[/.-](?:0?[1-9]|1[0-2])[/.-]\d{2,4}\b/
const monthFirstDate = /\b(?:0?[1-9]|1[0-2])[/.-](?:1[3-9]|2\d|3[01])[/.-]\d{2,4}\b/

/**
 * Whether a document writes its numeric dates day first: one of them only
 * makes sense so (`15/02/2024`) and none only month first (`02/15/2024`).
 */
export function writesDayFirst(source: string): boolean {
  return dayFirstDate.test(source) && !monthFirstDate.test(source)
}

function written(components: ParsedComponents): WrittenTime {
  const result: WrittenTime = {}
  const hasDate = components.isCertain('day') || components.isCertain('month')
  if (hasDate) {
    result.month = components.get('month') ?? undefined
    result.day = components.get('day') ?? undefined
    // Only a year the author wrote; the model fills in the incident's year otherwise.
    if (components.isCertain('year')) result.year = components.get('year') ?? undefined
  }
  if (components.isCertain('hour')) {
    result.hour = components.get('hour') ?? undefined
    result.minute = components.get('minute') ?? 0
    if (components.isCertain('second')) result.second = components.get('second') ?? 0
  }
  return result
}

/** Zone text right after a time: `UTC`, `(PST)`, `, UTC)`, `GMT+1`, `GMT + 1`, `UTC -07:00`, `Z`, `EAT`, `Eastern`. */
const trailingZone =
  /^[\s,]*[([]?\s*((?:UTC|GMT|UT) ?[+-] ?\d{1,2}(?::?\d{2})?(?!\d)|(?:utc|gmt)\b|Z\b|[A-Z]{2,5}\b|(?:Pacific|Eastern|Central|Mountain)\b(?! (?:European|African|Standard|Daylight)))/
/** `PST (UTC-7)`: an offset in parentheses after an abbreviation says what it means. */
const offsetAfterAbbreviation = /^\s*\(\s*((?:UTC|GMT) ?[+-] ?\d{1,2}(?::?\d{2})?)\s*\)/
/** What may stand between a time and a zone written in words: `, `, `(`, `in`. */
const beforeZoneName = /^[\s,]*[([]?\s*(?:in\s+)?/
const leadingWords =
  /^(?:at|on|from|by|around|about|since|until|till|approximately|approx\.?|circa|~)\s+/i

function findZone(
  text: string,
  from: number,
  timezones: Record<string, string>,
): ZoneMention | undefined {
  const after = text.slice(from, from + 48)
  const match = trailingZone.exec(after)
  if (!match?.[1]) return zoneNameAfter(text, from, after)
  const zoneText = match[1]
  let resolution = resolveZone(zoneText, timezones)
  // An unknown capitalised word only counts as a zone when it looks like one (`GWT`).
  if (resolution.kind === 'unknown' && !/^[A-Z]{2,4}T$/.test(zoneText))
    return zoneNameAfter(text, from, after)
  const start = from + match[0].length - zoneText.length
  let end = start + zoneText.length
  const offset = offsetAfterAbbreviation.exec(text.slice(end, end + 16))
  if (offset?.[1] && !/^(?:UTC|GMT|UT)/i.test(zoneText)) {
    resolution = resolveZone(offset[1])
    end += offset[0].length
  }
  return {text: text.slice(start, end), start, end, resolution}
}

/** A zone written in words right after a time (`10:00 West African Time`, `7:09 AM (Pacific time)`). */
function zoneNameAfter(text: string, from: number, after: string): ZoneMention | undefined {
  const lead = beforeZoneName.exec(after)?.[0].length ?? 0
  const name = findZoneName(after.slice(lead), true)
  if (!name) return undefined
  const start = from + lead + name.start
  const end = from + lead + name.end
  return {text: text.slice(start, end), start, end, resolution: {kind: 'known', zone: name.zone}}
}

const monthNames = [
  'jan',
  'feb',
  'mar',
  'apr',
  'may',
  'jun',
  'jul',
  'aug',
  'sep',
  'oct',
  'nov',
  'dec',
]

export function daysInMonth(year: number | undefined, month: number): number {
  if (month === 2) {
    if (year === undefined) return 29
    return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28
  }
  return [4, 6, 9, 11].includes(month) ? 30 : 31
}

const clockPattern =
  /(?<![\d.:/])(\d{1,2}):(\d{1,2})(?::(\d{1,2}))?(?:\s?([ap])\.?m\b\.?)?(?!\d|:\d)/gi
const hourMeridiemPattern = /(?<![\d.:])(\d{1,2})\s?([ap])\.?m\b\.?/gi
const monthDayPattern =
  /\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(\d{4}))?/gi
const dayMonthPattern =
  /\b(\d{1,2})(?:st|nd|rd|th)?\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b\.?(?:,?\s+(\d{4}))?/gi
const isoDatePattern = /\b(\d{4})-(\d{1,2})-(\d{1,2})\b/g
const longYearPattern = /\b(\d{5,})-(\d{1,2})-(\d{1,2})\b/g

/** Timestamp-like text that names an impossible moment, which chrono silently drops. */
function findProblems(text: string): TimeProblem[] {
  const problems: TimeProblem[] = []
  const add = (match: RegExpExecArray, reason: string) =>
    problems.push({start: match.index, end: match.index + match[0].length, text: match[0], reason})

  for (const match of text.matchAll(clockPattern)) {
    const hour = Number(match[1])
    const minuteText = match[2] ?? ''
    const minute = Number(minuteText)
    const second = match[3] === undefined ? undefined : Number(match[3])
    const meridiem = match[4]?.toLowerCase()
    if (minuteText.length === 1) {
      // `3:1` is a ratio; `07:7:47` is a broken timestamp.
      if (second !== undefined) add(match, 'its minutes need two digits')
      continue
    }
    if (hour > 24 || (hour === 24 && (minute > 0 || meridiem)))
      add(match, `hour ${hour} does not exist`)
    else if (minute > 59) add(match, `minute ${minute} does not exist`)
    else if (second !== undefined && second > 59) add(match, `second ${second} does not exist`)
    // `00:15 AM` is odd but readable (12:15 AM); `00:15 PM` and `13:00 PM` are not.
    else if (meridiem && (hour > 12 || (hour === 0 && meridiem === 'p')))
      add(match, `a 24-hour time cannot take ${meridiem === 'a' ? 'AM' : 'PM'}`)
  }
  for (const match of text.matchAll(hourMeridiemPattern)) {
    const hour = Number(match[1])
    if (hour > 12 || hour === 0) add(match, `hour ${hour} does not exist on a 12-hour clock`)
  }
  const checkDay = (
    match: RegExpExecArray,
    monthText: string,
    dayText: string,
    yearText?: string,
  ) => {
    const month = monthNames.indexOf(monthText.slice(0, 3).toLowerCase()) + 1
    const day = Number(dayText)
    const year = yearText ? Number(yearText) : undefined
    if (month > 0 && (day < 1 || day > daysInMonth(year, month)))
      add(
        match,
        `${monthText.slice(0, 1).toUpperCase()}${monthText.slice(1, 3).toLowerCase()} has no day ${day}`,
      )
  }
  for (const match of text.matchAll(monthDayPattern))
    checkDay(match, match[1] ?? '', match[2] ?? '', match[3])
  for (const match of text.matchAll(dayMonthPattern))
    checkDay(match, match[2] ?? '', match[1] ?? '', match[3])
  for (const match of text.matchAll(isoDatePattern)) {
    const year = Number(match[1])
    const month = Number(match[2])
    const day = Number(match[3])
    if (month < 1 || month > 12) add(match, `month ${month} does not exist`)
    else if (day < 1 || day > daysInMonth(year, month))
      add(match, `month ${month} has no day ${day}`)
  }
  for (const match of text.matchAll(longYearPattern))
    add(match, `year ${match[1]} has ${match[1]?.length} digits`)
  return problems
}

const months = monthNames.join('|')

/** A heading or line that is only a date or day (`May 12`, `2024-03-08`, `Tuesday, 3 March`, `Day 2`). */
const dateOnly = new RegExp(
  String.raw`^[\s*_]*(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+)?(?:\d{4}-\d{1,2}-\d{1,2}|(?:${monthNames.join('|')})[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?(?:,?\s+\d{4})?|\d{1,2}(?:st|nd|rd|th)?\s+(?:${monthNames.join('|')})[a-z]*\.?(?:,?\s+\d{4})?|day\s+\d+|(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*day)[\s*_:.]*(?:\([^)]*\))?[\s*_]*$`,
  'i',
)

export function isDateOnly(text: string): boolean {
  return text.length < 60 && dateOnly.test(text)
}
/** A cheap test for anything chrono or the impossible-value scan could read. */
const timestampShape = new RegExp(
  String.raw`\d\s?[:.h]\s?\d|\d\s?[ap]\.?m\b|\d{4}-\d|\d{1,2}-\d{1,2}-\d{4}|\d\/\d|\b(?:${months})[a-z]*\.?\s+\d|\d(?:st|nd|rd|th)?\s+(?:${months})|\d{4}\s?(?:hrs?|hours|z|utc|gmt)\b`,
  'i',
)

/** Recognise every time and date mention in `text` (offsets into `text`). */
export function recogniseTimes(text: string, options: RecogniseOptions = {}): Recognised {
  // Every time or date we read has a digit next to a time or date shape; most narrative lines have none.
  if (!timestampShape.test(text)) return {mentions: [], problems: []}
  return leadingClockTime(text, options) ?? recogniseWithChrono(text, options)
}

/**
 * `14:05 UTC: ...`, `**10:30 AM**: ...`, `2024-03-08 14:05: ...`,
 * `May 12, 2024, 14:05 (UTC)`: a valid clock time, after an ISO date, a
 * written date or nothing, leading a line with no other time or date.
 */
const leadingClock =
  /^[\s*_[(•·-]*(?:(\d{4})-(\d{2})-(\d{2}) |(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|oct|nov|dec)\.? (\d{1,2}), (\d{4}),? )?(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s?([ap])\.?m\b\.?)?(?!\d|[:.]\d)/i

/**
 * The common timeline entry, read without chrono-node (a third of the model's
 * time on real postmortems). Anything less plain goes to chrono; a test checks
 * that both readings agree on such lines.
 */
function leadingClockTime(text: string, options: RecogniseOptions): Recognised | undefined {
  const match = leadingClock.exec(text)
  if (!match) return undefined
  const clockEnd = match[0].length
  // Another time or date on the line (a range, a date after the time) needs the full reading.
  if (
    timestampShape.test(text.slice(clockEnd)) ||
    /^\s*(?:[-–—]|to\b|until\b|on\b)/i.test(text.slice(clockEnd))
  )
    return undefined
  const [, isoYear, isoMonth, isoDay, monthName, writtenDay, writtenYear] = match
  let hour = Number(match[7])
  const minute = Number(match[8])
  const second = match[9] === undefined ? undefined : Number(match[9])
  const meridiem = match[10]?.toLowerCase()
  if (hour > 23 || minute > 59 || (second !== undefined && second > 59)) return undefined
  if (meridiem && (hour > 12 || (hour === 0 && meridiem === 'p'))) return undefined
  if (meridiem === 'p' && hour < 12) hour += 12
  if (meridiem === 'a' && hour === 12) hour = 0
  // The mention starts after the decoration (`**`, `[`, a bullet).
  const start = match[0].search(/[\da-z]/i)
  const from: WrittenTime = {}
  // A date before the clock (`2024-03-08`, `May 12, 2024,`); an impossible date goes to the full reading.
  const date = isoYear
    ? {month: Number(isoMonth), day: Number(isoDay), year: Number(isoYear)}
    : monthName
      ? {
          month: monthNames.indexOf(monthName.slice(0, 3).toLowerCase()) + 1,
          day: Number(writtenDay),
          year: Number(writtenYear),
        }
      : undefined
  if (date) {
    const {month, day, year} = date
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined
    // In the order chrono's reading gives them, so both readings print alike.
    Object.assign(from, {month, day, year})
  }
  Object.assign(from, {hour, minute})
  if (second !== undefined) from.second = second
  const zone = findZone(text, clockEnd, options.timezones ?? {})
  const end = zone ? zone.end + (/^\)/.test(text.slice(zone.end)) ? 1 : 0) : clockEnd
  const mention: TimeMention = {start, end, text: text.slice(start, end), from}
  if (zone) mention.zone = zone
  return {mentions: [mention], problems: []}
}

/** The full reading: chrono-node for recognition, our own scan for impossible values and zones. */
export function recogniseWithChrono(text: string, options: RecogniseOptions = {}): Recognised {
  const {text: normal, sourceOffsets} = normaliseTimeText(text)
  const toSource = (index: number) =>
    sourceOffsets
      ? (sourceOffsets[Math.min(index, sourceOffsets.length - 1)] ?? 0)
      : Math.min(index, normal.length)
  const problemsInNormal = findProblems(normal)
  const problems = problemsInNormal.map((problem) => {
    const start = toSource(problem.start)
    const end = toSource(problem.end - 1) + 1
    return {...problem, start, end, text: text.slice(start, end)}
  })

  // A fixed reference: chrono needs one, and we keep only what the author wrote, so it never shows.
  const instant = new Date(Date.UTC(2000, 0, 1, 12))
  const results = chrono(options.dayFirst).parse(normal, {instant, timezone: 0})
  const mentions: TimeMention[] = []
  for (const result of results) {
    let start = result.index
    const lead = leadingWords.exec(result.text)
    if (lead) start += lead[0].length
    let end = result.index + result.text.length
    // A result that overlaps an impossible value is a misreading of it.
    if (problemsInNormal.some((problem) => problem.start < end && problem.end > start)) continue
    const from = written(result.start)
    const to = result.end ? written(result.end) : undefined
    if (from.hour === undefined && from.day === undefined) continue
    let zone: ZoneMention | undefined
    // A zone inside a range (`10:00 UTC - 12:00 UTC`) or right after the mention.
    const inside = /\b(UTC|GMT|Z)\b|\b[A-Z]{2,4}T\b/.exec(normal.slice(start, end))
    if (inside) zone = findZone(normal, start + inside.index, options.timezones ?? {})
    if (!zone) {
      zone = findZone(normal, end, options.timezones ?? {})
      if (zone) end = zone.end + (/^\)/.test(normal.slice(zone.end)) ? 1 : 0)
    }
    const sourceStart = toSource(start)
    const sourceEnd = toSource(end - 1) + 1
    const mention: TimeMention = {
      start: sourceStart,
      end: sourceEnd,
      text: text.slice(sourceStart, sourceEnd),
      from,
    }
    if (to && (to.hour !== undefined || to.day !== undefined)) {
      mention.to = to
      const separator = rangeSeparator(normal.slice(start, end))
      if (separator) {
        const cut = start + separator.index
        const resume = cut + separator[0].length
        mention.fromRange = {start: sourceStart, end: toSource(cut - 1) + 1}
        mention.toRange = {start: toSource(resume), end: sourceEnd}
      }
    }
    if (zone) {
      const zoneStart = toSource(zone.start)
      const zoneEnd = toSource(zone.end - 1) + 1
      mention.zone = {...zone, start: zoneStart, end: zoneEnd, text: text.slice(zoneStart, zoneEnd)}
    }
    mentions.push(mention)
  }
  return {
    mentions: withDatesAfterTimes(mentions.map(joinedDateAndTime), text).map((mention) =>
      atEndOfDay(mention, text),
    ),
    problems,
  }
}

/** `18:00-24:00`, `24:00`: a time written 24:00 is the end of its day (chrono read it as 23:59). */
function atEndOfDay(mention: TimeMention, text: string): TimeMention {
  const {from, to, fromRange, toRange} = mention
  const isMidnight = (range: {start: number; end: number}) =>
    /(?<![\d:])24:00(?!:?\d)/.test(text.slice(range.start, range.end))
  const result = {...mention}
  if (to && toRange && isMidnight(toRange)) result.to = {...to, hour: 24, minute: 0}
  if (from.hour === 23 && isMidnight(fromRange ?? mention))
    result.from = {...from, hour: 24, minute: 0}
  return result
}

/** `15/02/2024 - 15:00` is one moment, a date and its time, not a range from a day to a time. */
function joinedDateAndTime(mention: TimeMention): TimeMention {
  const {from, to} = mention
  if (!to || from.hour !== undefined || from.day === undefined) return mention
  if (to.hour === undefined || to.day !== undefined) return mention
  const {to: _to, fromRange: _from, toRange: _toRange, ...rest} = mention
  return {...rest, from: {...from, ...to}}
}

/**
 * Where a range's start ends and its end begins: a word (`to`, `until`), a
 * dash with spaces around it, or a dash right after a clock (`14:00-18:30`);
 * never the dashes of an ISO date (`2024-08-02 20:00 to 2024-08-02 21:30`).
 */
function rangeSeparator(range: string): RegExpExecArray | null {
  return (
    /\s*\b(?:to|until|till|through)\b\s*/i.exec(range) ??
    /\s+[-–—]+\s+/.exec(range) ??
    /(?<=\d:\d{2}(?::\d{2})?(?:\s?[ap]\.?m\.?)?)\s*[-–—]\s*/i.exec(range) ??
    /(?<![\d-])[-–—](?![\d-]{2}\b)/.exec(range)
  )
}

/** What may stand between a time and the date written after it: `14:30 UTC, March 6` `2:00 PM on March 1`. */
const betweenTimeAndDate = /^\s*(?:,|on|of)?\s*(?:the\s+)?$/i

/**
 * A date written after its time (`14:30 UTC, March 6, 2025`, `2:00 PM to 4:30
 * PM GMT on March 1, 2024`) is that time's date, not a moment of its own.
 */
function withDatesAfterTimes(mentions: TimeMention[], text: string): TimeMention[] {
  const result: TimeMention[] = []
  for (let index = 0; index < mentions.length; index++) {
    const time = mentions[index] as TimeMention
    const date = mentions[index + 1]
    const isBareTime = time.from.hour !== undefined && time.from.day === undefined
    const isBareDate = date && date.from.day !== undefined && date.from.hour === undefined
    if (
      date &&
      isBareTime &&
      isBareDate &&
      betweenTimeAndDate.test(text.slice(time.end, date.start))
    ) {
      const {year, month, day} = date.from
      const dated = (written: WrittenTime): WrittenTime => ({year, month, day, ...written})
      const merged: TimeMention = {
        ...time,
        end: date.end,
        text: text.slice(time.start, date.end),
        from: dated(time.from),
      }
      if (time.to && time.to.day === undefined) merged.to = dated(time.to)
      result.push(merged)
      index++
    } else result.push(time)
  }
  return result
}
