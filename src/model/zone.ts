/**
 * The document's zone for times written without one, in order of
 * precedence: the timeline's own (`Timeline (CET)`, `Timeline (all times
 * West African Time)`), a table column's (`Time (UTC)`, `Date and Time in
 * CET`), a note (`All times in UTC`, `Time zone: GMT+0300`), the zone of the
 * stated start or end, the front matter's `timezone:`, and last the one zone
 * the summary's times are written in (`from 9:00 PM to 10:00 PM WAT`). A
 * declaration whose abbreviation is ambiguous (`All times in IST`) is kept as
 * a problem: it declares a zone nobody can compute with.
 */
import type {TimeMention} from '../time/recognise.js'
import {findZoneName, resolveZone, type ZoneId, type ZoneResolution} from '../time/zones.js'
import {summaryLines} from './outline.js'
import type {SourceText} from './source-text.js'
import type {DeclaredZone, Outline, ZoneProblem, ZoneSource} from './types.js'

/** A zone abbreviation, an offset (`UTC+1`, `GMT + 2`, `+05:30`) or an IANA name. */
const zoneToken =
  /\b((?:UTC|GMT|UT) ?[+-] ?\d{1,2}(?::?\d{2})?(?!\d)|[+-]\d{2}:?\d{2}\b|[A-Z][A-Za-z]+\/[A-Z][A-Za-z_]+|[A-Z]{2,5})\b/g

/** Words that say a time's zone is declared: `All times (are) (in)`, `times in`, `time zone:`. */
const noteLead =
  /\ball\s+(?:times?|timestamps?)\b(?:\s+(?:are|shown|given|listed))?(?:\s+in)?|\b(?:times?|timestamps?)\s+(?:are\s+)?(?:in|shown in|given in|listed in)\b|\btime\s?zones?\b\s*(?:is|:)?/i

interface FoundZone {
  text: SourceText
  resolution: ZoneResolution
}

/** The first zone token or zone name in `text` from `from` on. */
function zoneIn(
  text: SourceText,
  from: number,
  timezones: Record<string, string>,
): FoundZone | undefined {
  const rest = text.value.slice(from)
  const name = findZoneName(rest)
  zoneToken.lastIndex = 0
  for (let match = zoneToken.exec(rest); match; match = zoneToken.exec(rest)) {
    if (name && name.start < match.index) break
    const resolution = resolveZone(match[1] ?? '', timezones)
    if (resolution.kind !== 'unknown') {
      const start = from + match.index
      return {text: text.slice(start, start + match[0].length), resolution}
    }
  }
  if (!name) return undefined
  return {
    text: text.slice(from + name.start, from + name.end),
    resolution: {kind: 'known', zone: name.zone},
  }
}

/** A zone declared in a label or note: in parentheses (`Timeline (UTC)`), after `in` or after a note's words. */
function declaredIn(
  text: SourceText,
  timezones: Record<string, string>,
  anywhere: boolean,
): FoundZone | undefined {
  const value = text.value
  const parenthesis = value.indexOf('(')
  if (parenthesis !== -1) {
    const found = zoneIn(text, parenthesis, timezones)
    if (found) return found
  }
  const note = noteLead.exec(value)
  if (note) return zoneIn(text, note.index + note[0].length, timezones)
  return anywhere ? zoneIn(text, 0, timezones) : undefined
}

/** What any zone needs: capitals (`WAT`, `UTC`), an offset sign, `Z`, or a name ending in `time`. */
const zoneLike =
  /[A-Z]{2}|[+-]\d|\dZ\b|\b[Tt]ime\b|utc|gmt|[Pp]acific|[Ee]astern|[Cc]entral|[Mm]ountain/

/** A mention's zone, when it is a known one. */
export function knownZoneOf(mention: TimeMention | undefined): ZoneId | undefined {
  return mention?.zone?.resolution.kind === 'known' ? mention.zone.resolution.zone : undefined
}

