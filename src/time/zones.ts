/**
 * Time-zone names as postmortem authors write them, resolved to something a
 * zone library can compute with. Abbreviations are resolved here, never by
 * chrono-node (whose map is host-dependent near DST switches) and never by
 * handing them to Intl (which reads `BST` as Bangladesh).
 */

/** A zone we can compute with: an IANA id or a fixed offset such as `+05:30`. */
import {Temporal} from 'temporal-polyfill'

export type ZoneId = string

export type ZoneResolution =
  | {kind: 'known'; zone: ZoneId}
  | {kind: 'ambiguous'; candidates: string[]}
  | {kind: 'unknown'}

/** Abbreviations that name one offset. Standard and daylight names are fixed offsets on purpose: `PST` means UTC-8 even in June (the timezone rule warns about that). */
const fixedAbbreviations: Record<string, ZoneId> = {
  UTC: 'UTC',
  UT: 'UTC',
  GMT: 'UTC',
  Z: 'UTC',
  ZULU: 'UTC',
  WET: '+00:00',
  WEST: '+01:00',
  CET: '+01:00',
  CEST: '+02:00',
  MET: '+01:00',
  MEST: '+02:00',
  EET: '+02:00',
  EEST: '+03:00',
  MSK: '+03:00',
  WAT: '+01:00',
  CAT: '+02:00',
  EAT: '+03:00',
  SAST: '+02:00',
  PKT: '+05:00',
  NPT: '+05:45',
  ICT: '+07:00',
  WIB: '+07:00',
  HKT: '+08:00',
  SGT: '+08:00',
  PHT: '+08:00',
  AWST: '+08:00',
  JST: '+09:00',
  KST: '+09:00',
  ACST: '+09:30',
  ACDT: '+10:30',
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
  ADT: '-03:00',
  NST: '-03:30',
  NDT: '-02:30',
  BRT: '-03:00',
  ART: '-03:00',
}

/** Generic names that follow daylight saving: resolved to the IANA zone. */
const genericZones: Record<string, ZoneId> = {
  PT: 'America/Los_Angeles',
  MT: 'America/Denver',
  CT: 'America/Chicago',
  ET: 'America/New_York',
  PACIFIC: 'America/Los_Angeles',
  EASTERN: 'America/New_York',
  CENTRAL: 'America/Chicago',
  MOUNTAIN: 'America/Denver',
}

/** Abbreviations that name several real zones; a `timezones` option maps them for a team. */
const ambiguousAbbreviations: Record<string, string[]> = {
  IST: ['India (+05:30)', 'Israel (+02:00)', 'Ireland (+01:00)'],
  CST: ['US Central (-06:00)', 'China (+08:00)', 'Cuba (-05:00)'],
  BST: ['British Summer Time (+01:00)', 'Bangladesh (+06:00)'],
  AST: ['Atlantic (-04:00)', 'Arabia (+03:00)'],
  GST: ['Gulf (+04:00)', 'South Georgia (-02:00)'],
  SST: ['Samoa (-11:00)', 'Singapore (+08:00)'],
  ECT: ['Ecuador (-05:00)', 'Eastern Caribbean (-04:00)'],
}

/** `UTC+1`, `GMT-05:00`, `UTC +5:30`, `GMT + 1` and bare `+0530` style offsets. */
const offsetPattern = /^(?:UTC|GMT|UT)?\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?$/i

/**
 * Zones written in words, as authors write them (`West African Time`,
 * `Pacific time`, `South African Standard Time`, `Greenwich Mean Time +1`).
 * A name that says standard or daylight time is that fixed offset; a plain
 * regional name follows the region's daylight saving.
 */
