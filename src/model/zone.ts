/**
 * The document's zone for times written without one: the timeline's own
 * (`Timeline (CET)`), a table column's (`Time (UTC)`), an "all times" note, the
 * zone of the stated start or end, or the front matter's `timezone:`, in that
 * order of precedence.
 */
import type {TimeMention} from '../time/recognise.js'
import {resolveZone, type ZoneId} from '../time/zones.js'
import type {SourceText} from './source-text.js'
import type {DeclaredZone, Outline} from './types.js'

const allTimesPattern =
  /\b[Aa]ll (?:[Tt]imes?|[Tt]imestamps)\b[^.]{0,20}?\b(?:are |in |are in )?\(?((?:UTC|GMT)(?:\s?[+-]\d{1,2}(?::?\d{2})?)?|[A-Z][A-Za-z_]+\/[A-Za-z_]+|[A-Z]{2,5})\b/
const zoneInParentheses = /\(([^)]*)\)/

/** `Timeline (CET)`, `Time (UTC)`: a zone written in parentheses. */
function parenthesisedZone(text: string, timezones: Record<string, string>): ZoneId | undefined {
  const inner = zoneInParentheses.exec(text)?.[1]
  if (!inner) return undefined
  const word = /((?:UTC|GMT)(?:\s?[+-]\d{1,2}(?::?\d{2})?)?|[A-Z]{2,5})\b/.exec(
    inner.replace(/^all times( are)?( in)?\s*/i, ''),
  )?.[1]
  if (!word) return undefined
  const resolution = resolveZone(word, timezones)
  return resolution.kind === 'known' ? resolution.zone : undefined
}

/** A mention's zone, when it is a known one. */
export function knownZoneOf(mention: TimeMention | undefined): ZoneId | undefined {
  return mention?.zone?.resolution.kind === 'known' ? mention.zone.resolution.zone : undefined
}

/**
 * The declared zone. `statedMentions` are the time mentions of the stated
 * duration, start and end, in that order; `frontMatterZone` the front matter's.
 */
export function readDeclaredZone(
  outline: Outline,
  statedMentions: readonly (TimeMention | undefined)[],
  frontMatterZone: string | undefined,
): DeclaredZone | undefined {
  const {lines, timelineLabel, timezones} = outline
  const candidates: {zone: ZoneId | undefined; from: DeclaredZone['from']; text?: SourceText}[] = []
  if (timelineLabel) {
    const text = lines[timelineLabel.line]?.text
    if (text)
      candidates.push({
        zone: parenthesisedZone(text.value, timezones),
        from: 'timeline label',
        text,
      })
  }
  for (const line of lines) {
    if (line.kind === 'row' && line.header)
      for (const cell of line.cells ?? [])
        candidates.push({
          zone: parenthesisedZone(cell.value, timezones),
          from: 'table header',
          text: cell,
        })
    const allTimes = allTimesPattern.exec(line.text.value)?.[1]
    if (allTimes) {
      const resolution = resolveZone(allTimes, timezones)
      if (resolution.kind === 'known')
        candidates.push({zone: resolution.zone, from: 'all-times note', text: line.text})
    }
  }
  for (const mention of statedMentions)
    candidates.push({zone: knownZoneOf(mention), from: 'duration'})
  if (frontMatterZone) {
    const resolution = resolveZone(frontMatterZone, timezones)
    if (resolution.kind === 'known') candidates.push({zone: resolution.zone, from: 'front matter'})
  }
  const found = candidates.find((candidate) => candidate.zone !== undefined)
  if (!found?.zone) return undefined
  return {zone: found.zone, from: found.from, ...(found.text ? {text: found.text} : {})}
}
