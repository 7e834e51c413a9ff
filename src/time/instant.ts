/**
 * Turns what an author wrote (date parts, clock time, zone) into instants,
 * through Temporal (temporal-polyfill) so that DST and midnight are right and
 * nothing depends on the host's zone.
 */
import {Temporal} from 'temporal-polyfill'
import {daysInMonth, type WrittenTime} from './recognise.js'
import type {ZoneId} from './zones.js'

export interface CalendarDate {
  year: number
  month: number
  day: number
}

/** Epoch milliseconds of `date` at `time` in `zone`; undefined when the parts do not make a moment. */
const fixedOffset = /^([+-])(\d{2}):(\d{2})$/

/** The offset of UTC or a fixed-offset zone (`+05:30`), in ms; undefined for an IANA zone. */
function fixedOffsetMs(zone: ZoneId): number | undefined {
  if (zone === 'UTC') return 0
  const offset = fixedOffset.exec(zone)
  if (!offset) return undefined
  const sign = offset[1] === '-' ? -1 : 1
  return sign * (Number(offset[2]) * 60 + Number(offset[3])) * 60_000
}

export function toEpochMs(date: CalendarDate, time: WrittenTime, zone: ZoneId): number | undefined {
  // UTC and fixed offsets need no zone rules; Temporal (slow per call) is kept for IANA zones.
  const offsetMs = fixedOffsetMs(zone)
  if (offsetMs !== undefined) {
    const {year, month, day} = date
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined
    const utc = Date.UTC(year, month - 1, day, time.hour ?? 0, time.minute ?? 0, time.second ?? 0)
    // Date.UTC maps years 0-99 to 1900-1999; authors do not write those years.
    return year < 100 ? undefined : utc - offsetMs
  }
  try {
    const hour = time.hour ?? 0
    const zoned = Temporal.ZonedDateTime.from(
      {
        timeZone: zone,
        year: date.year,
        month: date.month,
        day: date.day,
        hour: hour === 24 ? 23 : hour,
        minute: hour === 24 ? 59 : (time.minute ?? 0),
        second: hour === 24 ? 59 : (time.second ?? 0),
      },
      {overflow: 'reject', disambiguation: 'compatible'},
    )
    return zoned.epochMilliseconds + (hour === 24 ? 1000 : 0)
  } catch {
    return undefined
  }
}

/** The calendar date of `epochMs` in `zone`. */
export function dateIn(epochMs: number, zone: ZoneId): CalendarDate {
  const offsetMs = fixedOffsetMs(zone)
  if (offsetMs !== undefined) {
    const shifted = new Date(epochMs + offsetMs)
    return {
      year: shifted.getUTCFullYear(),
      month: shifted.getUTCMonth() + 1,
      day: shifted.getUTCDate(),
    }
  }
  const zoned = Temporal.Instant.fromEpochMilliseconds(epochMs).toZonedDateTimeISO(zone)
  return {year: zoned.year, month: zoned.month, day: zoned.day}
}

/** The next calendar day. */
export function nextDay(date: CalendarDate): CalendarDate {
  const next = Temporal.PlainDate.from(date).add({days: 1})
  return {year: next.year, month: next.month, day: next.day}
}

export function sameDate(a: CalendarDate, b: CalendarDate): boolean {
  return a.year === b.year && a.month === b.month && a.day === b.day
}

/** `2 h 45 min`, `90 min`, `3 days 2 h`: a length as authors write it. */
export function formatLength(ms: number): string {
  const negative = ms < 0
  let minutes = Math.round(Math.abs(ms) / 60_000)
  const days = Math.floor(minutes / 1440)
  minutes -= days * 1440
  const hours = Math.floor(minutes / 60)
  minutes -= hours * 60
  const parts: string[] = []
  if (days) parts.push(`${days} ${days === 1 ? 'day' : 'days'}`)
  if (hours) parts.push(`${hours} h`)
  if (minutes || parts.length === 0) parts.push(`${minutes} min`)
  return (negative ? '-' : '') + parts.join(' ')
}

/** The wall clock of an instant in a zone (an IANA name or an offset such as `+01:00`). */
export interface WallClock {
  year: number
  month: number
  day: number
  hour: number
  minute: number
  /** Minutes east of UTC. */
  offsetMinutes: number
}

/** The wall clock of `epochMs` in `zone`; UTC when the zone is unknown. Fixed offsets skip Temporal (slow per call). */
export function wallClock(epochMs: number, zone: string): WallClock {
  const fixed = fixedOffsetMs(zone)
  let offsetMinutes = 0
  if (fixed !== undefined) {
    offsetMinutes = fixed / 60_000
  } else {
    try {
      offsetMinutes =
        Temporal.Instant.fromEpochMilliseconds(epochMs).toZonedDateTimeISO(zone).offsetNanoseconds /
        60e9
    } catch {
      offsetMinutes = 0
    }
  }
  const date = new Date(epochMs + offsetMinutes * 60_000)
  return {
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    hour: date.getUTCHours(),
    minute: date.getUTCMinutes(),
    offsetMinutes,
  }
}
