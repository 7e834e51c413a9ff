/**
 * Every fixture produces exactly these messages (rule id, range, text), and
 * every clean fixture none. The expectations were read one by one against the
 * fixture they belong to.
 */
import {readdirSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {fixture, lint, root} from './helpers.js'

const expected: Record<string, string[]> = {
  'atx-headings.broken.md': [
    '18:1 postmortem-required-sections: Missing section `Root cause`, expected a heading such as `## Root cause`',
    '21:1 postmortem-required-sections: Missing section, expected a heading such as `## Corrective and Preventative Measures`',
    '16:5-16:10 postmortem-timeline-timestamps: Unexpected impossible time `25:10`, expected an hour from 0 to 23',
    '15:5-15:14 postmortem-timeline-order: Unexpected `09:30 UTC` before `09:40 UTC`, expected entries in time order',
    '7:51-7:58 postmortem-duration-consistency: Unexpected stated length `2 hours`, expected `1 h 30 min` (start to end)',
    '12:5-12:14 postmortem-duration-consistency: Entry `09:02 UTC` is before the stated start `May 2, 2024, 09:10`; move one of them',
    '14:5-14:14 postmortem-duration-consistency: Last entry `09:40 UTC` is before the stated end `10:40 (UTC)`; add the closing entry',
    '8:5-8:11 postmortem-impact-percentage: Missing share in the impact statement, expected a share such as `40% of users`',
  ],
  'atx-headings.clean.md': [],
  'bold-pseudo-headings.broken.md': [
    '16:1 postmortem-required-sections: Missing section `Resolution`, expected a heading such as `**Resolution:**`',
    '11:11-11:14 postmortem-timeline-timestamps: Unexpected ambiguous zone `IST`, expected an offset such as `UTC+05:30`',
    '10:5-10:16 postmortem-timeline-order: Unexpected `22:20 (UTC)` before `22:41 (UTC)`, expected entries in time order',
    '10:5-10:16 postmortem-duration-consistency: Entry `22:20 (UTC)` is before the stated start `March 3, 2024, 22:30`; move one of them',
    '11:5-11:14 postmortem-duration-consistency: Last entry `23:10 IST` is before the stated end `23:15 (UTC)`; add the closing entry',
    '5:46-5:50 postmortem-impact-percentage: Unexpected share `120%`, expected a percentage from 0 to 100',
  ],
  'bold-pseudo-headings.clean.md': [],
  'html-blocks.broken.md': [
    '21:1 postmortem-required-sections: Missing section `Root cause`, expected a heading such as `<h2>Root cause</h2>`',
    '21:1 postmortem-required-sections: Missing section `Resolution`, expected a heading such as `<h2>Resolution</h2>`',
    '21:1 postmortem-required-sections: Missing section `Corrective and Preventative Measures`, expected a heading `<h2>…</h2>`',
    '19:15-19:23 postmortem-timeline-timestamps: Unexpected impossible time `13:00 PM`, expected `13:00` or `1:00 PM`',
    '9:21-9:45 postmortem-duration-consistency: Unexpected stated end `April 9, 2024, 07:30 UTC` before its start, expected a later end',
    '12:15-12:21 postmortem-impact-percentage: Missing share in the impact statement, expected a share such as `40% of users`',
  ],
  'html-blocks.clean.md': [],
  'plain-labels.broken.md': [
    '15:1 postmortem-required-sections: Missing section, expected a heading such as `Corrective and Preventative Measures:`',
    '9:9-9:12 postmortem-timeline-timestamps: Unexpected unknown zone `GWT`, expected a known zone such as `GMT` or `GST`',
    '10:3-10:8 postmortem-duration-consistency: Last entry `15:10` is before the stated end `15:30 (CET)`; add the closing entry',
    '5:1-5:7 postmortem-impact-percentage: Missing share in the impact statement, expected a share such as `40% of users`',
    '7:1-7:9 postmortem-milestones: Missing resolution in the timeline, expected an entry such as `15:30 UTC: restored`',
  ],
  'plain-labels.clean.md': [],
  'setext-indented.broken.md': [
    '19:1 postmortem-required-sections: Missing section `Root cause`, expected a heading such as `Root cause` over `---`',
    '17:3-17:8 postmortem-duration-consistency: Entry `00:50` is after the stated end `January 21, 2024, 00:45 (UTC)`; move one of them',
  ],
  'setext-indented.clean.md': [],
  'table-timeline.broken.md': [
    '21:3-21:8 postmortem-timeline-order: Unexpected `06:10` before `06:20`, expected entries in time order',
    '22:3-22:8 postmortem-duration-consistency: Last entry `07:00` is before the stated end `2024-02-12 08:00`; add the closing entry',
    '2:1-2:6 postmortem-impact-percentage: Missing share in the impact statement, expected a share such as `40% of users`',
    '15:4-15:12 postmortem-milestones: Missing resolution in the timeline, expected an entry such as `15:30 UTC: restored`',
  ],
  'start-end-fields.broken.md': [
    '22:1 postmortem-required-sections: Missing section `Resolution`, expected a heading such as `**Resolution:**`',
    '6:17-6:37 postmortem-stated-duration: Missing stated duration, expected `Duration: 2 h 25 min` beside the start and end',
    '13:3-13:11 postmortem-timestamp-form: Unexpected timestamp form `11:15 PM`, expected `23:15` like most entries',
    '16:3-16:7 postmortem-timestamp-form: Unexpected timestamp form `1:05`, expected `01:05` like most entries',
  ],
  'table-timeline.clean.md': [],
}

describe('fixtures', () => {
  it('has an expectation for every fixture', () => {
    const names = readdirSync(path.join(root, 'fixtures')).filter((name) => name.endsWith('.md'))
    expect(names.sort()).toEqual(Object.keys(expected).sort())
  })
  for (const [name, messages] of Object.entries(expected)) {
    it(`${name} gives exactly its messages`, async () => {
      expect(await lint(fixture(name))).toEqual(messages)
      if (name.includes('.clean.')) expect(messages).toEqual([])
      else expect(messages.length).toBeGreaterThan(0)
    })
  }
})