const zoneNames: [string, ZoneId][] = [
  ['coordinated universal time|universal time|greenwich mean time|zulu time', 'UTC'],
  ['british summer time', '+01:00'],
  ['west(?:ern)? african? (?:standard )?time|nigerian? time|lagos time', '+01:00'],
  ['central african? (?:standard )?time', '+02:00'],
  ['south african? (?:standard )?time', '+02:00'],
  ['east(?:ern)? african? (?:standard )?time|kenyan? time|nairobi time', '+03:00'],
  ['central european summer time', '+02:00'],
  ['central european (?:standard )?time', '+01:00'],
  ['eastern european summer time', '+03:00'],
  ['eastern european (?:standard )?time', '+02:00'],
  ['western european summer time', '+01:00'],
  ['western european (?:standard )?time', 'UTC'],
  ['india(?:n)? standard time', '+05:30'],
  ['israel(?:i)? standard time', '+02:00'],
  ['irish standard time', '+01:00'],
  ['japan(?:ese)? standard time', '+09:00'],
  ['korea(?:n)? standard time', '+09:00'],
  ['china standard time', '+08:00'],
  ['singapore (?:standard )?time', '+08:00'],
  ['australian eastern daylight time', '+11:00'],
  ['australian eastern (?:standard )?time', '+10:00'],
  ['pacific daylight time', '-07:00'],
  ['pacific standard time', '-08:00'],
  ['mountain daylight time', '-06:00'],
  ['mountain standard time', '-07:00'],
  ['central daylight time', '-05:00'],
  ['central standard time', '-06:00'],
  ['eastern daylight time', '-04:00'],
  ['eastern standard time', '-05:00'],
  ['pacific time', 'America/Los_Angeles'],
  ['mountain time', 'America/Denver'],
  ['central time', 'America/Chicago'],
  ['eastern time', 'America/New_York'],
]

/** Any zone name in words, with an optional offset after it (`Greenwich Mean Time +1`). */
const zoneNamePattern = new RegExp(
  `\\b(?:${zoneNames.map(([name]) => `(${name})`).join('|')})\\b(?:\\s*([+-])\\s*(\\d{1,2})(?::?(\\d{2}))?\\b)?`,
  'i',
)

export interface ZoneName {
  /** Offsets of the name in the text given. */
  start: number
  end: number
  zone: ZoneId
}

/** The first zone written in words in `text` (`in West African Time`), or the one at its start when `anchored`. */
export function findZoneName(text: string, anchored = false): ZoneName | undefined {
  const match = zoneNamePattern.exec(text)
  if (!match || (anchored && match.index !== 0)) return undefined
  const named = zoneNames.findIndex((_, index) => match[index + 1] !== undefined)
  let zone = zoneNames[named]?.[1]
  if (!zone) return undefined
  const sign = match[zoneNames.length + 1]
  let end = match.index + (match[named + 1] ?? '').length
  // `Greenwich Mean Time +1` is an offset from GMT.
  if (sign && zone === 'UTC') {
    const hours = Number(match[zoneNames.length + 2])
    const offset = formatOffset(sign, hours, Number(match[zoneNames.length + 3] ?? 0))
    if (offset) {
      zone = offset
      end = match.index + match[0].length
    }
  }
  return {start: match.index, end, zone}
}

function formatOffset(sign: string, hours: number, minutes: number): ZoneId | undefined {
  if (hours > 14 || minutes > 59) return undefined
  if (hours === 0 && minutes === 0) return 'UTC'
  return `${sign}${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`
}

/**
 * Resolve zone text (`UTC`, `PST`, `GMT+1`, `Europe/Berlin`) against the
 * built-in tables and a team's own `timezones` map (abbreviation → zone).
 */
export function resolveZone(text: string, teamZones: Record<string, string> = {}): ZoneResolution {
  const trimmed = text.trim()
  const upper = trimmed.toUpperCase()
  const team = teamZones[trimmed] ?? teamZones[upper]
  if (team !== undefined) return resolveZone(team)
  const fixed = fixedAbbreviations[upper]
  if (fixed) return {kind: 'known', zone: fixed}
  const generic = genericZones[upper]
  if (generic) return {kind: 'known', zone: generic}
  const ambiguous = ambiguousAbbreviations[upper]
  if (ambiguous) return {kind: 'ambiguous', candidates: ambiguous}
  const offset = offsetPattern.exec(trimmed)
  if (offset) {
    const zone = formatOffset(offset[1] ?? '+', Number(offset[2]), Number(offset[3] ?? 0))
    return zone ? {kind: 'known', zone} : {kind: 'unknown'}
  }
  if (trimmed.includes('/') && isIanaZone(trimmed)) return {kind: 'known', zone: trimmed}
  return {kind: 'unknown'}
}

