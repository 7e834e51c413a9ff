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
  check({incident, report, where}) {
    const entries = (incident.timeline?.entries ?? []).filter((entry) => entry.timestamp?.hasTime)
    const zoned = entries.filter(
      (entry) => entry.timestamp?.mention.zone?.resolution.kind === 'known',
    )
    const first = entries[0]?.timestamp
    // An ambiguous declaration (`All times in IST`) is postmortem-timeline-timestamps' to report.
    if (first && zoned.length === 0 && !incident.declaredZone && !incident.declaredZoneProblem) {
      report(
        `Missing zone for times such as \`${first.text.value}\`, expected a zone or a note such as \`All times UTC\``,
        first.text,
        {
          note: [
            'No timeline entry names a zone, and the document declares none: readers cannot tell when things happened.',
            'Write the zone after each time (`14:05 UTC`), or once: a note (`All times UTC`), the timeline heading (`Timeline (UTC)`), a `Time (UTC)` column or front matter `timezone: UTC`.',
          ].join('\n'),
        },
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
          `Unexpected zone \`${zone.text}\` after \`${firstZone.text}\`, expected one zone in the timeline or offsets`,
          stamp.text,
          {
            related: {text: firstZone.stamp.text, reason: `The first zone, \`${firstZone.text}\``},
            note: `\`${stamp.text.value}\` follows \`${firstZone.stamp.text.value}\` (${where(firstZone.stamp.text)}) in another zone: readers have to convert. Write every time in one zone, or with explicit offsets (\`UTC+1\`).`,
          },
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
      const season = expected.standard ? 'standard' : 'daylight-saving'
      report(
        `Unexpected \`${zone}\` on ${day}, expected \`${expected.abbreviation}\` (${season} time)`,
        source,
        {
          expected: [expected.abbreviation],
          actual: zone,
          note: `\`${zone}\` names ${expected.standard ? 'daylight' : 'standard'} time, but ${day} falls in ${season} time there: the clocks read \`${expected.abbreviation}\`. If the times really are in \`${zone}\`, write its offset instead.`,
        },
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
          `Unexpected front matter ${key} \`${fromFront.text.value}\`, expected the document's \`${fromBody.text.value}\``,
          fromFront.text,
          {
            related: {text: fromBody.text, reason: `The ${key} in the document`},
            note: `The front matter's \`${key}:\` and the ${key} written in the document (${where(fromBody.text)}) are different moments, compared in their zones. Make them the same.`,
          },
        )
      }
    }
  },
})

export default remarkLintPostmortemTimezone
