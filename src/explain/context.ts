/**
 * What every detector of suspicious readings gets: the model (read through
 * its data types), the raw document, the model's time readings with file
 * ranges, and a few things worked out once (the raw headings, the lines the
 * model's timeline covers). Detectors report `Suspicion`s.
 */
import type {Incident} from '../model/types.js'
import {type RawHeading, rawHeadings, sectionEnd, timelineName} from './raw-sections.js'
import type {TimeReading} from './readings.js'
import {type DocumentText, shorten} from './text.js'

export interface Suspicion {
  /** The stable id of the kind (`unused-time-in-duration`). */
  kind: string
  line: number
  column: number
  /** A short quote of the text it is about. */
  text: string
  /** What looks wrong, and what the model read instead. */
  detail: string
}

export interface Detector {
  kind: string
  /** One line: what the kind means. */
  description: string
  detect: (context: DetectorContext) => Suspicion[]
}

export interface DetectorInput {
  incident: Incident
  document: DocumentText
  readings: TimeReading[]
}

export class DetectorContext {
  readonly incident: Incident
  readonly document: DocumentText
  readonly readings: TimeReading[]
  private headingsCache: RawHeading[] | undefined
  /** The longest reading's length: how far before a range a reading that overlaps it can start. */
  private readonly longest: number

  constructor({incident, document, readings}: DetectorInput) {
    this.incident = incident
    this.document = document
    this.readings = [...readings].sort((a, b) => a.start - b.start)
    this.longest = Math.max(0, ...this.readings.map((reading) => reading.end - reading.start))
  }

  /** Heading-like lines as the raw text shows them (`raw-sections.ts`). */
  get headings(): RawHeading[] {
    this.headingsCache ??= rawHeadings(this.document)
    return this.headingsCache
  }

  /** The file line (1-based) of one of the model's lines. */
  fileLine(index: number): number | undefined {
    return this.document.placeOf(this.incident.lines[index]?.text)?.line
  }

  /** The file lines `[from, to]` the model read its timeline from (its label's line included). */
  timelineLines(): {from: number; to: number} | undefined {
    const label = this.incident.timeline?.label
    if (!label) return undefined
    const from = this.fileLine(label.line) ?? this.document.placeOf(label.text)?.line
    if (from === undefined) return undefined
    let to = from
    for (let index = label.end - 1; index > label.line; index--) {
      const line = this.fileLine(index)
      if (line !== undefined) {
        to = Math.max(from, line)
        break
      }
    }
    return {from, to}
  }

  /** The raw timeline section (a heading named like a timeline) at or around a line, with its last line. */
  rawTimeline(): {heading: RawHeading; end: number} | undefined {
    const read = this.timelineLines()
    const candidates = this.headings.filter((heading) => timelineName.test(heading.name))
    const heading = read
      ? candidates.find((candidate) => candidate.line === read.from)
      : candidates.find((candidate) => /time\s?line|chronology/i.test(candidate.name))
    return heading ? {heading, end: sectionEnd(this.document, this.headings, heading)} : undefined
  }

  /** A suspicion at file offsets `[start, end)`. */
  at(kind: string, start: number, end: number, detail: string): Suspicion {
    const place = this.document.point(start)
    return {kind, ...place, text: shorten(this.document.source.slice(start, end), 40), detail}
  }

  /** The readings whose text overlaps file offsets `[start, end)`. */
  readingsIn(start: number, end: number): TimeReading[] {
    // Readings are sorted by start: find the first that may reach `start`, then walk to `end`.
    const readings = this.readings
    let low = 0
    let high = readings.length
    while (low < high) {
      const middle = (low + high) >> 1
      if ((readings[middle] as TimeReading).start < start - this.longest) low = middle + 1
      else high = middle
    }
    const found: TimeReading[] = []
    for (let index = low; index < readings.length; index++) {
      const reading = readings[index] as TimeReading
      if (reading.start >= end) break
      if (reading.end > start) found.push(reading)
    }
    return found
  }
}
