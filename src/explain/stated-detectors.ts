/**
 * Suspicious readings of the stated start, end, length and zone: times in a
 * duration field or outage marker that no reading used, a stated time read
 * without the zone the document writes its times in, a zone written in words
 * that nothing read, a written length (`down for 66 minutes`) with no stated
 * length read.
 */

import {wallClock} from '../time/instant.js'
import type {Detector, DetectorContext, Suspicion} from './context.js'
import {findTimes, isUsedBy, shorten} from './text.js'

const lengthUnit = /^\s*(?:hours?|hrs?|h\b|minutes?|mins?|m\b|seconds?|secs?|s\b|days?|%|percent)/i

/** Times and dates in a raw text that are not a length (`1.25 hours`) or a version. */
function timesIn(text: string) {
  return findTimes(text).filter(
    (found) =>
      !lengthUnit.test(text.slice(found.end)) &&
      !/(?:\bv|version\s?)$/i.test(text.slice(0, found.start)),
  )
}

/** The raw lines `[line, ...]` of a label: its own, and the few after it until a blank line when it has no value. */
function fieldLines(context: DetectorContext, line: number, hasValue: boolean): number[] {
  const lines = [line]
  if (hasValue) return lines
  for (let next = line + 1; next <= line + 3; next++) {
    const text = context.document.lines[next - 1]?.text ?? ''
    if (!text.trim() || /^\s*(#|\*\*[^*]+\*\*\s*:?\s*$)/.test(text)) break
    lines.push(next)
  }
  return lines
}

const outageMarker =
  /\b(?:outage|incident|impact|downtime|disruption)\s+(?:begins|began|starts|started|start|ends|ended|end|resolved|over|declared)\b/i

function unusedTimeInDuration(context: DetectorContext): Suspicion[] {
  const {incident, document} = context
  const timeline = context.timelineLines()
  const inTimeline = (line: number) =>
    timeline !== undefined && line > timeline.from && line <= timeline.to
  const length = document.range(incident.duration?.stated?.text)
  const found: Suspicion[] = []
  const seen = new Set<number>()
  const stated = context.readings.filter((reading) => reading.stated)
  const check = (line: number, what: string) => {
    if (seen.has(line)) return
    seen.add(line)
    const raw = document.lines[line - 1]
    if (!raw) return
    const readings = context.readingsIn(raw.offset, raw.offset + raw.text.length)
    for (const time of timesIn(raw.text)) {
      const start = raw.offset + time.start
      const end = raw.offset + time.end
      if (context.readingsIn(start, end).length > 0) continue
      if (length && length.start < end && length.end > start) continue
      // Used all the same: the stated start or end (a field's) or the entry (a marker's) has that clock or date.
      if (isUsedBy(time, what === 'outage marker' ? readings : stated)) continue
      const readAs = readings.length
        ? `; read from ${readings.map((reading) => `\`${shorten(reading.text, 24)}\``).join(', ')}`
        : ''
      found.push(
        context.at(
          'unused-time-in-duration',
          start,
          end,
          `a ${time.kind === 'date' ? 'date' : 'time'} in the ${what} that no reading used${readAs}`,
        ),
      )
    }
  }
  for (const kind of ['duration', 'start', 'end'] as const) {
    const label = incident.sections.get(kind)?.find((candidate) => {
      const line = document.placeOf(candidate.text)?.line
      return line !== undefined && !inTimeline(line)
    })
    const line = document.placeOf(label?.text)?.line
    if (!label || line === undefined) continue
    for (const fieldLine of fieldLines(context, line, label.value !== undefined))
      check(fieldLine, `${kind} field`)
  }
  for (const entry of incident.timeline?.entries ?? []) {
    if (!outageMarker.test(entry.text.value)) continue
    const line = document.placeOf(entry.text)?.line
    if (line !== undefined) check(line, 'outage marker')
  }
  return found
}

/** Common zone abbreviations (the unambiguous ones), for the detectors' own reading of zones. */
const abbreviations: Record<string, string> = {
  UTC: 'UTC',
  GMT: 'UTC',
  UT: 'UTC',
  Z: 'UTC',
  WET: '+00:00',
  WEST: '+01:00',
  CET: '+01:00',
  CEST: '+02:00',
  EET: '+02:00',
  EEST: '+03:00',
  MSK: '+03:00',
  WAT: '+01:00',
  CAT: '+02:00',
  EAT: '+03:00',
  SAST: '+02:00',
  PKT: '+05:00',
  ICT: '+07:00',
  WIB: '+07:00',
  SGT: '+08:00',
  HKT: '+08:00',
  JST: '+09:00',
  KST: '+09:00',
  AEST: '+10:00',
  AEDT: '+11:00',
  NZST: '+12:00',
  NZDT: '+13:00',
  HST: '-10:00',
  AKST: '-09:00',
  AKDT: '-08:00',
  PST: '-08:00',
  PDT: '-07:00',
  MST: '-07:00',
  MDT: '-06:00',
  CDT: '-05:00',
  EST: '-05:00',
  EDT: '-04:00',
  PT: 'America/Los_Angeles',
  ET: 'America/New_York',
  CT: 'America/Chicago',
  MT: 'America/Denver',
}

/** The zone an abbreviation or offset (`EAT`, `UTC+3`, `GMT -05:00`) names; undefined for others. */
function zoneOfAbbreviation(text: string): string | undefined {
  const compact = text.replace(/\s+/g, '').toUpperCase()
  const offset = /^(?:UTC|GMT)([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(compact)
  if (offset) {
    const hours = Number(offset[2])
    const minutes = Number(offset[3] ?? 0)
    if (hours > 14) return undefined
    if (hours === 0 && minutes === 0) return 'UTC'
    return `${offset[1]}${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`
  }
  return abbreviations[compact]
}

/** A zone written after a clock time, or declared for all times (`all times in EAT`, `Timeline (PST)`). */
const zoneAfterClock =
  /(?<![\d.:])\d{1,2}[:.h]?\d{2}(?:\s?[ap]\.?m\.?)?\s*[(,]?\s*((?:UTC|GMT)\s?[+-]\s?\d{1,2}(?::?\d{2})?|[A-Z]{2,5})\b/g
const zoneDeclaration =
  /\b(?:all\s+times?|times?|timestamps?|timezone|time zone|tz)\b[^.\n]{0,24}?[(:\s]((?:UTC|GMT)\s?[+-]\s?\d{1,2}(?::?\d{2})?|[A-Z]{2,5})\b/gi

/** The zones the document writes its times in (known ones only), most common first. */
function writtenZones(context: DetectorContext): string[] {
  const counts = new Map<string, number>()
  const add = (text: string | undefined) => {
    if (!text) return
    const zone = zoneOfAbbreviation(text)
    if (zone) counts.set(zone, (counts.get(zone) ?? 0) + 1)
  }
  for (const line of context.document.lines) {
    for (const match of line.text.matchAll(zoneAfterClock)) add(match[1])
    for (const match of line.text.matchAll(zoneDeclaration))
      if (match[1] === match[1]?.toUpperCase()) add(match[1])
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([zone]) => zone)
}

/** Offset in minutes (east of UTC) of a zone at an instant. */
function offsetAt(zone: string, epochMs: number): number {
  return wallClock(epochMs, zone).offsetMinutes
}

const showZone = (zone: string) => zone

function statedTimeWithoutZone(context: DetectorContext): Suspicion[] {
  const zones = writtenZones(context)
  if (zones.length === 0) return []
  const found: Suspicion[] = []
  for (const reading of context.readings) {
    const stated = reading.stated
    if (!stated || reading.zoneWritten || !reading.hasTime) continue
    const offset = offsetAt(stated.zone, stated.epochMs)
    if (zones.some((zone) => offsetAt(zone, stated.epochMs) === offset)) continue
    const main = zones[0] as string
    found.push(
      context.at(
        'stated-time-without-zone',
        reading.start,
        reading.end,
        `the stated ${reading.role} has no zone and was read in ${showZone(stated.zone)}, but the document writes its times in ${showZone(main)}`,
      ),
    )
  }
  return found
}

/** Zones written in words, with the zone each names (an IANA zone, so summer time is right). */
const zoneWords: [RegExp, string][] = [
  [/\bpacific\b/i, 'America/Los_Angeles'],
  [/\beastern\b(?!\s+(?:european|africa))/i, 'America/New_York'],
  [/\bcentral\b(?!\s+(?:european|africa))/i, 'America/Chicago'],
  [/\bmountain\b/i, 'America/Denver'],
  [/\balaska/i, 'America/Anchorage'],
  [/\bhawaii/i, 'Pacific/Honolulu'],
  [/\batlantic\b/i, 'America/Halifax'],
  [/\b(?:greenwich|coordinated universal|universal|zulu)\b/i, 'UTC'],
  [/\bbritish\b|\buk\b|\blondon\b/i, 'Europe/London'],
  [/\birish\b/i, 'Europe/Dublin'],
  [/\b(?:western europe|west europe)/i, 'Europe/Lisbon'],
  [/\bcentral europe/i, 'Europe/Paris'],
  [/\beastern europe/i, 'Europe/Athens'],
  [/\bmoscow\b/i, 'Europe/Moscow'],
  [/\b(?:west africa|nigeria|lagos|cameroon)/i, 'Africa/Lagos'],
  [/\b(?:central africa|rwanda|kigali|zambia|malawi)/i, 'Africa/Maputo'],
  [/\b(?:south africa|johannesburg)/i, 'Africa/Johannesburg'],
  [/\b(?:east africa|eastern africa|kenya|nairobi|ethiopia|uganda|tanzania)/i, 'Africa/Nairobi'],
  [/\b(?:egypt|cairo)/i, 'Africa/Cairo'],
  [/\b(?:ghana|accra)/i, 'Africa/Accra'],
  [/\b(?:morocc|casablanca)/i, 'Africa/Casablanca'],
  [/\bindia/i, 'Asia/Kolkata'],
  [/\b(?:china|beijing)/i, 'Asia/Shanghai'],
  [/\b(?:japan|tokyo)/i, 'Asia/Tokyo'],
  [/\bsingapore/i, 'Asia/Singapore'],
  [/\baustralian eastern|\bsydney/i, 'Australia/Sydney'],
  [/\bisrael/i, 'Asia/Jerusalem'],
]
const zoneInWords =
  /\b((?:(?:south|north|east|west|central|eastern|western)\s+)?(?:african?|europe(?:an)?|pacific|eastern|central|mountain|alaska(?:n)?|hawaii(?:an)?|atlantic|greenwich mean|coordinated universal|universal|british summer|british|irish|moscow|nigeria(?:n)?|lagos|kenya(?:n)?|nairobi|ethiopia(?:n)?|uganda(?:n)?|tanzania(?:n)?|rwanda(?:n)?|egypt(?:ian)?|ghana(?:ian)?|morocc(?:o|an)|india(?:n)?|china|chinese|japan(?:ese)?|singapore|australian eastern|israel(?:i)?|sydney|tokyo|london|cairo|kigali|accra))\s+(?:(?:standard|daylight|summer)\s+)?time\b/gi

function zoneInWordsUnread(context: DetectorContext): Suspicion[] {
  const {incident, document} = context
  const instants = context.readings.flatMap((reading) =>
    reading.stated
      ? [reading.stated.epochMs]
      : reading.entry?.timestamp?.epochMs !== undefined
        ? [reading.entry.timestamp.epochMs]
        : [],
  )
  const at = instants[0] ?? Date.UTC(2024, 0, 15, 12)
  const zonesRead = new Set<number | undefined>(
    [incident.declaredZone, ...context.readings.map((reading) => reading.zone)]
      .filter((zone): zone is string => zone !== undefined)
      .map((zone) => offsetAt(zone, at)),
  )
  const found: Suspicion[] = []
  const seen = new Set<string>()
  for (const line of document.lines) {
    for (const match of line.text.matchAll(zoneInWords)) {
      const words = match[0]
      const zone = zoneWords.find(([pattern]) => pattern.test(words))?.[1]
      if (!zone) continue
      // `Pacific Standard Time` is UTC-8 even in summer; `Pacific time` is either half of the year.
      const year = new Date(at).getUTCFullYear()
      const halves = [Date.UTC(year, 0, 15), Date.UTC(year, 6, 15)].map((instant) =>
        offsetAt(zone, instant),
      )
      const offsets = /\bstandard\b/i.test(words)
        ? [Math.min(...halves.map((offset) => offset ?? 0))]
        : /\b(?:daylight|summer)\b/i.test(words)
          ? [Math.max(...halves.map((offset) => offset ?? 0))]
          : halves
      if (offsets.some((offset) => zonesRead.has(offset))) continue
      if (zonesRead.size === 0 && offsets.every((offset) => offset === 0)) continue
      const key = words.toLowerCase()
      if (seen.has(key)) continue
      seen.add(key)
      const start = line.offset + (match.index ?? 0)
      const read = incident.declaredZone
        ? `the document's zone was read as ${showZone(incident.declaredZone)}`
        : 'no zone was read (times are placed in UTC)'
      found.push(
        context.at(
          'zone-in-words-unread',
          start,
          start + words.length,
          `${shorten(words, 40)} names ${zone}; ${read}`,
        ),
      )
    }
  }
  return found
}

const number = String.raw`(?:\d+(?:\.\d+)?|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty(?:-five)?|fifty|sixty|ninety|half an?)`
const approximately = String.raw`(?:(?:about|approximately|approx\.?|around|roughly|nearly|almost|over|just over|just under|under|more than|less than|a total of|a period of|~)\s+)*`
const unit = String.raw`(?:minutes?|mins?|hours?|hrs?|h|days?|seconds?|secs?)\b`
const writtenLength = new RegExp(
  String.raw`\b(?:(?:was|were|went|remained|stayed|being|been)\s+)?(?:down|offline|unavailable|unreachable|inaccessible|degraded|interrupted|disrupted|out|lasted|lasting|lasts|persisted|spanned|spanning|duration of|outage of|downtime of|for a total of)\s+(?:for\s+)?${approximately}${number}(?:\s*(?:-|and|to)\s*(?:a half|\d+))?\s*-?\s*${unit}|\b${approximately}${number}\s*-?\s*${unit}(?:\s+and\s+\d+\s+${unit})?\s+(?:of\s+)?(?:downtime|outage|disruption|of (?:service )?(?:degradation|unavailability))\b`,
  'gi',
)

function writtenLengthUnread(context: DetectorContext): Suspicion[] {
  if (context.incident.duration?.stated) return []
  const timeline = context.timelineLines()
  const raw = context.rawTimeline()
  const found: Suspicion[] = []
  for (const line of context.document.lines) {
    const inTimeline =
      (timeline && line.number > timeline.from && line.number <= timeline.to) ||
      (raw && line.number > raw.heading.line && line.number <= raw.end)
    if (inTimeline) continue
    for (const match of line.text.matchAll(writtenLength)) {
      const start = line.offset + (match.index ?? 0)
      found.push(
        context.at(
          'written-length-unread',
          start,
          start + match[0].length,
          `a written length of the outage, but no stated length was read`,
        ),
      )
      break
    }
    if (found.length >= 3) break
  }
  return found
}

export const statedDetectors: Detector[] = [
  {
    kind: 'unused-time-in-duration',
    description:
      'a duration, start or end field, or an outage marker, holds a date or time that no reading used',
    detect: unusedTimeInDuration,
  },
  {
    kind: 'stated-time-without-zone',
    description:
      'a stated start or end has no zone of its own and was read in another zone than the document writes its times in',
    detect: statedTimeWithoutZone,
  },
  {
    kind: 'zone-in-words-unread',
    description:
      'a zone written in words (`East Africa Time`, `Pacific time`) names another zone than any the model read',
    detect: zoneInWordsUnread,
  },
  {
    kind: 'written-length-unread',
    description:
      'a written length of the outage (`down for 66 minutes`) while no stated length was read',
    detect: writtenLengthUnread,
  },
]
