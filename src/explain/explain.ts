/**
 * What the model read of a postmortem, for `postmortem-lint explain`: the
 * sections found, the stated start, end and length with the text each came
 * from, the zone and where it came from, the timeline's entries, the impact
 * shares, and the suspicious readings (`suspicious.ts`). Every place is a file
 * line and column; every quote is the text as written.
 */
import type {Root} from 'mdast'
import type {Processor} from 'unified'
import type {VFile} from 'vfile'
import {readIncident} from '../model/incident.js'
import type {SourceText} from '../model/source-text.js'
import type {Incident, StatedTime} from '../model/types.js'
import {wallClock} from '../time/instant.js'
import {timeReadings} from './readings.js'
import {findSuspicious, type Suspicion} from './suspicious.js'
import {DocumentText, type Place, shorten} from './text.js'

interface Quote extends Place {
  text: string
}

export interface ExplainedTime extends Quote {
  /** As read, in the zone it was read in: `2024-05-02 09:10 UTC`, `09:10 UTC` when no date was given. */
  time: string
  /** The instant (ISO 8601, UTC). */
  instant: string
  zone: string
  /** The zone was written with the time, or is the document's. */
  zoneFrom: 'written' | 'document'
  /** The date was written with the time, is the incident's, or is none (the document gives no date). */
  dateFrom: 'written' | 'incident' | 'none'
  /** The kind of text it was read from (`duration field`, `start field`, `front matter`, ...). */
  from: string
}

export interface ExplainedEntry extends Place {
  /** The time as read, or null for an entry without one. */
  time: string | null
  instant: string | null
  /** The text the time was read from, and where it starts in the entry's text. */
  timeText: string | null
  timeAt: number | null
  /** Where that text starts. */
  timeLine: number | null
  timeColumn: number | null
  /** The entry's first line. */
  text: string
}

export interface Explanation {
  path: string
  /** Why the document could not be explained (not text, empty), else null. */
  problem: string | null
  sections: (Quote & {kind: string})[]
  start: ExplainedTime | null
  end: ExplainedTime | null
  length: (Quote & {minutes: number; from: string}) | null
  zone: {
    zone: string
    /** Where it is declared (`timeline label`, `all-times note`, `duration`, `front matter`), or `default` (UTC: nothing declares one). */
    from: string
    line: number | null
    column: number | null
    text: string | null
  }
  timeline:
    | (Quote & {
        /** The last line the timeline was read from. */
        endLine: number
        entries: number
        withTime: number
        items: ExplainedEntry[]
      })
    | null
  impact: {
    line: number | null
    column: number | null
    /** The label it sits under (or the summary's); the front matter's `impact:` has none. */
    label: string | null
    /** Where it was read: under an impact label, the front matter's `impact:`, or the summary (when there is no impact statement). */
    from: 'label' | 'front matter' | 'summary'
    shares: (Quote & {kind: 'percentage' | 'words'; value: number | null})[]
  }[]
  suspicious: Suspicion[]
}

/** Documents above this size are not explained (the model reads them; the output would be unreadable). */
const maxBytes = 5_000_000

/** `2024-05-02 09:10 UTC` (or without the date, or the date only) in `zone`; an IANA zone shows as its offset then. */
function formatInstant(epochMs: number, zone: string, withDate: boolean, withTime = true): string {
  const zoned = wallClock(epochMs, zone)
  const pad = (value: number) => String(Math.abs(value)).padStart(2, '0')
  const date = `${zoned.year}-${pad(zoned.month)}-${pad(zoned.day)}`
  if (!withTime) return `${date} (no time)`
  const offset = zoned.offsetMinutes
  const shown =
    zone === 'UTC' || offset === 0
      ? 'UTC'
      : `${offset < 0 ? '-' : '+'}${pad(Math.trunc(offset / 60))}:${pad(offset % 60)}`
  return `${withDate ? `${date} ` : ''}${pad(zoned.hour)}:${pad(zoned.minute)} ${shown}`
}

function quote(document: DocumentText, text: SourceText | undefined): Quote | undefined {
  const place = document.placeOf(text)
  return place && text ? {...place, text: shorten(text.value, 60)} : undefined
}

function explainTime(document: DocumentText, stated: StatedTime | undefined): ExplainedTime | null {
  if (!stated) return null
  const place = document.placeOf(stated.text) ?? {line: 0, column: 0}
  return {
    time: formatInstant(stated.epochMs, stated.zone, stated.dateFrom !== 'none', stated.hasTime),
    instant: new Date(stated.epochMs).toISOString(),
    zone: stated.zone,
    zoneFrom: stated.zoneText === undefined ? 'document' : 'written',
    dateFrom: stated.dateFrom,
    from: stated.from,
    ...place,
    text: shorten(stated.text.value, 60),
  }
}

