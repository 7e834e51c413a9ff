/**
 * Timezone sanity: timeline times with no zone anywhere, mixed zones in one
 * timeline, a standard-time abbreviation used in daylight-saving season (or the
 * reverse: `PST` on June 15 means `PDT`), and front matter times that
 * disagree with the body's.
 */
import type {SourceText} from '../model/source-text.js'
import {postmortemRule} from '../rule.js'
import type {CalendarDate} from '../time/instant.js'
import {seasonalAbbreviation} from '../time/zones.js'

export const remarkLintPostmortemTimezone = postmortemRule<Record<string, never>>({
  id: 'postmortem-timezone',
  severity: 'warn',
  options: {},
  check({incident, report}) {
    const entries = (incident.timeline?.entries ?? []).filter((entry) => entry.timestamp?.hasTime)
    const zoned = entries.filter(
      (entry) => entry.timestamp?.mention.zone?.resolution.kind === 'known',
    )
    const first = entries[0]?.timestamp
    // An ambiguous declaration (`All times in IST`) is postmortem-timeline-timestamps' to report.
    if (first && zoned.length === 0 && !incident.declaredZone && !incident.declaredZoneProblem) {
      report(
        `Timeline times such as \`${first.text.value}\` have no zone and the document declares none; expected a zone (\`14:05 UTC\`) or a note such as \`All times UTC\``,
        first.text,
      )
    }
    // Mixed zones: two abbreviations with different offsets in one timeline.
    let firstZone:
      | {text: string; zone: string; stamp: NonNullable<(typeof entries)[number]['timestamp']>}
      | undefined
    for (const entry of zoned) {
      const stamp = entry.timestamp
      const zone = stamp?.mention.zone
      if (!stamp || !zone || zone.resolution.kind !== 'known') continue
      if (!firstZone) firstZone = {text: zone.text, zone: zone.resolution.zone, stamp}
      else if (zone.resolution.zone !== firstZone.zone && !/[+-]\d/.test(zone.text)) {
        report(
          `Timeline mixes zones: \`${stamp.text.value}\` after \`${firstZone.stamp.text.value}\`; expected one zone throughout, or explicit offsets`,
          stamp.text,
          {related: {text: firstZone.stamp.text, reason: `The first zone, \`${firstZone.text}\``}},
        )
        break
      }
    }
    // A standard-time name in summer or a daylight name in winter.
    const written: {zone: string; source: SourceText; date: CalendarDate}[] = []
    for (const time of [incident.duration?.start, incident.duration?.end]) {
      if (time?.zoneText && time.zoneTextSource)
        written.push({zone: time.zoneText, source: time.zoneTextSource, date: time.date})
    }
    for (const entry of entries) {
      const stamp = entry.timestamp
      const zone = stamp?.mention.zone
      if (stamp && zone)
        written.push({
          zone: zone.text,
          source: stamp.text.slice(
            zone.start - stamp.mention.start,
            zone.end - stamp.mention.start,
          ),
          date: stamp.date,
        })
    }
    const seen = new Set<string>()
    for (const {zone, source, date} of written) {
      const expected = seen.has(zone) ? undefined : seasonalAbbreviation(zone, date)
      if (!expected) continue
      seen.add(zone)
      // Month and day only: the year is often not written, and the season does not depend on it.
      const day = `${['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][date.month - 1]} ${date.day}`
      report(
        `\`${zone}\` names ${expected.standard ? 'daylight' : 'standard'} time but ${day} falls in ${expected.standard ? 'standard' : 'daylight-saving'} time there; expected \`${expected.abbreviation}\``,
        source,
        {expected: [expected.abbreviation], actual: zone},
      )
    }
    // Front matter that disagrees with the body.
    const body = incident.bodyDuration
    const front = incident.frontMatterDuration
    for (const key of ['start', 'end'] as const) {
      const fromBody = body?.[key]
      const fromFront = front?.[key]
      if (fromBody && fromFront && fromBody.epochMs !== fromFront.epochMs) {
        report(
          `Front matter ${key} \`${fromFront.text.value}\` disagrees with the ${key} in the document, \`${fromBody.text.value}\`; expected the same moment`,
          fromFront.text,
          {related: {text: fromBody.text, reason: `The ${key} in the document`}},
        )
      }
    }
  },
})

export default remarkLintPostmortemTimezone
