/**
 * Explicit markers of an outage's start and end in the timeline: `OUTAGE
 * BEGINS` / `OUTAGE ENDS`, `INCIDENT BEGINS` / `INCIDENT ENDS`, `(outage
 * starts)`, an entry that opens with `Outage begins`; after a start marker
 * with no end marker, the last entry that resolves the incident (`resolved`,
 * `service restored`). They state the start and end when no field does; an outage's markers are preferred to an
 * incident's (the SRE book's example marks both, and its summary's 66
 * minutes are the outage's).
 */
import type {EntryTimestamp, TimelineEntry} from './types.js'

export interface Marker {
  entry: TimelineEntry
  timestamp: EntryTimestamp & {epochMs: number}
  /** `outage` markers are preferred to `incident` ones. */
  subject: 'outage' | 'incident'
}

const subjects = [
  'outage',
  'downtime',
  'disruption',
  'incident',
  'impact',
  'problem',
  'issue',
  'fault',
]
const startVerbs = [
  'begins',
  'began',
  'starts',
  'started',
  'commences',
  'commenced',
  'occurs',
  'occurred',
]
const endVerbs = ['ends', 'ended', 'is over']

interface MarkerPattern {
  /** `OUTAGE BEGINS`: in capitals, anywhere in the entry. */
  capitals: RegExp
  /** `(outage starts)`: in parentheses. */
  parenthesised: RegExp
  /** `Outage begins: ...`, `Server downtime starts here`, `...; outage commences`: opening the entry or a clause of it. */
  atHead: RegExp
}

function markerPattern(verbs: string[]): MarkerPattern {
  const phrase = (words: string[], verbWords: string[]) =>
    `(${words.join('|')})\\s+(?:officially\\s+)?(?:${verbWords.join('|')})\\b`
  const lower = phrase(subjects, verbs)
  return {
    capitals: new RegExp(
      `\\b${phrase(
        subjects.map((word) => word.toUpperCase()),
        verbs.map((word) => word.toUpperCase()),
      )}`,
    ),
    parenthesised: new RegExp(`\\(\\s*${lower}`, 'i'),
    atHead: new RegExp(
      `(?:^[\\s*_:.,–—()[\\]|-]*|[;.]\\s+|\\s[-–—]\\s+)(?:[\\w'-]+\\s+){0,2}${lower}`,
      'i',
    ),
  }
}

const startMarker = markerPattern(startVerbs)
const endMarker = markerPattern(endVerbs)

/**
 * Whether `text` (an entry's text after its timestamp) marks the start or the
 * end: written in capitals, in parentheses, or opening the entry.
 */
function marks(text: string, pattern: MarkerPattern): Marker['subject'] | undefined {
  const found =
    pattern.capitals.exec(text)?.[1] ??
    pattern.parenthesised.exec(text)?.[1] ??
    pattern.atHead.exec(text)?.[1]
  if (!found) return undefined
  return found.toLowerCase() === 'incident' ? 'incident' : 'outage'
}

/** The first start marker and the last end marker of the timeline, outages before incidents. */
export function readMarkers(entries: readonly TimelineEntry[]): {start?: Marker; end?: Marker} {
  const starts: Marker[] = []
  const ends: Marker[] = []
  for (const entry of entries) {
    const timestamp = entry.timestamp
    if (!timestamp || timestamp.epochMs === undefined || !timestamp.hasTime) continue
    // The entry's first line (a table row's cells too) without its timestamp (`Fault occurs 2020-02-12 11:45`).
    const line = entry.fullText.split('\n')[0] ?? ''
    const at = line.indexOf(timestamp.text.value)
    const after =
      at <= 0
        ? line.slice(Math.max(0, at) + timestamp.text.value.length)
        : `${line.slice(0, at)} ${line.slice(at + timestamp.text.value.length)}`
    const timed = timestamp as Marker['timestamp']
    const start = marks(after, startMarker)
    const end = marks(after, endMarker)
    if (start) starts.push({entry, timestamp: timed, subject: start})
    if (end) ends.push({entry, timestamp: timed, subject: end})
  }
  const prefer = (markers: Marker[]) =>
    markers.filter((marker) => marker.subject === 'outage').length > 0
      ? markers.filter((marker) => marker.subject === 'outage')
      : markers
  const start = prefer(starts)[0]
  const end = prefer(ends).at(-1) ?? (start ? resolutionAfter(entries, start) : undefined)
  return {...(start ? {start} : {}), ...(end ? {end} : {})}
}

/**
 * With a start marker and no end marker, the last entry after it that
 * resolves the incident (`Service fully restored`, `resolved`) marks the end.
 */
function resolutionAfter(entries: readonly TimelineEntry[], start: Marker): Marker | undefined {
  const after = entries.slice(entries.indexOf(start.entry) + 1)
  const entry = after.findLast(
    (candidate) =>
      candidate.timestamp?.epochMs !== undefined &&
      candidate.timestamp.hasTime &&
      candidate.phases.includes('resolution'),
  )
  const timestamp = entry?.timestamp as Marker['timestamp'] | undefined
  return entry && timestamp ? {entry, timestamp, subject: start.subject} : undefined
}
