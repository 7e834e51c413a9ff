/**
 * A timeline entry's timestamp is impossible (`25:10`, `13:00 PM`, `June 31`),
 * or names a zone that is unknown (`GWT`) or ambiguous (`IST`). With
 * `requireTimestamp`, an entry without any timestamp is flagged too.
 */

import {isBoolean, isZoneMap, postmortemRule} from '../rule.js'
import {knownZoneWords} from '../time/zones.js'

export interface Options {
  /** Flag entries that carry no timestamp at all (default `false`). */
  requireTimestamp?: boolean
  /** A team's meaning for zone abbreviations (`{IST: 'Asia/Kolkata'}`). */
  timezones?: Record<string, string>
}

/** Known zones one letter away from an unknown one (`GWT` → `GMT`). */
function nearZones(text: string): string[] {
  const upper = text.toUpperCase()
  return knownZoneWords.filter((zone) => {
    if (zone.length !== upper.length || zone === 'Z') return false
    let differences = 0
    for (let index = 0; index < zone.length; index++)
      if (zone[index] !== upper[index]) differences++
    return differences === 1
  })
}

/** `India (+05:30)` → `UTC+05:30` */
function offsetOf(candidate: string): string | undefined {
  const offset = /\(([+-]\d{2}:\d{2})\)/.exec(candidate)?.[1]
  return offset ? `UTC${offset}` : undefined
}

export const remarkLintPostmortemTimelineTimestamps = postmortemRule<Options>({
  id: 'postmortem-timeline-timestamps',
  severity: 'error',
  options: {requireTimestamp: isBoolean, timezones: isZoneMap},
  check({incident, options, report}) {
    // A zone declared for the whole timeline (`All times in IST`) that nobody can compute with.
    const declared = incident.declaredZoneProblem
    if (declared && incident.timeline) {
      const zone = declared.text.value
      const expected = declared.candidates
        .map(offsetOf)
        .filter((offset): offset is string => Boolean(offset))
      report(
        `Unexpected ambiguous zone \`${zone}\` declared for the timeline (${declared.candidates.join(', ')}), expected an offset such as \`${expected[0] ?? 'UTC+05:30'}\` or a \`timezones\` option that maps \`${zone}\``,
        declared.text,
        {expected, actual: zone},
      )
    }
    for (const entry of incident.timeline?.entries ?? []) {
      for (const problem of entry.problems) {
        report(
          `Unexpected impossible timestamp \`${problem.text.value}\` (${problem.reason}), expected a real date and time`,
          problem.text,
        )
      }
      const zoneProblem = entry.timestamp?.zoneProblem
      if (zoneProblem && entry.timestamp) {
        const zone = zoneProblem.text.value
        if (zoneProblem.kind === 'ambiguous') {
          const expected = zoneProblem.candidates
            .map(offsetOf)
            .filter((offset): offset is string => Boolean(offset))
          report(
            `Unexpected ambiguous zone \`${zone}\` in \`${entry.timestamp.text.value}\` (${zoneProblem.candidates.join(', ')}), expected an offset such as \`${expected[0] ?? 'UTC+05:30'}\` or a \`timezones\` option that maps \`${zone}\``,
            zoneProblem.text,
            {expected, actual: zone},
          )
        } else {
          const expected = nearZones(zone)
          report(
            `Unexpected unknown zone \`${zone}\` in \`${entry.timestamp.text.value}\`, expected a known zone${expected.length ? ` such as \`${expected.join('`, `')}\`` : ''} or an offset like \`UTC+1\``,
            zoneProblem.text,
            {expected, actual: zone},
          )
        }
      }
      if (options.requireTimestamp && !entry.timestamp && entry.problems.length === 0) {
        report(
          'Unexpected timeline entry without a timestamp, expected a time such as `14:05 UTC` at its start',
          entry.text,
        )
      }
    }
  },
})

export default remarkLintPostmortemTimelineTimestamps
