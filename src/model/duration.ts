/**
 * The stated duration: where the incident's start, end and length are read.
 * In order: a `Duration:` field (`A to B`, `A - B`, with a length `(2 hours)`),
 * `Start time:` / `End time:` fields, then the front matter's `start:` / `end:`
 * for what the body does not give. Also the incident's date, which bare times
 * elsewhere are placed on.
 */
import {type CalendarDate, dateIn, nextDay, sameDate, toEpochMs} from '../time/instant.js'
import {findStatedLengths} from '../time/length.js'
import type {TimeMention, WrittenTime} from '../time/recognise.js'
import type {ZoneId} from '../time/zones.js'
import type {FrontMatter} from './front-matter.js'
import {labelBody} from './outline.js'
import type {Label} from './sections.js'
import type {SourceText} from './source-text.js'
import type {Duration, Outline, StatedSource, StatedTime} from './types.js'
import {knownZoneOf} from './zone.js'

/** The labels and time mentions the stated duration is read from. */
export interface DurationFields {
  durationLabel?: Label
  startLabel?: Label
  endLabel?: Label
  /** The `Duration:` field's value and the lines under it. */
  durationText: SourceText[]
  durationMentions: {mention: TimeMention; text: SourceText}[]
  startMention?: TimeMention
  endMention?: TimeMention
}

/** The duration, start and end fields outside the timeline, and the times written in them. */
export function findDurationFields(outline: Outline): DurationFields {
  const {sections, inTimeline, recognise, lines} = outline
  const outside = (label: Label) => !inTimeline(label.line)
  const durationLabel = sections.get('duration')?.find(outside)
  const startLabel = sections.get('start')?.find(outside)
  const endLabel = sections.get('end')?.find(outside)
  const durationText = durationLabel ? labelBody(lines, durationLabel) : []
  const fields: DurationFields = {
    durationText,
    durationMentions: durationText.flatMap((text) =>
      recognise(text.value).mentions.map((mention) => ({mention, text})),
    ),
  }
  if (durationLabel) fields.durationLabel = durationLabel
  if (startLabel) fields.startLabel = startLabel
  if (endLabel) fields.endLabel = endLabel
  const startMention = startLabel?.value ? recognise(startLabel.value.value).mentions[0] : undefined
  const endMention = endLabel?.value ? recognise(endLabel.value.value).mentions[0] : undefined
  if (startMention) fields.startMention = startMention
  if (endMention) fields.endMention = endMention
  return fields
}

/** The mentions whose zone declares the document's zone, in order of precedence. */
export function statedZoneMentions(fields: DurationFields): (TimeMention | undefined)[] {
  return [
    fields.durationMentions[0]?.mention,
    fields.durationMentions[1]?.mention,
    fields.startMention,
    fields.endMention,
  ]
}

/** What an author wrote of a moment, before it is placed on a date and zone. */
interface WrittenMoment {
  written: WrittenTime
  text: SourceText
  from: StatedSource
  zone?: ZoneId
  zoneText?: SourceText
}

/** The start or end part of a mention, with its own text and zone. */
export function writtenMoment(
  text: SourceText,
  mention: TimeMention,
  from: StatedSource,
  part: 'from' | 'to' = 'from',
): WrittenMoment {
  const range = part === 'from' ? mention.fromRange : mention.toRange
  const result: WrittenMoment = {
    written: part === 'from' ? mention.from : (mention.to as WrittenTime),
    text: range ? text.slice(range.start, range.end) : text.slice(mention.start, mention.end),
    from,
  }
  const known = knownZoneOf(mention)
  if (known) result.zone = known
  if (mention.zone) result.zoneText = text.slice(mention.zone.start, mention.zone.end)
  return result
}

/** A date to place a moment on, and whether the document gave it. */
export interface DateToPlaceOn {
  date: CalendarDate
  known: boolean
}

function statedTime(
  moment: WrittenMoment,
  placeOn: DateToPlaceOn,
  zone: ZoneId,
): StatedTime | undefined {
  const {written} = moment
  const ownDate =
    written.month && written.day
      ? {year: written.year ?? placeOn.date.year, month: written.month, day: written.day}
      : undefined
  const on = ownDate ?? placeOn.date
  const epochMs = toEpochMs(on, written, zone)
  if (epochMs === undefined) return undefined
  const stated: StatedTime = {
    epochMs,
    date: on,
    dateFrom: ownDate ? 'written' : placeOn.known ? 'incident' : 'none',
    zone,
    hasTime: written.hour !== undefined,
    text: moment.text,
    from: moment.from,
  }
  if (moment.zoneText) {
    stated.zoneText = moment.zoneText.value
    stated.zoneTextSource = moment.zoneText
  }
  return stated
}

