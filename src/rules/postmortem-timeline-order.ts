/**
 * Timeline timestamps go backwards. Bare times take their date from the entry
 * before (or the stated start) and only roll over to the next day when the
 * stated duration crosses midnight; zones are respected.
 */
import type {TimelineEntry} from '../model/types.js'
import {postmortemRule} from '../rule.js'
import {toEpochMs} from '../time/instant.js'

/** The comparable instant of an entry: its own, or the start of its day for a date-only entry. */
function instantOf(entry: TimelineEntry): number | undefined {
  const stamp = entry.timestamp
  if (!stamp) return undefined
  if (stamp.epochMs !== undefined) return stamp.epochMs
  return stamp.hasDate ? toEpochMs(stamp.date, {}, stamp.zone) : undefined
}

export const remarkLintPostmortemTimelineOrder = postmortemRule<Record<string, never>>({
  id: 'postmortem-timeline-order',
  severity: 'error',
  options: {},
  check({incident, report, where}) {
    let previous: {entry: TimelineEntry; at: number; dateOnly: boolean} | undefined
    for (const entry of incident.timeline?.entries ?? []) {
      const at = instantOf(entry)
      const stamp = entry.timestamp
      if (at === undefined || !stamp) continue
      const dateOnly = stamp.epochMs === undefined
      // A date-only entry is compared by day: `March 8` does not go before `March 8, 14:00`.
      const backwards =
        previous &&
        (dateOnly || previous.dateOnly
          ? at < previous.at - (previous.dateOnly ? 0 : 86_400_000) &&
            at + 86_400_000 <= previous.at
          : at < previous.at)
      if (previous && backwards && previous.entry.timestamp) {
        const before = previous.entry.timestamp.text.value
        // A big step back between bare times reads like the night passed; say why it did not roll over.
        const looksOvernight = !stamp.hasDate && stamp.hasTime && previous.at - at > 6 * 3_600_000
        const note = [
          `\`${stamp.text.value}\` comes after \`${before}\` (${where(previous.entry.timestamp.text)}) but is earlier; entries are compared in their zones.`,
          looksOvernight
            ? 'A bare time only moves to the next day when the stated duration crosses midnight: write its date, or a duration that crosses midnight.'
            : 'Correct the time, or move the entry to where it belongs.',
        ].join('\n')
        report(
          `Unexpected \`${stamp.text.value}\` before \`${before}\`, expected entries in time order`,
          stamp.text,
          {
            related: {
              text: previous.entry.timestamp.text,
              reason: `The entry before it, \`${before}\``,
            },
            note,
          },
        )
      }
      previous = {entry, at, dateOnly}
    }
  },
})

export default remarkLintPostmortemTimelineOrder
