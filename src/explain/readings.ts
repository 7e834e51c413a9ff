/**
 * The model's time readings (stated start and end, timeline entries, and the
 * impossible times it found) with their file ranges and what was read, in one
 * flat list the output and the detectors share. Read from the model's data
 * only (`src/model/types.ts`).
 */
import type {EntryTimestamp, Incident, StatedTime, TimelineEntry} from '../model/types.js'
import {wallClock} from '../time/instant.js'
import type {DocumentText} from './text.js'

export interface TimeReading {
  role: 'start' | 'end' | 'entry' | 'impossible'
  /** File offsets of the text the time was read from. */
  start: number
  end: number
  text: string
  /** What was read: the date's parts, when a date was written in the text, and the clock. */
  year?: number
  month?: number
  day?: number
  hour?: number
  minute?: number
  /** A date was written in the text read (not taken from the incident or an earlier entry). */
  hasDate: boolean
  /** The date the time was placed on, written or not (absent for an impossible time). */
  placed?: {year: number; month: number; day: number}
  hasTime: boolean
  /** The zone was written with the time. */
  zoneWritten: boolean
  zone?: string
  entry?: TimelineEntry
  stated?: StatedTime
}

/** Hour and minute of an instant in a zone. */
function clockIn(epochMs: number, zone: string): {hour: number; minute: number} {
  const {hour, minute} = wallClock(epochMs, zone)
  return {hour, minute}
}

function statedReading(
  document: DocumentText,
  role: 'start' | 'end',
  stated: StatedTime | undefined,
): TimeReading[] {
  const range = document.range(stated?.text)
  if (!stated || !range) return []
  const reading: TimeReading = {
    role,
    ...range,
    text: stated.text.value,
    hasDate: stated.dateFrom === 'written',
    hasTime: stated.hasTime,
    zoneWritten: stated.zoneText !== undefined,
    zone: stated.zone,
    placed: stated.date,
    stated,
  }
  if (stated.dateFrom === 'written') Object.assign(reading, stated.date)
  if (stated.hasTime) Object.assign(reading, clockIn(stated.epochMs, stated.zone))
  return [reading]
}

function entryReading(
  document: DocumentText,
  entry: TimelineEntry,
  timestamp: EntryTimestamp,
): TimeReading[] {
  const range = document.range(timestamp.text)
  if (!range) return []
  const written = timestamp.mention.from
  const reading: TimeReading = {
    role: 'entry',
    ...range,
    text: timestamp.text.value,
    hasDate: timestamp.hasDate,
    hasTime: timestamp.hasTime,
    zoneWritten: timestamp.mention.zone !== undefined,
    zone: timestamp.zone,
    placed: timestamp.date,
    entry,
  }
  for (const key of ['year', 'month', 'day', 'hour', 'minute'] as const)
    if (written[key] !== undefined) reading[key] = written[key]
  // The clock as placed (a table's time column joined to its date column is read, but not quoted).
  if (timestamp.epochMs !== undefined)
    Object.assign(reading, clockIn(timestamp.epochMs, timestamp.zone))
  return [reading]
}

/** Whether a reading placed its time on the clock `hour:minute` (24-hour). */
export function readsClock(reading: TimeReading, hour: number, minute: number): boolean {
  return reading.hasTime && reading.hour === hour && reading.minute === minute
}

/** Whether a reading placed its time on one of the dates `candidates` (month and day). */
export function readsDate(
  reading: TimeReading,
  candidates: readonly {month: number; day: number}[],
): boolean {
  const placed = reading.placed
  return (
    placed !== undefined &&
    candidates.some((date) => date.month === placed.month && date.day === placed.day)
  )
}

/** Every time the model read, in document order. */
export function timeReadings(incident: Incident, document: DocumentText): TimeReading[] {
  const readings = [
    ...statedReading(document, 'start', incident.duration?.start),
    ...statedReading(document, 'end', incident.duration?.end),
  ]
  for (const entry of incident.timeline?.entries ?? []) {
    if (entry.timestamp) readings.push(...entryReading(document, entry, entry.timestamp))
    for (const problem of entry.problems) {
      const range = document.range(problem.text)
      if (range)
        readings.push({
          role: 'impossible',
          ...range,
          text: problem.text.value,
          hasDate: false,
          hasTime: false,
          zoneWritten: false,
          entry,
        })
    }
  }
  return readings.sort((a, b) => a.start - b.start)
}