type WrittenPair = {start?: WrittenMoment; end?: WrittenMoment}
export type StatedPair = {start?: StatedTime; end?: StatedTime}

/**
 * Start and end as instants. The start's date (or the reference date) is
 * given to an end without one; `22:00 - 02:00` without dates runs past midnight.
 */
export function resolvePair(
  written: WrittenPair,
  zone: ZoneId,
  placeOn: DateToPlaceOn,
): StatedPair {
  const result: StatedPair = {}
  if (written.start) {
    const start = statedTime(written.start, placeOn, written.start.zone ?? zone)
    if (start) result.start = start
  }
  if (written.end) {
    const endZone = written.end.zone ?? zone
    const {start} = result
    const startsDay = start ? {date: start.date, known: start.dateFrom !== 'none'} : placeOn
    let end = statedTime(written.end, startsDay, endZone)
    const endHasOwnDate = written.end.written.day !== undefined
    if (end && start && !endHasOwnDate && end.epochMs < start.epochMs) {
      end = statedTime(written.end, {...startsDay, date: nextDay(start.date)}, endZone)
    } else if (
      end &&
      start &&
      written.end.written.year === undefined &&
      end.epochMs < start.epochMs
    ) {
      // `Dec 30th to Jan 02nd`: an end without a year before its start is in the next year.
      const nextYear = {...end.date, year: end.date.year + 1}
      end = statedTime(
        {...written.end, written: {...written.end.written, year: nextYear.year}},
        startsDay,
        endZone,
      )
    }
    if (end) result.end = end
  }
  return result
}

export interface DurationReading {
  duration?: Duration
  bodyDuration?: StatedPair
  frontMatterDuration?: StatedPair
}

/** Start, end and length: the body's fields first, the front matter for what they lack. */
export function readDuration(
  outline: Outline,
  fields: DurationFields,
  frontMatter: Partial<FrontMatter>,
  zone: ZoneId,
  placeOn: DateToPlaceOn,
): DurationReading {
  const {durationLabel, startLabel, endLabel, startMention, endMention, durationText} = fields
  const body: WrittenPair = {}
  if (startLabel?.value && startMention)
    body.start = writtenMoment(startLabel.value, startMention, 'start field')
  if (endLabel?.value && endMention)
    body.end = writtenMoment(endLabel.value, endMention, 'end field')
  const [first, second] = fields.durationMentions
  if (!body.start && first) {
    body.start = writtenMoment(first.text, first.mention, 'duration field')
    if (first.mention.to)
      body.end ??= writtenMoment(first.text, first.mention, 'duration field', 'to')
    else if (second) body.end ??= writtenMoment(second.text, second.mention, 'duration field')
  }
  const front: WrittenPair = {}
  for (const key of ['start', 'end'] as const) {
    const text = frontMatter[key]
    const mention = text ? outline.recognise(text.value).mentions[0] : undefined
    if (text && mention) front[key] = writtenMoment(text, mention, 'front matter')
  }
  const pair = (written: WrittenPair) => resolvePair(written, zone, placeOn)
  const reading: DurationReading = {}
  if (body.start || body.end) reading.bodyDuration = pair(body)
  if (front.start || front.end) reading.frontMatterDuration = pair(front)
  if (!(durationLabel || startLabel || endLabel || front.start || front.end)) return reading
  const label = (durationLabel ?? startLabel ?? endLabel ?? frontMatter.label) as Label
  const duration: Duration = {
    label,
    crossesMidnight: false,
    ...pair({start: body.start ?? front.start, end: body.end ?? front.end}),
  }
  if (endLabel?.value && endMention) duration.endField = endLabel
  // A stated length in the duration field (not the times themselves).
  for (const text of durationText) {
    const length = findStatedLengths(text.value)[0]
    if (length) {
      duration.stated = {
        ms: length.ms,
        text: text.slice(length.start, length.end),
        from: 'duration field',
      }
      break
    }
  }
  duration.crossesMidnight = crossesMidnight(duration)
  reading.duration = duration
  return reading
}

/** Start and end fall on different calendar days (in the start's zone). */
export function crossesMidnight({start, end}: StatedPair): boolean {
  if (!start || !end) return false
  return !sameDate(dateIn(start.epochMs, start.zone), dateIn(end.epochMs, start.zone))
}
