/**
 * The stated duration: where the incident's start, end and length are read.
 * In order: a `Duration:` field (`A to B`, `A - B`, with a length `(2 hours)`),
 * `Start time:` / `End time:` fields, then the front matter's `start:` / `end:`
 * for what the body does not give. Also the incident's date, which bare times
 * elsewhere are placed on.
 */
import {type CalendarDate, dateIn, nextDay, sameDate, toEpochMs} from '../time/instant.js'
import {findStatedLengths, findWrittenOutageLengths} from '../time/length.js'
import type {TimeMention, WrittenTime} from '../time/recognise.js'
import type {ZoneId} from '../time/zones.js'
import type {FrontMatter} from './front-matter.js'
import {type Marker, readMarkers} from './markers.js'
import {labelBody, linesText, summaryLines} from './outline.js'
import type {Label} from './sections.js'
import type {SourceText} from './source-text.js'
import {entryHeadLength} from './timeline.js'
import type {Duration, Outline, StatedLength, StatedSource, StatedTime, Timeline} from './types.js'
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

/** The date times are placed on when the document gives none (never shown as a date). */
export const placeholderDate: CalendarDate = {year: 2000, month: 1, day: 1}

/** The date a mention writes; a missing year is the incident's (or 2000, when nothing says). */
function dateOnly(mention: TimeMention, year = 2000): CalendarDate | undefined {
  const {month, day} = mention.from
  return month && day ? {year: mention.from.year ?? year, month, day} : undefined
}

export interface IncidentDate {
  /** The date the stated start writes. */
  startDate?: CalendarDate
  /** The stated start's date, else the first date in the timeline, else near the top. */
  referenceDate?: CalendarDate
  /** The year of dates written without one: the first year the document writes. */
  year?: number
  /** The stated start's year is written (`May 2, 2024`), not taken from elsewhere. */
  startYearWritten: boolean
}

/** Digits that may be a year: four of them, or a numeric date's two (`5/26/21`), or `'24`. */
const yearLike = /\d{4}|\d[/.-]\d{1,2}[/.-]\d{2}|'\d{2}\b/

/** A year as a document writes it in its title, a `Date:` field or a column (`Date (2022)`). */
const writtenYear = /(?<![\d.v-])((?:19[89]|20[0-4])\d)(?![\d.])/