function explainIncident(incident: Incident, document: DocumentText): Omit<Explanation, 'path'> {
  const sections = [...incident.sections.entries()]
    .flatMap(([kind, labels]) =>
      labels.flatMap((label) => {
        const found = quote(document, label.text)
        return found ? [{kind, ...found}] : []
      }),
    )
    .sort((a, b) => a.line - b.line || a.column - b.column)
  const duration = incident.duration
  const stated = duration?.stated
  const statedQuote = quote(document, stated?.text)
  const zoneSource = incident.zoneSource
  const zoneQuote = quote(document, zoneSource?.text)
  const timeline = incident.timeline
  const timelineQuote = timeline ? quote(document, timeline.label.text) : undefined
  const lastLine = timeline
    ? incident.lines[Math.max(timeline.label.line, timeline.label.end - 1)]?.text
    : undefined
  const items: ExplainedEntry[] = (timeline?.entries ?? []).map((entry) => {
    const place = document.placeOf(entry.text) ?? {line: 0, column: 0}
    const timestamp = entry.timestamp
    const timePlace = timestamp ? document.placeOf(timestamp.text) : undefined
    const timeOffset = timestamp?.text.fileOffset(0)
    let timeAt: number | null = null
    if (timestamp && timeOffset !== undefined)
      for (let index = 0; index < entry.text.value.length; index++)
        if (entry.text.fileOffset(index) === timeOffset) {
          timeAt = index
          break
        }
    return {
      ...place,
      time:
        timestamp?.epochMs !== undefined
          ? formatInstant(timestamp.epochMs, timestamp.zone, timestamp.hasDate)
          : timestamp
            ? `${timestamp.date.year}-${String(timestamp.date.month).padStart(2, '0')}-${String(timestamp.date.day).padStart(2, '0')}`
            : null,
      instant: timestamp?.epochMs !== undefined ? new Date(timestamp.epochMs).toISOString() : null,
      timeText: timestamp ? timestamp.text.value : null,
      timeAt,
      timeLine: timePlace?.line ?? null,
      timeColumn: timePlace?.column ?? null,
      text: entry.text.value,
    }
  })
  return {
    problem: null,
    sections,
    start: explainTime(document, duration?.start),
    end: explainTime(document, duration?.end),
    length:
      stated && statedQuote
        ? {minutes: Math.round(stated.ms / 60_000), from: stated.from, ...statedQuote}
        : null,
    zone: {
      zone: incident.declaredZone ?? 'UTC',
      from: zoneSource?.from ?? 'default',
      line: zoneQuote?.line ?? null,
      column: zoneQuote?.column ?? null,
      text: zoneQuote?.text ?? null,
    },
    timeline:
      timeline && timelineQuote
        ? {
            ...timelineQuote,
            endLine: (lastLine && document.placeOf(lastLine)?.line) || timelineQuote.line,
            entries: items.length,
            withTime: items.filter((item) => item.instant !== null).length,
            items,
          }
        : null,
    impact: incident.impact.map((statement) => {
      const from = statement.fromSummary
        ? 'summary'
        : statement.label?.kinds.length === 0
          ? 'front matter'
          : 'label'
      const labelQuote = quote(
        document,
        from === 'front matter' ? statement.text[0] : statement.label?.text,
      )
      const shares: Explanation['impact'][number]['shares'] = []
      statement.shares.forEach((reading, index) => {
        const text = statement.text[index]
        if (!text) return
        for (const percentage of reading.percentages) {
          const found = quote(document, text.slice(percentage.start, percentage.end))
          if (found) shares.push({kind: 'percentage', value: percentage.value, ...found})
        }
        for (const words of reading.shareWords) {
          const found = quote(document, text.slice(words.start, words.end))
          if (found) shares.push({kind: 'words', value: null, ...found})
        }
      })
      shares.sort((a, b) => a.line - b.line || a.column - b.column)
      return {
        line: labelQuote?.line ?? null,
        column: labelQuote?.column ?? null,
        label: from === 'front matter' ? null : (labelQuote?.text ?? null),
        from,
        shares,
      }
    }),
    suspicious: findSuspicious({incident, document, readings: timeReadings(incident, document)}),
  }
}

/** An explanation with nothing read (a document that could not be explained). */
export const unexplained: Omit<Explanation, 'path' | 'problem'> = {
  sections: [],
  start: null,
  end: null,
  length: null,
  zone: {zone: 'UTC', from: 'default', line: null, column: null, text: null},
  timeline: null,
  impact: [],
  suspicious: [],
}

/** Why a document is not explained, or undefined when it can be. */
function unreadable(source: string): string | undefined {
  if (!source.trim()) return 'empty document: nothing to explain'
  const bytes = Buffer.byteLength(source, 'utf8')
  if (bytes > maxBytes)
    return `not explained: ${(bytes / 1e6).toFixed(1)} MB is more than the ${maxBytes / 1e6} MB explain reads`
  const sample = source.slice(0, 8192)
  let odd = 0
  let nul = false
  for (let index = 0; index < sample.length; index++) {
    const code = sample.charCodeAt(index)
    // Control characters other than tab, line feed, form feed and carriage return, and U+FFFD (bytes that are not UTF-8).
    if (code < 9 || (code > 13 && code < 32) || code === 0xfffd) odd++
    if (code === 0) nul = true
  }
  if (nul || odd / sample.length > 0.01)
    return 'not explained: not a text document (binary or not UTF-8)'
  return undefined
}

/** The explanation of one parsed document. */
function explain(tree: Root, file: VFile): Explanation {
  const source = String(file)
  const problem = unreadable(source)
  if (problem) return {path: file.path, problem, ...unexplained}
  const incident = readIncident(tree, file)
  return {path: file.path, ...explainIncident(incident, new DocumentText(source))}
}

/**
 * A remark plugin that stores each file's explanation in `file.data.explanation`.
 * A document that will not be explained is not parsed either (10 MB take a minute and a half).
 */
export function remarkExplain(this: Processor) {
  const parse = this.parser
  if (parse)
    this.parser = (document, file) =>
      unreadable(document) ? ({type: 'root', children: []} as Root) : parse(document, file)
  return (tree: Root, file: VFile) => {
    file.data.explanation = explain(tree, file)
  }
}
