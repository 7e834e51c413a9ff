/**
 * A timeline entry writes its time in another form than most entries of the
 * timeline: a 12-hour clock among 24-hour ones (`2:05 PM` among `14:05`),
 * unpadded hours among padded ones (`9:05` among `09:15`), `:00` seconds
 * where the others have none, another meridiem spelling. The fix rewrites the
 * clock in the common form; the time itself never changes, and seconds are
 * never added (`09:34` among `09:11:59` is as precise as its author knew).
 */

import {postmortemRule} from '../rule.js'
import type {ClockForm, WrittenClock} from '../time/clock.js'
import {writeClock} from '../time/clock.js'

export type Options = Record<string, never>

/** The value most voters give, when more than half of them give it. */
function majority<Value>(votes: readonly Value[]): Value | undefined {
  const counts = new Map<Value, number>()
  for (const vote of votes) counts.set(vote, (counts.get(vote) ?? 0) + 1)
  for (const [value, count] of counts) if (count * 2 > votes.length) return value
  return undefined
}

interface CommonForm {
  twelveHour?: boolean
  seconds?: boolean
  meridiem?: string
  /** Padding, per clock (`false`: 24-hour, `true`: 12-hour). */
  padded: Map<boolean, boolean | undefined>
}

/** Each part of the form most clocks use; a part without a clear majority is left as written. */
function commonForm(clocks: readonly WrittenClock[]): CommonForm {
  const paddingOf = (twelveHour: boolean) =>
    majority(
      clocks.flatMap((clock) =>
        clock.form.twelveHour === twelveHour && clock.form.padded !== undefined
          ? [clock.form.padded]
          : [],
      ),
    )
  const form: CommonForm = {
    padded: new Map([
      [false, paddingOf(false)],
      [true, paddingOf(true)],
    ]),
  }
  const twelveHour = majority(clocks.map((clock) => clock.form.twelveHour))
  if (twelveHour !== undefined) form.twelveHour = twelveHour
  const seconds = majority(clocks.map((clock) => clock.form.seconds))
  if (seconds !== undefined) form.seconds = seconds
  const meridiem = majority(clocks.flatMap((clock) => clock.form.meridiem ?? []))
  if (meridiem !== undefined) form.meridiem = meridiem
  return form
}

/** `24-hour times with padded hours (`09:05`)` */
function describeForm(common: CommonForm): string {
  const parts: string[] = []
  if (common.twelveHour !== undefined) {
    const padded = common.padded.get(common.twelveHour)
    const example = common.twelveHour
      ? `${padded ? '02' : '2'}:05${common.meridiem ?? ' PM'}`
      : `${padded === false ? '9' : '09'}:05`
    parts.push(
      `${common.twelveHour ? '12-hour' : '24-hour'} times${padded === undefined ? '' : padded ? ' with padded hours' : ' with unpadded hours'} (\`${example}\`)`,
    )
  } else parts.push('times')
  if (common.seconds === false) parts.push('without seconds')
  return parts.join(', ')
}

/** The form `written` should take: the common form, the entry's own where there is none. */
function targetForm(written: ClockForm, common: CommonForm): ClockForm {
  const twelveHour = common.twelveHour ?? written.twelveHour
  // Seconds may be dropped (when zero) but never added: that would claim a precision nobody had.
  const form: ClockForm = {twelveHour, seconds: written.seconds && common.seconds !== false}
  const padded =
    common.padded.get(twelveHour) ??
    (twelveHour === written.twelveHour ? written.padded : undefined)
  if (padded !== undefined) form.padded = padded
  const meridiem = common.meridiem ?? written.meridiem
  if (twelveHour && meridiem) form.meridiem = meridiem
  return form
}

export const remarkLintPostmortemTimestampForm = postmortemRule<Options>({
  id: 'postmortem-timestamp-form',
  severity: 'warn',
  options: {},
  check({incident, report}) {
    const clocks = (incident.timeline?.entries ?? []).flatMap((entry) =>
      entry.timestamp?.clock ? [entry.timestamp.clock] : [],
    )
    if (clocks.length < 3) return
    const common = commonForm(clocks.map((clock) => clock.written))
    const described = describeForm(common)
    for (const {text, written} of clocks) {
      const expected = writeClock(written, targetForm(written.form, common))
      if (expected === text.value) continue
      report(
        `Unexpected timestamp form \`${text.value}\`, expected \`${expected}\` like most entries`,
        text,
        {
          expected: [expected],
          actual: text.value,
          fix: true,
          note: [
            `Most entries of the timeline write ${described}.`,
            'The fix writes the same time in that form; it never adds seconds.',
          ].join('\n'),
        },
      )
    }
  },
})

export default remarkLintPostmortemTimestampForm
