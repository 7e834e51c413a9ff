/**
 * The key moments of an incident are recognisable in the timeline (detected,
 * and mitigated or resolved) and in order: impact began <= detected <=
 * mitigated <= resolved.
 */

import {marksImpactStart} from '../model/phases.js'
import type {TimelineEntry} from '../model/types.js'
import {postmortemRule} from '../rule.js'

const at = (entry: TimelineEntry | undefined) => entry?.timestamp?.epochMs

export const remarkLintPostmortemMilestones = postmortemRule<Record<string, never>>({
  id: 'postmortem-milestones',
  severity: 'warn',
  options: {},
  check({incident, report}) {
    const timeline = incident.timeline
    const timed = (timeline?.entries ?? []).filter(
      (entry) => entry.timestamp?.epochMs !== undefined,
    )
    if (!timeline || timed.length < 2) return
    const detected = timed.find((entry) => entry.phases.includes('detection'))
    // The entry at the stated end is the resolution, whatever words it uses.
    const end = incident.duration?.end?.epochMs
    const resolved = timed.findLast(
      (entry) => entry.phases.includes('resolution') || (end !== undefined && at(entry) === end),
    )
    const began = timed.find((entry) => marksImpactStart(entry.fullText))
    if (!detected) {
      report(
        'Timeline does not say when the incident was detected; expected an entry such as `14:05 UTC: alert fired` or `reported by a customer`',
        timeline.label.text,
      )
    }
    if (!resolved) {
      report(
        'Timeline does not say when the incident was mitigated or resolved; expected an entry such as `15:30 UTC: service restored`',
        timeline.label.text,
      )
    }
    // A timeline that goes backwards is postmortem-timeline-order's to report; its order says nothing here.
    if (timed.some((entry, index) => index > 0 && (at(entry) ?? 0) < (at(timed[index - 1]) ?? 0)))
      return
    const detectedAt = at(detected)
    const resolvedAt = at(resolved)
    const beganAt = at(began)
    if (
      detected?.timestamp &&
      resolved?.timestamp &&
      detectedAt !== undefined &&
      resolvedAt !== undefined &&
      resolvedAt < detectedAt
    ) {
      report(
        `Resolution \`${resolved.timestamp.text.value}\` comes before detection \`${detected.timestamp.text.value}\`; expected detected <= resolved`,
        resolved.timestamp.text,
        {related: {text: detected.timestamp.text, reason: 'Detection'}},
      )
    }
    if (
      began?.timestamp &&
      detected?.timestamp &&
      beganAt !== undefined &&
      detectedAt !== undefined &&
      detectedAt < beganAt
    ) {
      report(
        `Detection \`${detected.timestamp.text.value}\` comes before the impact began \`${began.timestamp.text.value}\`; expected began <= detected`,
        detected.timestamp.text,
        {related: {text: began.timestamp.text, reason: 'Impact began'}},
      )
    }
  },
})

export default remarkLintPostmortemMilestones