const ianaCache = new Map<string, boolean>()

/** Whether `name` is an IANA zone this runtime knows (`Europe/Berlin`). */
function isIanaZone(name: string): boolean {
  let known = ianaCache.get(name)
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat('en-US', {timeZone: name})
      known = true
    } catch {
      known = false
    }
    ianaCache.set(name, known)
  }
  return known
}

/** Every abbreviation the tables know about, for the recogniser's pattern. */
export const knownZoneWords = [
  ...Object.keys(fixedAbbreviations),
  ...Object.keys(genericZones).filter((name) => name.length <= 3),
  ...Object.keys(ambiguousAbbreviations),
]

/** Abbreviations that name one half of a zone's year, with the IANA zone and the other half's name. */
const seasonal: Record<string, {zone: string; daylight: boolean; other: string}> = {
  PST: {zone: 'America/Los_Angeles', daylight: false, other: 'PDT'},
  PDT: {zone: 'America/Los_Angeles', daylight: true, other: 'PST'},
  MST: {zone: 'America/Denver', daylight: false, other: 'MDT'},
  MDT: {zone: 'America/Denver', daylight: true, other: 'MST'},
  CDT: {zone: 'America/Chicago', daylight: true, other: 'CST'},
  EST: {zone: 'America/New_York', daylight: false, other: 'EDT'},
  EDT: {zone: 'America/New_York', daylight: true, other: 'EST'},
  AKST: {zone: 'America/Anchorage', daylight: false, other: 'AKDT'},
  AKDT: {zone: 'America/Anchorage', daylight: true, other: 'AKST'},
  CET: {zone: 'Europe/Paris', daylight: false, other: 'CEST'},
  CEST: {zone: 'Europe/Paris', daylight: true, other: 'CET'},
  EET: {zone: 'Europe/Athens', daylight: false, other: 'EEST'},
  EEST: {zone: 'Europe/Athens', daylight: true, other: 'EET'},
  WEST: {zone: 'Europe/Lisbon', daylight: true, other: 'WET'},
  AEST: {zone: 'Australia/Sydney', daylight: false, other: 'AEDT'},
  AEDT: {zone: 'Australia/Sydney', daylight: true, other: 'AEST'},
  NZST: {zone: 'Pacific/Auckland', daylight: false, other: 'NZDT'},
  NZDT: {zone: 'Pacific/Auckland', daylight: true, other: 'NZST'},
}

const offsets = new Map<string, number>()

/** The zone's offset at noon on a date (memoised: January and July of a year are asked for every document). */
function offsetMinutes(zone: string, year: number, month: number, day: number): number {
  const key = `${zone} ${year}-${month}-${day}`
  let minutes = offsets.get(key)
  if (minutes === undefined) {
    minutes =
      Temporal.ZonedDateTime.from({timeZone: zone, year, month, day, hour: 12}).offsetNanoseconds /
      60e9
    if (offsets.size > 10_000) offsets.clear()
    offsets.set(key, minutes)
  }
  return minutes
}

/**
 * When `abbreviation` names standard time on a date its zone observes daylight
 * saving (or the reverse), the abbreviation that fits (`PST` on June 15 → `PDT`).
 */
export function seasonalAbbreviation(
  abbreviation: string,
  date: {year: number; month: number; day: number},
): {abbreviation: string; standard: boolean} | undefined {
  const entry = seasonal[abbreviation.toUpperCase()]
  if (!entry) return undefined
  try {
    const january = offsetMinutes(entry.zone, date.year, 1, 15)
    const july = offsetMinutes(entry.zone, date.year, 7, 15)
    const standardOffset = Math.min(january, july)
    const isDaylight = offsetMinutes(entry.zone, date.year, date.month, date.day) > standardOffset
    if (isDaylight === entry.daylight) return undefined
    return {abbreviation: entry.other, standard: !isDaylight}
  } catch {
    return undefined
  }
}
