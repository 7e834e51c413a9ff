/**
 * The stated duration disagrees with itself or with the timeline: the stated
 * length differs from end − start, the end is before the start, an event of
 * the incident lies outside the stated window, or the timeline stops before
 * the stated end.
 */
import {isContextAfterEnd, isContextBeforeStart} from '../model/phases.js'
import type {SourceText} from '../model/source-text.js'
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

/** How a bound reads in a note (`about 2 hours` allows a fifth). */
function boundNote(stated: StatedLength, tolerance: number): string {
  const allowed =
    tolerance > 0 ? `${tolerance / minute} min (the \`tolerance\` option)` : 'a minute'
  switch (stated.bound) {
    case 'about':
      return `An \`about\` length may be off by a fifth of it (at least 5 min, or ${allowed}).`
    case 'at least':
      return `An \`over\` length is only wrong when start to end is shorter (by more than ${allowed}).`
    case 'at most':
      return `An \`under\` length is only wrong when start to end is longer (by more than ${allowed}).`
    default:
      return `A length off by up to ${allowed} is not flagged.`
  }
}

/** `2 entries, `10:45 AM` and `10:50 AM`,` / `4 entries, `10:00 AM` to `10:30 AM`,` */
function entriesSpan(stamps: readonly SourceText[]): string {
  const first = stamps[0]?.value
  const last = stamps.at(-1)?.value
  return stamps.length === 2
    ? `2 entries, \`${first}\` and \`${last}\`,`
    : `${stamps.length} entries, \`${first}\` to \`${last}\`,`
}

export const remarkLintPostmortemDurationConsistency = postmortemRule<Options>({
  id: 'postmortem-duration-consistency',
  severity: 'error',
  options: {tolerance: isNonNegativeNumber},
  check({incident, options, report, where}) {
    const duration = incident.duration
    if (!duration) return
    const tolerance = (options.tolerance ?? 0) * minute
    const {start, end, stated} = duration
    if (start && end) {
      if (end.epochMs < start.epochMs) {
        report(
          `Unexpected stated end \`${end.text.value}\` before its start, expected a later end`,
          end.text,
          {
            related: {text: start.text, reason: 'The stated start'},
            note: `The stated start is \`${start.text.value}\` (${where(start.text)}). Correct the start or the end; an end without a date is read on the start's day.`,
          },
        )
        return
      }
      const actual = end.epochMs - start.epochMs
      if (stated && disagrees(stated, actual, tolerance)) {
        report(
          `Unexpected stated length \`${stated.text.value}\`, expected \`${formatLength(actual)}\` (start to end)`,
          stated.text,
          {
            expected: [formatLength(actual)],
            actual: stated.text.value,
            related: {text: start.text, reason: 'The stated start'},
            note: [
              `The stated start \`${start.text.value}\` (${where(start.text)}) to the stated end \`${end.text.value}\` (${where(end.text)}) is ${formatLength(actual)}, computed in their zones.`,
              boundNote(stated, tolerance),
              'Correct the length, or the start or end.',
            ].join('\n'),
          },
        )
      }
    }
    const entries = incident.timeline?.entries ?? []
    const before: SourceText[] = []
    const after: SourceText[] = []
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
        before.push(stamp.text)
      } else if (
        end?.hasTime &&
        stamp.epochMs > end.epochMs + tolerance &&
        !isContextAfterEnd(entry.phases)
      ) {
        after.push(stamp.text)
      }
    }
    // All the entries outside the window on one side are one problem, reported on the first of them.
    const outside = (
      stamps: SourceText[],
      side: 'start' | 'end',
      stated: NonNullable<typeof start>,
    ) => {
      const [first] = stamps
      if (!first) return
      const word = side === 'start' ? 'before' : 'after'
      const context =
        side === 'start'
          ? 'An entry that only records a change (a deploy, a config push) may come before the start.'
          : 'Follow-up (a review meeting, monitoring that confirmed the fix) may come after the end.'
      const allowed =
        tolerance > 0 ? ` by more than ${tolerance / minute} min (the \`tolerance\` option)` : ''
      report(
        stamps.length === 1
          ? `Entry \`${first.value}\` is ${word} the stated ${side} \`${stated.text.value}\`; move one of them`
          : `${entriesSpan(stamps)} are ${word} the stated ${side} \`${stated.text.value}\`; move the ${side} or the entries`,
        first,
        {
          related: {text: stated.text, reason: `The stated ${side}`},
          also: stamps.slice(1).map((text) => ({
            text,
            reason: `Also ${word} the stated ${side}: \`${text.value}\``,
          })),
          note: [
            stamps.length === 1
              ? `The stated ${side} is \`${stated.text.value}\` (${where(stated.text)})${allowed ? `; the entry is ${word} it${allowed}` : ''}.`
              : `The stated ${side} is \`${stated.text.value}\` (${where(stated.text)}); these entries are ${word} it${allowed}:\n${stamps.map((text) => `\`${text.value}\` (${where(text)})`).join(', ')}`,
            context,
          ].join('\n'),
        },
      )
    }
    if (start) outside(before, 'start', start)
    if (end) outside(after, 'end', end)
    const lastStamp = last?.text.timestamp
    if (
      end?.hasTime &&
      last &&
      lastStamp &&
      last.at < end.epochMs - tolerance &&
      (!start || end.epochMs >= start.epochMs)
    ) {
      report(
        `Last entry \`${lastStamp.text.value}\` is before the stated end \`${end.text.value}\`; add the closing entry`,
        lastStamp.text,
        {
          related: {text: end.text, reason: 'The stated end'},
          note: [
            `The stated end is \`${end.text.value}\` (${where(end.text)}); the timeline reaches \`${lastStamp.text.value}\` only.`,
            'Add the entry that ends the incident (service restored, incident closed), or correct the end.',
          ].join('\n'),
        },
      )
    }
  },
})

export default remarkLintPostmortemDurationConsistency
