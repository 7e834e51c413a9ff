/**
 * Misreadings, for the tests of `explain`'s detectors (test/explain.test.ts):
 * per kind of suspicious reading, a small function that takes the model's
 * reading of a document (`readIncident`, as the CLI makes it) and makes it
 * wrong in that kind's way, as a model that cannot read the document would.
 * The detectors then see a known misreading, whatever the model of the day
 * reads: the tests do not wait for the model to misread a fixture.
 *
 * Each misreading changes only the readings its kind is about, and is built
 * from the raw text where it needs a place (a slice of the model's own
 * texts, so that places stay right). It throws when the document lacks what
 * it works on (no duration field, no timeline...), rather than leave the
 * reading as it was. Where today's model already misreads a document that
 * way, the misreading changes little or nothing there; it makes the same
 * reading out of a right one (checked by hand, by undoing the model's
 * mistake before misreading).
 */
import type {Root} from 'mdast'
import {remark} from 'remark'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import {VFile} from 'vfile'
import {timeReadings} from '../src/explain/readings.js'
import {findSuspicious, type Suspicion} from '../src/explain/suspicious.js'
import {DocumentText} from '../src/explain/text.js'
import {readIncident} from '../src/model/index.js'
import type {SourceText} from '../src/model/source-text.js'
import type {
  Duration,
  EntryTimestamp,
  Incident,
  StatedSource,
  StatedTime,
  TimelineEntry,
} from '../src/model/types.js'
import type {CalendarDate} from '../src/time/instant.js'
import {wallClock} from '../src/time/instant.js'
import type {WrittenTime} from '../src/time/recognise.js'

export interface Misreading {
  /** What it makes the model read, in a few words (the tests' names). */
  description: string
  /** Makes `incident` (read from `document`) read wrong, in place. */
  misread: (incident: Incident, document: DocumentText) => void
}

/** The model's reading of a Markdown document, as `postmortem-lint explain` makes it. */
function readModel(source: string): {incident: Incident; document: DocumentText} {
  const file = new VFile({path: 'postmortem.md', value: source})
  const processor = remark().use(remarkFrontmatter, ['yaml', 'toml']).use(remarkGfm)
  const tree = processor.runSync(processor.parse(file), file) as Root
  return {incident: readIncident(tree, file), document: new DocumentText(source)}
}

/** Every detector's suspicions on a document, as the model reads it or, given a misreading, as doctored. */
export function suspicionsOf(source: string, misreading?: Misreading): Suspicion[] {
  const {incident, document} = readModel(source)
  misreading?.misread(incident, document)
  return findSuspicious({incident, document, readings: timeReadings(incident, document)})
}

function must<T>(value: T | undefined | null, what: string): T {
  if (value === undefined || value === null) throw new Error(`the misreading needs ${what}`)
  return value
}

/** The date a document without any written date is placed on. */
const noDate: CalendarDate = {year: 2000, month: 1, day: 1}

const atUtc = (date: CalendarDate, hour = 0, minute = 0) =>
  Date.UTC(date.year, date.month - 1, date.day, hour, minute)

/** The same wall clock, in UTC: a time read without its zone. */
function sameClockInUtc(epochMs: number, zone: string): number {
  const clock = wallClock(epochMs, zone)
  return Date.UTC(clock.year, clock.month - 1, clock.day, clock.hour, clock.minute)
}

/** The stated start and end written without a zone read in UTC, at the same clock. */
function statedInUtc(duration: Duration): void {
  for (const key of ['start', 'end'] as const) {
    const stated = duration[key]
    if (!stated || stated.zoneText !== undefined) continue
    duration[key] = {...stated, zone: 'UTC', epochMs: sameClockInUtc(stated.epochMs, stated.zone)}
  }
}

/** A timestamp moved to another date, at the same clock in the same zone. */
function redated(timestamp: EntryTimestamp, date: CalendarDate, written: WrittenTime) {
  const shift = atUtc(date) - atUtc(timestamp.date)
  return {
    ...timestamp,
    date,
    mention: {...timestamp.mention, from: written},
    epochMs: timestamp.epochMs === undefined ? undefined : timestamp.epochMs + shift,
  }
}

/** The entry reads its time (a clock, no date) from `[at, at + length)` of its text, placed on `date` in UTC. */
function readEntryAt(
  entry: TimelineEntry,
  at: number,
  length: number,
  clock: {hour: number; minute: number},
  date: CalendarDate,
  more: Partial<EntryTimestamp> = {},
): void {
  const text = entry.text.slice(at, at + length)
  entry.timestamp = {
    text,
    mention: {start: at, end: at + length, text: text.value, from: clock},
    epochMs: atUtc(date, clock.hour, clock.minute),
    date,
    hasDate: false,
    hasTime: true,
    zone: 'UTC',
    rolledOver: false,
    ...more,
  }
  entry.problems = []
}

