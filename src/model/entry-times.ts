/**
 * Places the timeline's written times on the calendar, in order: a bare time
 * takes its date from the entry before (or the incident's date), a date
 * without a year the year before it (the next one after `Dec 31`), a clock
 * without AM/PM among 12-hour times the half of the day that follows the
 * entry before (`1:45` after `1:42 PM` is 13:45), and a bare time earlier
 * than the one before rolls over to the next day only when the stated
 * duration crosses midnight.
 */
import {readClock} from '../time/clock.js'
import {type CalendarDate, nextDay, toEpochMs} from '../time/instant.js'
import type {TimeMention, WrittenTime} from '../time/recognise.js'
import type {ZoneId} from '../time/zones.js'
import type {SourceText} from './source-text.js'
import type {EntryTimestamp} from './types.js'

export interface PlacingContext {
  /** The document's zone for times written without one. */
  zone: ZoneId
  /** The date of times written without one, when nothing before gives it. */
  fallbackDate: CalendarDate
  /** The first entry's date, when the stated start gives it. */
  startDate: CalendarDate | undefined
  /** The stated window crosses midnight: a bare time earlier than the one before is the next day. */
  rollover: boolean
  /** The timeline writes its times on a 12-hour clock, some without AM/PM (`1:42 PM`, then `1:45`). */
  twelveHour?: boolean
  /** The first entry's year is written where its date is (the stated start), not inferred. */
  startYearWritten?: boolean
  /** The year of the timeline's first date, from the first date it writes with a year. */
  firstYear?: number
}

const day = 86_400_000

/** The half-year after which a date without a year is taken to be in the next year. */
const halfYear = 183 * day

/** Reads entries' times one after another, carrying the date, zone and clock of the ones before. */
export class TimePlacer {
  private currentDate: CalendarDate | undefined
  private lastEpoch: number | undefined
  private lastExplicitZone: ZoneId | undefined
  constructor(private readonly context: PlacingContext) {
    const start = context.startDate
    const {firstYear} = context
    // `Dec 31st ... Jan 02nd ... Jan 02, 2020`: the year written later says which year the timeline began in.
    this.currentDate =
      start && firstYear !== undefined && !context.startYearWritten
        ? {...start, year: firstYear}
        : start
  }

  /** The timestamp of an entry whose time is `mention`, written as `text` (the mention's own text). */
  place(mention: TimeMention, text: SourceText, entryText: SourceText): EntryTimestamp {
    const {context} = this
    const {written, inferred} = this.withMeridiem(mention.from, text.value)
    const hasDate = written.day !== undefined && written.month !== undefined
    const hasTime = written.hour !== undefined
    const zoneResolution = mention.zone?.resolution
    const explicitZone = zoneResolution?.kind === 'known' ? zoneResolution.zone : undefined
    if (explicitZone) this.lastExplicitZone = explicitZone
    const zone =
      explicitZone ??
      (context.zone !== 'UTC' || !this.lastExplicitZone ? context.zone : this.lastExplicitZone)
    let date = hasDate ? this.dateOf(written, zone) : (this.currentDate ?? context.fallbackDate)
    let epochMs = hasTime ? toEpochMs(date, written, zone) : undefined
    let rolledOver = false
    const last = this.lastEpoch
    if (
      !hasDate &&
      epochMs !== undefined &&
      last !== undefined &&
      epochMs < last &&
      context.rollover
    ) {
      date = nextDay(date)
      epochMs = toEpochMs(date, written, zone)
      rolledOver = true
    }
    if (hasDate || rolledOver) this.currentDate = date
    if (epochMs !== undefined) this.lastEpoch = epochMs
    const timestamp: EntryTimestamp = {
      text,
      mention,
      ...(epochMs !== undefined ? {epochMs} : {}),
      date,
      hasDate,
      hasTime,
      zone,
      rolledOver,
    }
    const clock = readClock(text.value)
    // A clock whose half of the day was inferred is not in any form of its own (`postmortem-timestamp-form`).
    if (inferred) timestamp.meridiemInferred = true
    else if (clock && clock.hour === written.hour && clock.minute === written.minute)
      timestamp.clock = {text: text.slice(clock.start, clock.end), written: clock}
    if (mention.zone && zoneResolution && zoneResolution.kind !== 'known') {
      timestamp.zoneProblem = {
        text: entryText.slice(mention.zone.start, mention.zone.end),
        kind: zoneResolution.kind,
        candidates: zoneResolution.kind === 'ambiguous' ? zoneResolution.candidates : [],
      }
    }
    return timestamp
  }

  /**
   * The instant of a time written inside an entry's narrative (`... fully
   * recovered by 1:30 PM`), on the entry's date, without moving the timeline on.
   */
  narrativeTime(mention: TimeMention, entry: EntryTimestamp): number | undefined {
    const written = mention.from
    if (written.hour === undefined) return undefined
    const date =
      written.day !== undefined && written.month !== undefined
        ? {year: written.year ?? entry.date.year, month: written.month, day: written.day}
        : entry.date
    const zone =
      mention.zone?.resolution.kind === 'known' ? mention.zone.resolution.zone : entry.zone
    return toEpochMs(date, written, zone)
  }

  /** A written date, with the year of the dates before it when it has none (the next after a year's end). */
  private dateOf(written: WrittenTime, zone: ZoneId): CalendarDate {
    const before = this.currentDate ?? this.context.fallbackDate
    const date = {
      year: written.year ?? before.year,
      month: written.month as number,
      day: written.day as number,
    }
    if (written.year !== undefined || !this.currentDate) return date
    const at = toEpochMs(date, {}, zone)
    const previous = toEpochMs(this.currentDate, {}, zone)
    if (at !== undefined && previous !== undefined && previous - at > halfYear)
      return {...date, year: date.year + 1}
    return date
  }

  /**
   * A clock without AM/PM in a timeline on a 12-hour clock (`1:45` after
   * `1:42 PM`) is in the half of the day that follows the time before, when
   * one does.
   */
  private withMeridiem(
    written: WrittenTime,
    text: string,
  ): {written: WrittenTime; inferred: boolean} {
    const hour = written.hour
    const last = this.lastEpoch
    const asWritten = {written, inferred: false}
    if (
      hour === undefined ||
      hour > 12 ||
      hour === 0 ||
      !this.context.twelveHour ||
      last === undefined
    )
      return asWritten
    const clock = readClock(text)
    if (!clock || clock.form.twelveHour || clock.hour !== hour || written.day !== undefined)
      return asWritten
    const date = this.currentDate ?? this.context.fallbackDate
    const zone = this.context.zone
    const candidates = [hour % 12, (hour % 12) + 12]
      .map((candidate) => ({candidate, at: toEpochMs(date, {...written, hour: candidate}, zone)}))
      .filter((option): option is {candidate: number; at: number} => option.at !== undefined)
      .filter((option) => option.at >= last)
      .sort((a, b) => a.at - b.at)
    const chosen = candidates[0]
    return {written: chosen ? {...written, hour: chosen.candidate} : written, inferred: true}
  }
}
