/**
 * Kinds of text that real postmortems are written in and that the model once
 * misread, each in a fixture of our own (fixtures/kinds/): the exact messages
 * each gives. A kind is taught to the model once; these pin that every rule
 * reads it alike.
 */
import {readdirSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {fixture, lint, root} from './helpers.js'

const expected: Record<string, string[]> = {
  'ambiguous-declared-zone.md': [
    '10:14-10:17 postmortem-timeline-timestamps: Unexpected ambiguous zone `IST` for the timeline, expected an offset such as `UTC+05:30`',
  ],
  'assignment-instructions.md': [
    '29:1 postmortem-required-sections: Missing section `Timeline`, expected a heading such as `## Timeline`',
    '29:1 postmortem-required-sections: Missing section `Root cause`, expected a heading such as `## Root cause`',
    '29:1 postmortem-required-sections: Missing section `Resolution`, expected a heading such as `## Resolution`',
    '29:1 postmortem-required-sections: Missing section, expected a heading such as `## Corrective and Preventative Measures`',
  ],
  'columns-without-a-table.md': [],
  'date-after-time.md': [],
  'date-headings.md': [],
  'dates-joined-to-times.md': [
    '14:3-14:14 postmortem-timeline-timestamps: Unexpected impossible date `20202-01-17`, expected a 4-digit year',
    '13:4-13:22 postmortem-duration-consistency: Last entry `16/02/2024 - 09:00` is before the stated end `17/02/2024 - 10:00`; add the closing entry',
    '12:4-12:22 postmortem-timezone: Missing zone for times such as `15/02/2024 - 15:00`, expected a zone or a note such as `All times UTC`',
    '10:4-10:12 postmortem-milestones: Missing resolution in the timeline, expected an entry such as `15:30 UTC: restored`',
  ],
  'day-first-dates.md': [
    '6:13-6:33 postmortem-stated-duration: Missing stated duration, expected `Duration: 4 days 12 h` beside the start and end',
  ],
  'end-of-day.md': [],
  // Three entries before the stated start and two after the end: one message for each side.
  'entries-outside-the-window.md': [
    '11:3-11:12 postmortem-duration-consistency: 3 entries, `10:20 UTC` to `10:50 UTC`, are before the stated start `June 3, 2024, 11:00`; move the start or the entries',
    '15:3-15:12 postmortem-duration-consistency: 2 entries, `12:20 UTC` and `12:40 UTC`, are after the stated end `12:00 UTC`; move the end or the entries',
  ],
  'entries-run-together.md': [],
  'impact-in-next-item.md': [],
  // Three entries in a row with PM after a 24-hour time are one problem; a later hour 25 another.
  'impossible-times-in-a-row.md': [
    '12:3-12:11 postmortem-timeline-timestamps: Unexpected impossible times `13:05 PM` to `14:00 PM` (3 entries), expected 24-hour times without `PM`',
    '16:3-16:8 postmortem-timeline-timestamps: Unexpected impossible time `25:20`, expected an hour from 0 to 23',
  ],
  'impact-introduces-lines.md': [],
  'impact-none-affected.md': [],
  'impact-populations.md': [],
  'impact-without-share.md': [
    '6:3-6:9 postmortem-impact-percentage: Missing share in the impact statement, expected a share such as `40% of users`',
  ],
  'key-events.md': [
    '7:1 postmortem-required-sections: Missing section `Impact`, expected a heading such as `## Impact`',
    '9:16-9:32 postmortem-timezone: Missing zone for times such as `2020-02-12 11:45`, expected a zone or a note such as `All times UTC`',
  ],
  'length-in-prose.md': [
    '16:70-16:77 postmortem-duration-consistency: Unexpected stated length `an hour`, expected `31 min` (start to end)',
  ],
  'marker-in-a-clause.md': [
    '7:1 postmortem-required-sections: Missing section `Impact`, expected a heading such as `## Impact`',
  ],
  'meridiem-from-context.md': [],
  'metric-fields.md': [
    '11:1 postmortem-required-sections: Missing section `Duration`, expected a heading such as `## Duration`',
    '21:1 postmortem-required-sections: Missing section `Resolution`, expected a heading such as `## Resolution`',
  ],
  'narrative-times.md': [],
  'outage-begins-then-restored.md': [
    '7:1 postmortem-required-sections: Missing section `Impact`, expected a heading such as `## Impact`',
    '5:23-5:31 postmortem-duration-consistency: Unexpected stated length `one hour`, expected `10 min` (start to end)',
  ],
  'outage-markers-wrong-length.md': [
    '5:21-5:31 postmortem-duration-consistency: Unexpected stated length `45 minutes`, expected `1 h 6 min` (start to end)',
  ],
  'outage-markers.md': [],
  'overnight-window-in-prose.md': [
    '9:1 postmortem-required-sections: Missing section `Duration`, expected a heading such as `## Duration`',
    '11:3-11:11 postmortem-timezone: Missing zone for times such as `10:30 PM`, expected a zone or a note such as `All times UTC`',
  ],
  'run-together-entries.md': [],
  'second-summary.md': [
    '15:1 postmortem-required-sections: Missing section `Impact`, expected a heading such as `## Impact`',
  ],
  'section-names-as-questions.md': [],
  'sentence-lead-ins.md': [
    '23:1 postmortem-required-sections: Missing section `Resolution`, expected a heading such as `## Resolution`',
  ],
  'share-outside-impact.md': [
    '9:1 postmortem-required-sections: Missing section `Impact`, expected a heading such as `## Impact`',
    '3:4-3:11 postmortem-impact-percentage: Missing share in the summary (no impact statement), expected a share such as `40% of users`',
  ],
  'table-without-heading.md': [
    '14:1 postmortem-required-sections: Missing section `Duration`, expected a heading such as `## Duration`',
    '14:1 postmortem-required-sections: Missing section `Impact`, expected a heading such as `## Impact`',
  ],
  'time-on-its-own-line.md': [],
  'timed-lines-in-an-item.md': [],
  'version-numbers.md': [],
  'written-length.md': [
    '5:33-5:40 postmortem-duration-consistency: Unexpected stated length `3 hours`, expected `2 h` (start to end)',
  ],
  'year-crossing.md': [],
  'year-written-after-crossing.md': [],
  'year-written-elsewhere.md': [
    '5:36-5:39 postmortem-timezone: Unexpected `PST` on Mar 20, expected `PDT` (daylight-saving time)',
  ],
  'zone-in-summary.md': [],
  'zone-in-words.md': [],
}

describe('kinds of text', () => {
  it('has an expectation for every fixture', () => {
    const names = readdirSync(path.join(root, 'fixtures', 'kinds')).filter((name) =>
      name.endsWith('.md'),
    )
    expect(names.sort()).toEqual(Object.keys(expected).sort())
  })
  for (const [name, messages] of Object.entries(expected)) {
    it(`${name} gives exactly its messages`, async () => {
      expect(await lint(fixture(`kinds/${name}`))).toEqual(messages)
    })
  }
})