/** A stated time with a clock read from `text`, in UTC. */
function statedClock(
  text: SourceText,
  clock: {hour: number; minute: number},
  from: StatedSource,
): StatedTime {
  const zoneText = /UTC$/.test(text.value) ? 'UTC' : undefined
  return {
    ...(zoneText ? {zoneText} : {}),
    epochMs: atUtc(noDate, clock.hour, clock.minute),
    date: noDate,
    dateFrom: 'none',
    zone: 'UTC',
    hasTime: true,
    text,
    from,
  }
}

const timelineOf = (incident: Incident) => must(incident.timeline, 'a timeline')
/** A clock at the head of an entry's text (`1:17`, `11:57 PM UTC`): hour, minute, meridiem. */
const headClock = /^\s*(\d{1,2})[:.](\d{2})(?:\s?([AaPp])\.?[Mm]\.?)?(?:\s?UTC\b)?/
/** The date the entries before `index` were last placed on. */
function dateBefore(entries: readonly TimelineEntry[], index: number): CalendarDate {
  for (let before = index - 1; before >= 0; before--) {
    const date = entries[before]?.timestamp?.date
    if (date) return date
  }
  return noDate
}

/** Per kind, in the detectors' order. */
export const misreadings: Record<string, Misreading> = {
  'unused-time-in-duration': {
    description: 'start and end read from the duration field’s first two times, not its last',
    misread(incident) {
      const label = must(incident.sections.get('duration')?.[0], 'a duration field')
      const value = must(label.value, 'a value after `Duration:`')
      const clocks = [...value.value.matchAll(/(\d{1,2}):(\d{2})(?:\s?UTC\b)?/g)]
      if (clocks.length < 3) throw new Error('the misreading needs three times in the field')
      const [start, end] = clocks.map((clock) =>
        statedClock(
          value.slice(clock.index, clock.index + clock[0].length),
          {hour: Number(clock[1]), minute: Number(clock[2])},
          'duration field',
        ),
      )
      incident.duration = {...(incident.duration ?? {label, crossesMidnight: false}), start, end}
    },
  },
  'stated-time-without-zone': {
    description: 'the stated start and end, written without a zone, read in UTC',
    misread(incident) {
      const duration = must(incident.duration, 'a stated start or end')
      must(duration.start ?? duration.end, 'a stated start or end')
      statedInUtc(duration)
    },
  },
  'zone-in-words-unread': {
    description: 'no zone read: the times written without one placed in UTC',
    misread(incident) {
      delete incident.declaredZone
      delete incident.zoneSource
      for (const entry of timelineOf(incident).entries) {
        const timestamp = entry.timestamp
        if (!timestamp || timestamp.mention.zone !== undefined) continue
        entry.timestamp = {
          ...timestamp,
          zone: 'UTC',
          epochMs:
            timestamp.epochMs === undefined
              ? undefined
              : sameClockInUtc(timestamp.epochMs, timestamp.zone),
        }
      }
      if (incident.duration) statedInUtc(incident.duration)
    },
  },
  'written-length-unread': {
    description: 'no stated length read',
    misread(incident) {
      if (incident.duration) delete incident.duration.stated
    },
  },
  'timeline-times-unread': {
    description: 'no time read on the timeline after its first entry’s',
    misread(incident) {
      const [first, ...rest] = timelineOf(incident).entries
      must(first?.timestamp, 'a first entry with a time')
      for (const entry of rest) {
        delete entry.timestamp
        entry.problems = []
      }
    },
  },
  'timeline-short': {
    description: 'the timeline read only up to the bold line inside it',
    misread(incident, document) {
      const timeline = timelineOf(incident)
      const label = timeline.label
      const from = must(document.placeOf(label.text)?.line, 'a placed timeline label')
      const bold = must(
        document.lines.find(
          (line) => line.number > from && /^\s*(\*\*|__)[^*_]+\1\s*$/.test(line.text),
        ),
        'a bold line after the timeline label',
      )
      let end = label.line + 1
      while (
        end < label.end &&
        (document.placeOf(incident.lines[end]?.text)?.line ?? 0) < bold.number
      )
        end++
      timeline.label = {...label, end}
      timeline.entries = timeline.entries.filter((entry) => entry.line < end)
    },
  },
  'time-from-narrative': {
    description: 'an entry without a time at its head given the first time inside its text',
    misread(incident) {
      const entries = timelineOf(incident).entries
      let changed = false
      entries.forEach((entry, index) => {
        const inside = /(?<![\d:.])(\d{1,2}):(\d{2})(?![\d:])/.exec(entry.text.value)
        if (headClock.test(entry.text.value) || !inside) return
        const clock = {hour: Number(inside[1]), minute: Number(inside[2])}
        readEntryAt(entry, inside.index, inside[0].length, clock, dateBefore(entries, index), {
          fromNarrative: true,
        })
        changed = true
      })
      if (!changed) throw new Error('the misreading needs an entry with a time inside its text')
    },
  },
  'meridiem-missing': {
    description: 'a time without AM or PM after a PM one read as a morning of the same day',
    misread(incident) {
      let pm: EntryTimestamp | undefined
      let changed = false
      for (const entry of timelineOf(incident).entries) {
        const head = headClock.exec(entry.text.value)
        if (!head) continue
        if (head[3]) {
          pm = /p/i.test(head[3]) ? entry.timestamp : undefined
          continue
        }
        if (!pm || Number(head[1]) >= 12) continue
        const at = head[0].length - head[0].trimStart().length
        const clock = {hour: Number(head[1]), minute: Number(head[2])}
        readEntryAt(entry, at, head[0].length - at, clock, pm.date)
        changed = true
      }
      if (!changed) throw new Error('the misreading needs a time without AM or PM after a PM one')
    },
  },
  'year-crossing': {
    description: 'every dated entry read in one year (2000), those after December included',
    misread(incident) {
      const dated = timelineOf(incident).entries.filter((entry) => entry.timestamp?.hasDate)
      must(dated[0], 'a dated entry')
      for (const entry of dated) {
        const timestamp = entry.timestamp as EntryTimestamp
        entry.timestamp = redated(
          timestamp,
          {...timestamp.date, year: 2000},
          timestamp.mention.from,
        )
      }
    },
  },
  'day-month-order': {
    description: 'the entries’ numeric dates that read both ways read month-first',
    misread(incident) {
      let changed = false
      for (const entry of timelineOf(incident).entries) {
        const timestamp = entry.timestamp
        const date =
          timestamp && /(?<!\d)(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})/.exec(timestamp.text.value)
        if (!timestamp || !date) continue
        const [month, day] = [Number(date[1]), Number(date[2])]
        if (month === day || month > 12 || day > 12) continue
        entry.timestamp = redated(
          timestamp,
          {year: Number(date[3]), month, day},
          {...timestamp.mention.from, month, day},
        )
        changed = true
      }
      if (!changed)
        throw new Error('the misreading needs an entry with a date that reads both ways')
    },
  },
  'date-after-time': {
    description: 'the stated end read from the date after the start’s time alone, at midnight',
    misread(incident) {
      const duration = must(incident.duration, 'a stated start')
      const start = must(duration.start, 'a stated start')
      const date = must(
        /,\s*([A-Z][a-z]+\.? \d{1,2}(?:st|nd|rd|th)?,? \d{4})$/.exec(start.text.value),
        'a stated start written as a time, then a date',
      )
      const at = date.index + date[0].length - (date[1] as string).length
      duration.end = {
        epochMs: atUtc(start.date),
        date: start.date,
        dateFrom: 'written',
        zone: 'UTC',
        hasTime: false,
        text: start.text.slice(at),
        from: start.from,
      }
    },
  },
  'number-read-as-time': {
    description:
      'the last part of a version (`3.1.20`) in an entry without a time read as its hour',
    misread(incident) {
      const entries = timelineOf(incident).entries
      let changed = false
      entries.forEach((entry, index) => {
        const version = /(?<![\d.])\d+\.\d+\.(\d{1,2})(?![\d.]*\d)/.exec(entry.text.value)
        if (headClock.test(entry.text.value) || !version || Number(version[1]) > 23) return
        const part = version[1] as string
        const at = version.index + version[0].length - part.length
        readEntryAt(
          entry,
          at,
          part.length,
          {hour: Number(part), minute: 0},
          dateBefore(entries, index),
        )
        changed = true
      })
      if (!changed) throw new Error('the misreading needs an entry with a version and no time')
    },
  },
  'impact-share-unread': {
    description: 'no share read from the impact statements',
    misread(incident) {
      must(incident.impact[0], 'an impact statement')
      for (const statement of incident.impact)
        statement.shares = statement.shares.map(() => ({percentages: [], shareWords: []}))
    },
  },
  'count-read-as-share': {
    description: 'every percentage in the impact statements read as a share',
    misread(incident) {
      let found = false
      for (const statement of incident.impact)
        statement.text.forEach((text, index) => {
          const shares = must(statement.shares[index], 'a share reading per text')
          for (const match of text.value.matchAll(/(\d{1,3}(?:\.\d+)?)\s?%/g)) {
            const start = match.index
            found = true
            if (shares.percentages.some((share) => share.start === start)) continue
            shares.percentages.push({
              start,
              end: start + match[0].length,
              text: match[0],
              value: Number(match[1]),
            })
          }
        })
      if (!found) throw new Error('the misreading needs a percentage in an impact statement')
    },
  },
}
