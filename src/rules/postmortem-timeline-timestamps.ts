/**
 * A timeline entry's timestamp is impossible (`25:10`, `13:00 PM`, `June 31`),
 * or names a zone that is unknown (`GWT`) or ambiguous (`IST`). With
 * `requireTimestamp`, an entry without any timestamp is flagged too.
 */

import type {SourceText} from '../model/source-text.js'
import {isBoolean, isZoneMap, postmortemRule} from '../rule.js'
import {daysInMonth} from '../time/recognise.js'
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

/** `a`, `a` or `b`, `a`, `b` or `c` */
function either(values: readonly string[]): string {
  const quoted = values.map((value) => `\`${value}\``)
  return quoted.length < 2
    ? (quoted[0] ?? '')
    : `${quoted.slice(0, -1).join(', ')} or ${quoted.at(-1)}`
}

const monthAbbreviations = 'jan feb mar apr may jun jul aug sep oct nov dec'.split(' ')

/** What an impossible value should be, read from the model's reason for it. */
interface Impossibility {
  /** Entries in a row with the same key are one problem. */
  key: string
  what: 'time' | 'date' | 'timestamp'
  /** What one such value should be (`an hour from 0 to 23`). */
  expected: string
  /** What several should be. */
  expectedMany: string
}

/** Each reason the model gives for an impossible value, and what the value should be. */
const impossibilities: [RegExp, (match: RegExpExecArray, text: string) => Impossibility][] = [
  [
    /^hour \d+ does not exist on a 12-hour clock$/,
    () => ({
      key: 'hour-12',
      what: 'time',
      expected: 'an hour from 1 to 12 before AM or PM',
      expectedMany: 'hours from 1 to 12 before AM or PM',
    }),
  ],
  [
    /^hour \d+ does not exist$/,
    () => ({
      key: 'hour',
      what: 'time',
      expected: 'an hour from 0 to 23',
      expectedMany: 'hours from 0 to 23',
    }),
  ],
  [
    /^(minute|second) \d+ does not exist$/,
    (match) => ({
      key: match[1] ?? 'minute',
      what: 'time',
      expected: `${match[1]}s from 00 to 59`,
      expectedMany: `${match[1]}s from 00 to 59`,
    }),
  ],
  [
    /^a 24-hour time cannot take (AM|PM)$/,
    (match, text) => {
      const meridiem = match[1] ?? 'PM'
      const clock = /(\d{1,2}):(\d{2})/.exec(text)
      const hour = Number(clock?.[1])
      const minutes = clock?.[2] ?? '00'
      const choices =
        meridiem === 'PM' && hour > 12 && hour < 24
          ? [`${hour}:${minutes}`, `${hour - 12}:${minutes} PM`]
          : meridiem === 'AM' && hour === 0
            ? [`00:${minutes}`, `12:${minutes} AM`]
            : undefined
      return {
        key: `meridiem-${meridiem}`,
        what: 'time',
        expected: choices ? either(choices) : `a 24-hour time without \`${meridiem}\``,
        expectedMany: `24-hour times without \`${meridiem}\``,
      }
    },
  ],
  [
    /^([A-Z][a-z]{2}) has no day \d+$/,
    (match, text) => {
      const month = monthAbbreviations.indexOf((match[1] ?? '').toLowerCase()) + 1
      return {
        key: 'day',
        what: 'date',
        expected: `a day of ${match[1]} from 1 to ${daysOf(text, month)}`,
        expectedMany: 'days their months have',
      }
    },
  ],
  [
    /^month \d+ does not exist$/,
    () => ({
      key: 'month',
      what: 'date',
      expected: 'a month from 1 to 12',
      expectedMany: 'months from 1 to 12',
    }),
  ],
  [
    /^month (\d+) has no day \d+$/,
    (match, text) => ({
      key: 'day',
      what: 'date',
      expected: `a day from 1 to ${daysOf(text, Number(match[1]))}`,
      expectedMany: 'days their months have',
    }),
  ],
  [
    /^year \d+ has \d+ digits$/,
    () => ({key: 'year', what: 'date', expected: 'a 4-digit year', expectedMany: '4-digit years'}),
  ],
  [
    /^its minutes need two digits$/,
    () => ({
      key: 'minute-digits',
      what: 'time',
      expected: 'minutes of two digits',
      expectedMany: 'minutes of two digits',
    }),
  ],
]

/** The days of `month` in the year written in `text` (29 for February without one). */
function daysOf(text: string, month: number): number {
  const year = /\b(\d{4})\b/.exec(text)?.[1]
  return daysInMonth(year ? Number(year) : undefined, month)
}

function impossibility(text: string, reason: string): Impossibility {
  for (const [pattern, read] of impossibilities) {
    const match = pattern.exec(reason)
    if (match) return read(match, text)
  }
  // A reason this rule does not know yet: the note still quotes it.
  return {
    key: reason,
    what: 'timestamp',
    expected: 'a real date and time',
    expectedMany: 'real dates and times',
  }
}

