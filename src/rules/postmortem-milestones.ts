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
  check({incident, report, where}) {
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
        'Missing detection in the timeline, expected an entry such as `14:05 UTC: alert fired`',
        timeline.label.text,
        {
          note: [
            'No entry says when the incident was noticed, so time to detect cannot be measured.',
            'Words read as detection: alert, alarm, paged, detected, reported, noticed, a complaint, `issue identified`, `incident declared`, `ticket opened`.',
          ].join('\n'),
        },
      )
    }
    if (!resolved) {
      report(
        'Missing resolution in the timeline, expected an entry such as `15:30 UTC: restored`',
        timeline.label.text,
        {
          note: [
            'No entry says when the impact was mitigated or ended, so time to resolve cannot be measured.',
            'Words read as resolution: resolved, restored, recovered, mitigated, fixed, rolled back, reverted, back to normal, working again; the entry at the stated end counts whatever its words.',
          ].join('\n'),
        },
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
        `Unexpected resolution \`${resolved.timestamp.text.value}\` before detection \`${detected.timestamp.text.value}\`, expected detection first`,
        resolved.timestamp.text,
        {
          related: {text: detected.timestamp.text, reason: 'Detection'},
          note: `The last resolution entry (${where(resolved.timestamp.text)}) is earlier than the first detection entry (${where(detected.timestamp.text)}). Correct a time, or the words that make an entry read as detection or resolution.`,
        },
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
        `Unexpected detection \`${detected.timestamp.text.value}\` before the impact began at \`${began.timestamp.text.value}\`, expected it after`,
        detected.timestamp.text,
        {
          related: {text: began.timestamp.text, reason: 'Impact began'},
          note: `The first detection entry (${where(detected.timestamp.text)}) is earlier than the entry where the impact began (${where(began.timestamp.text)}). Correct a time, or the words that make an entry read as detection or as the start of the impact (\`outage began\`, \`errors started\`).`,
        },
      )
    }
  },
})

export default remarkLintPostmortemMilestones