/** The incident's date, for times written without one. */
export function readIncidentDate(
  outline: Outline,
  fields: DurationFields,
  frontMatter: Partial<FrontMatter>,
): IncidentDate {
  const {lines, timelineLabel, recognise} = outline
  const near = (from: number, to: number) => linesText(lines, from, Math.min(lines.length, to))
  const timelineTop = timelineLabel
    ? near(timelineLabel.line, Math.min(timelineLabel.end, timelineLabel.line + 40))
    : []
  const texts = [...(frontMatter.start ? [frontMatter.start] : []), ...near(0, 30), ...timelineTop]
  // The year of dates without one: the first one a date is written with, else any year near the top.
  let year: number | undefined
  for (const text of texts) {
    // Only a text with a year-like number can give a date with a year: most lines skip chrono.
    if (!yearLike.test(text.value.slice(0, entryHeadLength))) continue
    year = recognise(text.value.slice(0, entryHeadLength)).mentions.find((m) => m.from.year)?.from
      .year
    if (year) break
  }
  for (const text of texts) {
    if (year) break
    const found = writtenYear.exec(text.value.slice(0, entryHeadLength))?.[1]
    if (found) year = Number(found)
  }
  const dateOf = (mention: TimeMention) => dateOnly(mention, year)
  const firstDate = (from: readonly SourceText[]) => {
    for (const text of from) {
      for (const mention of recognise(text.value.slice(0, entryHeadLength)).mentions) {
        const date = dateOf(mention)
        if (date) return date
      }
    }
    return undefined
  }
  const firstDuration = fields.durationMentions[0]
  const startYearWritten = Boolean(
    fields.startMention?.from.year ?? firstDuration?.mention.from.year,
  )
  const startDate =
    (fields.startMention && dateOf(fields.startMention)) ??
    (firstDuration && dateOf(firstDuration.mention)) ??
    (frontMatter.start ? firstDate([frontMatter.start]) : undefined)
  const referenceDate = startDate ?? firstDate(timelineTop.slice(1)) ?? firstDate(near(0, 12))
  return {
    ...(startDate ? {startDate} : {}),
    ...(referenceDate ? {referenceDate} : {}),
    ...(year ? {year} : {}),
    startYearWritten,
  }
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
function writtenMoment(
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
type StatedPair = {start?: StatedTime; end?: StatedTime}

/**
 * Start and end as instants. The start's date (or the reference date) is
 * given to an end without one; `22:00 - 02:00` without dates runs past midnight.
 */
function resolvePair(written: WrittenPair, zone: ZoneId, placeOn: DateToPlaceOn): StatedPair {
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
function crossesMidnight({start, end}: StatedPair): boolean {
  if (!start || !end) return false
  return !sameDate(dateIn(start.epochMs, start.zone), dateIn(end.epochMs, start.zone))
}

/**
 * A window written in the summary's prose (`From 10:30 PM to 8:30 AM WAT`):
 * not a stated duration (no section states it), but it says whether the
 * incident crossed midnight, which bare times in the timeline need to know.
 */
export function readWrittenWindow(
  outline: Outline,
  zone: ZoneId,
  placeOn: DateToPlaceOn,
): (StatedPair & {crossesMidnight: boolean}) | undefined {
  const {lines, recognise, inTimeline} = outline
  const [from, to] = summaryLines(outline)
  for (let index = from; index < Math.min(to, from + 20); index++) {
    const text = lines[index]?.text
    if (!text || inTimeline(index)) continue
    for (const mention of recognise(text.value).mentions) {
      if (mention.from.hour === undefined || mention.to?.hour === undefined) continue
      const pair = resolvePair(
        {
          start: writtenMoment(text, mention, 'summary'),
          end: writtenMoment(text, mention, 'summary', 'to'),
        },
        zone,
        placeOn,
      )
      if (pair.start && pair.end) return {...pair, crossesMidnight: crossesMidnight(pair)}
    }
  }
  return undefined
}

/** A stated moment read from an outage marker in the timeline. */
function markerTime(marker: Marker, dateKnown: boolean): StatedTime {
  const {timestamp} = marker
  return {
    epochMs: timestamp.epochMs,
    date: timestamp.date,
    dateFrom: timestamp.hasDate ? 'written' : dateKnown ? 'incident' : 'none',
    zone: timestamp.zone,
    hasTime: true,
    text: timestamp.text,
    from: 'timeline marker',
  }
}

/** The length the summary, the title or an impact statement says the outage lasted (`down for 66 minutes`). */
function writtenLength(outline: Outline): StatedLength | undefined {
  const {lines, sections, inTimeline} = outline
  const [from, to] = summaryLines(outline)
  const texts: {text: SourceText; from: StatedSource}[] = []
  if (lines[0]) texts.push({text: lines[0].text, from: 'summary'})
  for (let index = from; index < to; index++) {
    const text = lines[index]?.text
    if (text && !inTimeline(index)) texts.push({text, from: 'summary'})
  }
  for (const label of sections.get('impact') ?? [])
    if (!inTimeline(label.line))
      for (const text of labelBody(lines, label)) texts.push({text, from: 'impact statement'})
  // Elsewhere (a root cause's prose), only a sentence that speaks of the outage (`an outage of almost an hour`).
  const rest = lines.flatMap((line, index) =>
    index >= from && index < to
      ? []
      : inTimeline(index)
        ? []
        : [{text: line.text, from: 'prose' as const}],
  )
  for (const {text, from: source} of [...texts, ...rest]) {
    if (!lengthUnit.test(text.value)) continue
    if (source === 'prose' && !outageSentence.test(text.value)) continue
    const length = findWrittenOutageLengths(text.value).find(
      (found) => source !== 'prose' || outageSentence.test(sentenceAround(text.value, found.start)),
    )
    if (length)
      return {
        ms: length.ms,
        text: text.slice(length.start, length.end),
        from: source,
        bound: length.bound,
      }
  }
  return undefined
}

/** Every length has a unit: a cheap first test before the length patterns. */
const lengthUnit = /day|hour|hr|min|sec|\d\s*-?[hms]\b|\dh\d/i

/** Words of a sentence about the outage itself. */
const outageSentence =
  /\b(?:outage|downtime|down|offline|unavailable|inaccessible|unreachable|incident|disruption)\b/i

/** The sentence of `text` around `offset`. */
function sentenceAround(text: string, offset: number): string {
  const start = text.lastIndexOf('.', offset - 1) + 1
  const end = text.indexOf('.', offset)
  return text.slice(start, end === -1 ? text.length : end)
}

/**
 * What the fields leave unsaid, from the rest of the document: the start and
 * end from the timeline's outage markers, the length from the summary's prose.
 */
export function completeDuration(
  duration: Duration | undefined,
  outline: Outline,
  timeline: Timeline | undefined,
  dateKnown: boolean,
): Duration | undefined {
  // Markers state the window only as a pair, where no field states either end of it.
  const markers =
    timeline && !duration?.start && !duration?.end ? readMarkers(timeline.entries) : {}
  const paired = markers.start && markers.end ? markers : {}
  const start = duration?.start ?? (paired.start && markerTime(paired.start, dateKnown))
  const end = duration?.end ?? (paired.end && markerTime(paired.end, dateKnown))
  const stated = duration?.stated ?? writtenLength(outline)
  const label = duration?.label ?? (start || end ? timeline?.label : undefined)
  if (!label && !stated) return duration
  const completed: Duration = {
    ...duration,
    ...(label ? {label} : {}),
    ...(start ? {start} : {}),
    ...(end ? {end} : {}),
    ...(stated ? {stated} : {}),
    crossesMidnight: false,
  }
  completed.crossesMidnight = crossesMidnight(completed)
  return completed
}
