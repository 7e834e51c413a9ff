/**
 * The document as its author wrote it, for `explain`: its raw lines, places
 * (line:column) of file offsets, and the broad patterns the detectors use to
 * find times, dates and section headings on their own, without the model's
 * readers (so that they can tell when a reading went wrong).
 */
import {location} from 'vfile-location'
import type {SourceText} from '../model/source-text.js'
import {readsClock, readsDate, type TimeReading} from './readings.js'

export interface Place {
  line: number
  column: number
}

export interface RawLine {
  /** 1-based line number. */
  number: number
  /** File offset of the line's first character. */
  offset: number
  text: string
}

/** A date or time found by the broad patterns, with offsets into the text searched. */
export interface Found {
  start: number
  end: number
  text: string
  kind: 'clock' | 'date'
  /** A clock's hour (24-hour, after its meridiem) and minute. */
  hour?: number
  minute?: number
  /** A date's month and day; two candidates for a numeric date that reads both ways (`03/04/2025`). */
  dates?: {month: number; day: number}[]
}

/** Hour and minute of a clock match (groups: hour, minute, meridiem letter). */
function clockParts(
  hourText: string | undefined,
  minuteText: string | undefined,
  meridiem: string | undefined,
) {
  let hour = Number(hourText)
  const letter = meridiem?.toLowerCase()
  if (letter === 'p' && hour < 12) hour += 12
  if (letter === 'a' && hour === 12) hour = 0
  return {hour, minute: Number(minuteText ?? 0)}
}

/** Month and day of a date match, by the pattern it matched. */
function dateParts(kind: 'iso' | 'numeric' | 'monthDay' | 'dayMonth', match: RegExpMatchArray) {
  if (kind === 'iso') return [{month: Number(match[2]), day: Number(match[3])}]
  if (kind === 'numeric') {
    const first = Number(match[1])
    const second = Number(match[3])
    return [
      {month: first, day: second},
      {month: second, day: first},
    ].filter((date) => date.month >= 1 && date.month <= 12)
  }
  const month = monthOf((kind === 'monthDay' ? match[1] : match[2]) ?? '') ?? 0
  return [{month, day: Number(kind === 'monthDay' ? match[2] : match[1])}]
}

export class DocumentText {
  readonly lines: RawLine[] = []
  private readonly index: ReturnType<typeof location>

  constructor(readonly source: string) {
    this.index = location(source)
    let offset = 0
    for (const [number, text] of source.split('\n').entries()) {
      this.lines.push({number: number + 1, offset, text: text.replace(/\r$/, '')})
      offset += text.length + 1
    }
  }

  /** Line and column (1-based) of a file offset. */
  point(offset: number): Place {
    const point = this.index.toPoint(Math.max(0, Math.min(offset, this.source.length)))
    return {line: point?.line ?? 1, column: point?.column ?? 1}
  }

  /** The raw line holding a file offset. */
  lineAt(offset: number): RawLine {
    return this.lines[this.point(offset).line - 1] ?? {number: 1, offset: 0, text: ''}
  }

  /** File range of a model text; undefined when it has no place (front matter defaults, joins). */
  range(text: SourceText | undefined): {start: number; end: number} | undefined {
    if (!text) return undefined
    return text.fileRange(0, text.value.length)
  }

  /** Place of a model text's first character. */
  placeOf(text: SourceText | undefined): Place | undefined {
    const range = this.range(text)
    return range ? this.point(range.start) : undefined
  }
}

/** At most `width` characters of `text` on one line, with `…` where it was cut. */
export function shorten(text: string, width = 40): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length <= width ? flat : `${flat.slice(0, width - 1)}…`
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

/** The month a name (`Sept`, `March`) stands for, 1-12; undefined for another word. */
export function monthOf(name: string): number | undefined {
  const index = monthNames.indexOf(name.slice(0, 3).toLowerCase())
  return index === -1 ? undefined : index + 1
}