interface Found {
  text: SourceText
  reason: string
  kind: Impossibility
  entry: number
}

export const remarkLintPostmortemTimelineTimestamps = postmortemRule<Options>({
  id: 'postmortem-timeline-timestamps',
  severity: 'error',
  options: {requireTimestamp: isBoolean, timezones: isZoneMap},
  check({incident, options, report, where}) {
    const ambiguous = (zone: string, candidates: readonly string[]) => {
      const expected = candidates
        .map(offsetOf)
        .filter((offset): offset is string => Boolean(offset))
      const example = expected[0] ?? 'UTC+05:30'
      const note = [
        `\`${zone}\` is ${candidates.join(', ').replace(/, ([^,]*)$/, ' or $1')}: readers, and this linter, cannot tell which.`,
        `Write the offset (\`${example}\`), or say what your team means once, in the \`timezones\` option: \`{"${zone}": "${example}"}\`.`,
      ].join('\n')
      return {expected, example, note}
    }
    // A zone declared for the whole timeline (`All times in IST`) that nobody can compute with.
    const declared = incident.declaredZoneProblem
    if (declared && incident.timeline) {
      const zone = declared.text.value
      const {expected, example, note} = ambiguous(zone, declared.candidates)
      report(
        `Unexpected ambiguous zone \`${zone}\` for the timeline, expected an offset such as \`${example}\``,
        declared.text,
        {expected, actual: zone, note},
      )
    }
    // Impossible values; a run of entries with the same impossible form is one problem.
    let run: Found[] = []
    const flush = () => {
      const [first] = run
      const last = run.at(-1)
      if (!first || !last) return
      const {kind} = first
      if (run.length === 1) {
        report(
          `Unexpected impossible ${kind.what} \`${first.text.value}\`, expected ${kind.expected}`,
          first.text,
          {
            note: `\`${first.text.value}\`: ${first.reason}. The entry cannot be placed in time, so no other rule checks it.`,
          },
        )
      } else {
        const span =
          run.length === 2
            ? `\`${first.text.value}\` and \`${last.text.value}\``
            : `\`${first.text.value}\` to \`${last.text.value}\` (${run.length} entries)`
        report(
          `Unexpected impossible ${kind.what}s ${span}, expected ${kind.expectedMany}`,
          first.text,
          {
            also: run.slice(1).map((found) => ({
              text: found.text,
              reason: `Also impossible: \`${found.text.value}\` (${found.reason})`,
            })),
            note: [
              `${run.length} entries in a row write an impossible ${kind.what} the same way:`,
              run
                .map((found) => `\`${found.text.value}\` (${where(found.text)}): ${found.reason}`)
                .join('\n'),
              'These entries cannot be placed in time, so no other rule checks them.',
            ].join('\n'),
          },
        )
      }
      run = []
    }
    const entries = incident.timeline?.entries ?? []
    entries.forEach((entry, index) => {
      if (entry.problems.length === 0) flush()
      for (const problem of entry.problems) {
        const kind = impossibility(problem.text.value, problem.reason)
        const previous = run.at(-1)
        if (
          previous &&
          (previous.kind.key !== kind.key ||
            (previous.entry !== index && previous.entry !== index - 1))
        )
          flush()
        run.push({text: problem.text, reason: problem.reason, kind, entry: index})
      }
      const zoneProblem = entry.timestamp?.zoneProblem
      if (zoneProblem && entry.timestamp) {
        const zone = zoneProblem.text.value
        if (zoneProblem.kind === 'ambiguous') {
          const {expected, example, note} = ambiguous(zone, zoneProblem.candidates)
          report(
            `Unexpected ambiguous zone \`${zone}\`, expected an offset such as \`${example}\``,
            zoneProblem.text,
            {expected, actual: zone, note},
          )
        } else {
          const expected = nearZones(zone)
          report(
            expected.length > 0
              ? `Unexpected unknown zone \`${zone}\`, expected a known zone such as ${either(expected)}`
              : `Unexpected unknown zone \`${zone}\`, expected a known zone or an offset such as \`UTC+1\``,
            zoneProblem.text,
            {
              expected,
              actual: zone,
              note: [
                `\`${zone}\` in \`${entry.timestamp.text.value}\` is no zone this linter knows${expected.length > 0 ? `; the known zones one letter away: ${expected.map((near) => `\`${near}\``).join(', ')}` : ''}.`,
                'Write a known abbreviation (`UTC`, `CET`, `WAT`), an offset (`UTC+1`) or a zone in words (`West African Time`), or map it in the `timezones` option.',
              ].join('\n'),
            },
          )
        }
      }
      if (options.requireTimestamp && !entry.timestamp && entry.problems.length === 0) {
        report(
          'Missing timestamp, expected a time such as `14:05 UTC` at the start of the entry',
          entry.text,
          {note: 'The `requireTimestamp` option is on: every timeline entry needs its own time.'},
        )
      }
    })
    flush()
  },
})

export default remarkLintPostmortemTimelineTimestamps
