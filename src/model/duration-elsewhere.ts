/**
 * The stated start, end and length where no field states them: the
 * timeline's outage markers (`markers.ts`) give the start and end, a length
 * written in the summary, the title, an impact statement or prose about the
 * outage gives the length; and a window written in the summary's prose says
 * whether bare times cross midnight (it is no stated duration).
 */
import {findWrittenOutageLengths} from '../time/length.js'
import type {ZoneId} from '../time/zones.js'
import {
  crossesMidnight,
  type DateToPlaceOn,
  resolvePair,
  type StatedPair,
  writtenMoment,
} from './duration.js'
import {type Marker, readMarkers} from './markers.js'
import {labelBody, summaryLines} from './outline.js'
import type {SourceText} from './source-text.js'
import type {Duration, Outline, StatedLength, StatedSource, StatedTime, Timeline} from './types.js'

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