const month = String.raw`(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?`
/** `Mar 6`, `March 6th, 2025` (group 1 the month, 2 the day). */
export const monthDay = new RegExp(
  String.raw`\b(${month})\s+(\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+\d{4})?`,
  'gi',
)
/** `6 March`, `6th of March 2025` (group 1 the day, 2 the month). */
export const dayMonth = new RegExp(
  String.raw`\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(${month})(?![a-z])(?:,?\s+\d{4})?`,
  'gi',
)
/** `2025-03-06`, `2025/3/6`. */
export const isoDate = /\b(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\b/g
/** `06/03/2025`, `6.3.2025`, `3-6-25` (either order). */
export const numericDate = /(?<![\w./-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?![\d./-])/g
/** `14:30`, `2.30 pm`, `14h30`, `9:05:10`, `07 :15` (group 1 the hour, 2 the minute, 3 the meridiem). */
export const clock =
  /(?<![\d.:,]|\bv)(\d{1,2})\s?[:.h]\s?(\d{2})(?::\d{2})?(?:\s?([ap])\.?\s?m\b\.?)?(?![\d]|[.:]\d)/gi
/** `9am`, `11 p.m.` (group 1 the hour, 2 the meridiem). */
const hourMeridiem = /(?<![\d.:])(\d{1,2})\s?([ap])\.?\s?m\b\.?/gi
/** `2100hrs`, `1430Z`, `0915 UTC`. */
const militaryTime = /(?<![\d.:,])([01]\d|2[0-3])([0-5]\d)\s?(?:hrs?|hours|h|Z|UTC|GMT)\b/g

/** Every date and time the broad patterns find in `text`, in order, without overlaps. */
export function findTimes(text: string): Found[] {
  const found: Found[] = []
  const add = (
    pattern: RegExp,
    kind: Found['kind'],
    parts: (match: RegExpMatchArray) => Partial<Found> | undefined,
  ) => {
    for (const match of text.matchAll(pattern)) {
      const read = parts(match)
      if (!read) continue
      const start = match.index ?? 0
      found.push({start, end: start + match[0].length, text: match[0], kind, ...read})
    }
  }
  add(isoDate, 'date', (match) => ({dates: dateParts('iso', match)}))
  // `0.0.19` is a version: dotted dates take a four-digit year.
  add(numericDate, 'date', (match) =>
    match[2] === '.' && (match[4] ?? '').length === 2
      ? undefined
      : {dates: dateParts('numeric', match)},
  )
  add(monthDay, 'date', (match) => ({dates: dateParts('monthDay', match)}))
  add(dayMonth, 'date', (match) => ({dates: dateParts('dayMonth', match)}))
  add(clock, 'clock', (match) =>
    Number(match[1]) <= 24 && Number(match[2]) <= 59
      ? clockParts(match[1], match[2], match[3])
      : undefined,
  )
  add(hourMeridiem, 'clock', (match) =>
    Number(match[1]) >= 1 && Number(match[1]) <= 12
      ? clockParts(match[1], '0', match[2])
      : undefined,
  )
  add(militaryTime, 'clock', (match) => clockParts(match[1], match[2], undefined))
  found.sort((a, b) => a.start - b.start || b.end - a.end)
  const kept: Found[] = []
  for (const item of found) {
    const last = kept.at(-1)
    if (last && item.start < last.end) continue
    kept.push(item)
  }
  return kept
}

/** Whether a reading among `readings` used what `found` says: its clock, or its date. */
export function isUsedBy(found: Found, readings: readonly TimeReading[]): boolean {
  return readings.some((reading) =>
    found.kind === 'clock'
      ? readsClock(reading, found.hour ?? -1, found.minute ?? -1)
      : readsDate(reading, found.dates ?? []),
  )
}

/** The line without its Markdown and HTML decoration: list markers, emphasis, tags, table pipes. */
export function plainLine(text: string): {text: string; offsets: number[]} {
  const offsets: number[] = []
  let plain = ''
  const skip = new Set<number>()
  const mark = (pattern: RegExp) => {
    for (const match of text.matchAll(pattern))
      for (let index = match.index ?? 0; index < (match.index ?? 0) + match[0].length; index++)
        skip.add(index)
  }
  mark(/<[^>]{1,200}>/g)
  mark(/^\s*(?:>\s*)*(?:[-*+•]|\d{1,3}[.)])?\s+(?:\[[ xX]\]\s+)?/g)
  mark(/\*\*|__|(?<!\w)[*_](?=\S)|(?<=\S)[*_](?!\w)|`|\|/g)
  mark(/^#{1,6}\s+/g)
  for (let index = 0; index < text.length; index++) {
    if (skip.has(index)) continue
    plain += text[index]
    offsets.push(index)
  }
  return {text: plain, offsets}
}