export interface ZoneReading {
  declared?: DeclaredZone
  /** A declaration nobody can compute with (`All times in IST`). */
  problem?: ZoneProblem
}

/**
 * The declared zone. `statedMentions` are the time mentions of the stated
 * duration, start and end, in that order; `frontMatterZone` the front matter's.
 */
export function readDeclaredZone(
  outline: Outline,
  statedMentions: readonly (TimeMention | undefined)[],
  frontMatterZone: string | undefined,
): ZoneReading {
  const {lines, timelineLabel, timezones} = outline
  const declarations: {found: FoundZone; from: ZoneSource}[] = []
  const timelineText = timelineLabel ? lines[timelineLabel.line]?.text : undefined
  const fromLabel = timelineText && declaredIn(timelineText, timezones, false)
  if (fromLabel) declarations.push({found: fromLabel, from: 'timeline label'})
  for (const line of lines) {
    if (line.kind === 'row' && line.header)
      for (const cell of line.cells ?? []) {
        const found =
          /\b(?:time|date|when)\b/i.test(cell.value) && declaredIn(cell, timezones, true)
        if (found) declarations.push({found, from: 'table header'})
      }
    const found =
      line.text.value.length < 300 &&
      noteLead.test(line.text.value) &&
      declaredIn(line.text, timezones, false)
    if (found) declarations.push({found, from: 'all-times note'})
  }
  const reading: ZoneReading = {}
  const known = declarations.find(({found}) => found.resolution.kind === 'known')
  const ambiguous = declarations.find(({found}) => found.resolution.kind === 'ambiguous')
  if (
    ambiguous &&
    ambiguous.found.resolution.kind === 'ambiguous' &&
    (!known || declarations.indexOf(ambiguous) < declarations.indexOf(known))
  )
    reading.problem = {
      text: ambiguous.found.text,
      kind: 'ambiguous',
      candidates: ambiguous.found.resolution.candidates,
    }
  if (known?.found.resolution.kind === 'known') {
    reading.declared = {zone: known.found.resolution.zone, from: known.from, text: known.found.text}
    return reading
  }
  if (reading.problem) return reading
  for (const mention of statedMentions) {
    const zone = knownZoneOf(mention)
    if (zone) return {declared: {zone, from: 'duration'}}
  }
  if (frontMatterZone) {
    const resolution = resolveZone(frontMatterZone, timezones)
    if (resolution.kind === 'known')
      return {declared: {zone: resolution.zone, from: 'front matter'}}
  }
  const summaryZone = oneZoneOfSummary(outline)
  return summaryZone ? {declared: summaryZone} : {}
}

/** The one zone the summary's times are written in (`from 9:00 PM to 10:00 PM WAT`), if they agree. */
function oneZoneOfSummary(outline: Outline): DeclaredZone | undefined {
  const {lines, recognise, inTimeline, labels} = outline
  const [from, to] = summaryLines(outline)
  // The summary's lines and the introduction's before the first section.
  const firstLabel = labels.find((label) => label.kinds.length > 0)?.line ?? 0
  const indexes = [
    ...Array.from({length: Math.min(firstLabel, 20)}, (_, index) => index),
    ...Array.from(
      {length: Math.max(0, Math.min(to, from + 20) - from)},
      (_, index) => from + index,
    ),
  ]
  let found: DeclaredZone | undefined
  for (const index of new Set(indexes)) {
    const text = lines[index]?.text
    // A zone is an abbreviation, an offset or a name in words: a line without one is not read for times.
    if (!text || inTimeline(index) || !zoneLike.test(text.value)) continue
    for (const mention of recognise(text.value).mentions) {
      const zone = knownZoneOf(mention)
      if (!zone || !mention.zone) continue
      if (found && found.zone !== zone) return undefined
      found ??= {zone, from: 'summary', text: text.slice(mention.zone.start, mention.zone.end)}
    }
  }
  return found
}
