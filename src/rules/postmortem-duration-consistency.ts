/**
 * The stated duration disagrees with itself or with the timeline: the stated
 * length differs from end − start, the end is before the start, an event of
 * the incident lies outside the stated window, or the timeline stops before
 * the stated end.
 */
import {isContextAfterEnd, isContextBeforeStart} from '../model/phases.js'
import type {StatedLength} from '../model/types.js'
import {isNonNegativeNumber, postmortemRule} from '../rule.js'
import {formatLength, toEpochMs} from '../time/instant.js'

export interface Options {
  /** Minutes an entry may lie outside the stated window, or a stated length may be off (default 0). */
  tolerance?: number
}

const minute = 60_000

/**
 * A stated length disagrees with end − start by more than the tolerance, or
 * for `about 2 hours` by more than a fifth of it (and five minutes); `over 2
 * hours` only when shorter, `under 2 hours` only when longer.
 */
function disagrees(stated: StatedLength, actual: number, tolerance: number): boolean {
  const exact = Math.max(tolerance, minute - 1)
  switch (stated.bound) {
    case 'about':
      return Math.abs(stated.ms - actual) > Math.max(exact, stated.ms / 5, 5 * minute)
    case 'at least':
      return actual < stated.ms - exact
    case 'at most':
      return actual > stated.ms + exact
    default:
      return Math.abs(stated.ms - actual) > exact
  }
}

export const remarkLintPostmortemDurationConsistency = postmortemRule<Options>({
  id: 'postmortem-duration-consistency',
  severity: 'error',
  options: {tolerance: isNonNegativeNumber},
  check({incident, options, report}) {
    const duration = incident.duration
    if (!duration) return
    const tolerance = (options.tolerance ?? 0) * minute
    const {start, end, stated} = duration
    if (start && end) {
      if (end.epochMs < start.epochMs) {
        report(
          `Stated end \`${end.text.value}\` is before the stated start \`${start.text.value}\`; expected an end after the start`,
          end.text,
          {related: {text: start.text, reason: 'The stated start'}},
        )
        return
      }
      const actual = end.epochMs - start.epochMs
      if (stated && disagrees(stated, actual, tolerance)) {
        report(
          `Stated duration \`${stated.text.value}\` disagrees with its start and end (\`${start.text.value}\` to \`${end.text.value}\` is ${formatLength(actual)}); expected \`${formatLength(actual)}\` or other times`,
          stated.text,
          {
            expected: [formatLength(actual)],
            actual: stated.text.value,
            related: {text: start.text, reason: 'The stated start'},
          },
        )
      }
    }
    const entries = incident.timeline?.entries ?? []
    let last: {at: number; text: (typeof entries)[number]} | undefined
    for (const entry of entries) {
      const stamp = entry.timestamp
      if (!stamp) continue
      const at =
        stamp.epochMs ?? (stamp.hasDate ? toEpochMs(stamp.date, {hour: 24}, stamp.zone) : undefined)
      if (at === undefined) continue
      // A time in the entry's narrative (`... fully recovered by 1:30 PM`) counts for how far the timeline reaches.
      const reach = Math.max(at, entry.laterMs ?? at)
      if (!last || reach >= last.at) last = {at: reach, text: entry}
      if (stamp.epochMs === undefined) continue
      if (
        start?.hasTime &&
        stamp.epochMs < start.epochMs - tolerance &&
        !isContextBeforeStart(entry.phases)
      ) {
        report(
          `Timeline entry \`${stamp.text.value}\` is before the stated start \`${start.text.value}\`; move the start or the entry`,
          stamp.text,
          {related: {text: start.text, reason: 'The stated start'}},
        )
      } else if (
        end?.hasTime &&
        stamp.epochMs > end.epochMs + tolerance &&
        !isContextAfterEnd(entry.phases)
      ) {
        report(
          `Timeline entry \`${stamp.text.value}\` is after the stated end \`${end.text.value}\`; move the end or the entry`,
          stamp.text,
          {related: {text: end.text, reason: 'The stated end'}},
        )
      }
    }
    const lastStamp = last?.text.timestamp
    if (
      end?.hasTime &&
      last &&
      lastStamp &&
      last.at < end.epochMs - tolerance &&
      (!start || end.epochMs >= start.epochMs)
    ) {
      report(
        `The timeline's last timestamp \`${lastStamp.text.value}\` is before the stated end \`${end.text.value}\`; add the entry that ends the incident or correct the end`,
        lastStamp.text,
        {related: {text: end.text, reason: 'The stated end'}},
      )
    }
  },
})

export default remarkLintPostmortemDurationConsistency
