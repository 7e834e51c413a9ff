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
    '18:1 postmortem-required-sections: Missing section `Root cause`; expected a heading or label such as `Root cause:` (accepted names: root cause, root causes, cause, causes, root cause analysis, contributing factors)',
    '21:1 postmortem-required-sections: Missing section `Corrective and Preventative Measures`; expected a heading or label such as `Corrective and Preventative Measures:` (accepted names: corrective and preventative measures, corrective and preventive measures, corrective, corrective measures, corrective actions, preventative measures)',
    '16:5-16:10 postmortem-timeline-timestamps: Unexpected impossible timestamp `25:10` (hour 25 does not exist), expected a real date and time',
    '15:5-15:14 postmortem-timeline-order: Timeline entry `09:30 UTC` is earlier than the entry before it, `09:40 UTC`; expected entries in time order',
    '7:51-7:58 postmortem-duration-consistency: Stated duration `2 hours` disagrees with its start and end (`May 2, 2024, 09:10` to `10:40 (UTC)` is 1 h 30 min); expected `1 h 30 min` or other times',
    '12:5-12:14 postmortem-duration-consistency: Timeline entry `09:02 UTC` is before the stated start `May 2, 2024, 09:10`; move the start or the entry',
    "14:5-14:14 postmortem-duration-consistency: The timeline's last timestamp `09:40 UTC` is before the stated end `10:40 (UTC)`; add the entry that ends the incident or correct the end",
    '8:5-8:11 postmortem-impact-percentage: Impact statement gives no share of affected users or requests; expected a percentage (`40% of users`), a share (`all users`, `half of requests`) or a count with its total (`1,200 of 40,000 users`)',
  ],
  'atx-headings.clean.md': [],
  'bold-pseudo-headings.broken.md': [
    '16:1 postmortem-required-sections: Missing section `Resolution`; expected a heading or label such as `Resolution:` (accepted names: resolution, resolution and recovery, mitigation, fix, remediation, recovery)',
    '11:11-11:14 postmortem-timeline-timestamps: Unexpected ambiguous zone `IST` in `23:10 IST` (India (+05:30), Israel (+02:00), Ireland (+01:00)), expected an offset such as `UTC+05:30` or a `timezones` option that maps `IST`',
    '10:5-10:16 postmortem-timeline-order: Timeline entry `22:20 (UTC)` is earlier than the entry before it, `22:41 (UTC)`; expected entries in time order',
    '10:5-10:16 postmortem-duration-consistency: Timeline entry `22:20 (UTC)` is before the stated start `March 3, 2024, 22:30`; move the start or the entry',
    "11:5-11:14 postmortem-duration-consistency: The timeline's last timestamp `23:10 IST` is before the stated end `23:15 (UTC)`; add the entry that ends the incident or correct the end",
    '5:46-5:50 postmortem-impact-percentage: Unexpected share `120%`, expected a percentage from 0 to 100',
  ],
  'bold-pseudo-headings.clean.md': [],
  'html-blocks.broken.md': [
    '21:1 postmortem-required-sections: Missing section `Root cause`; expected a heading or label such as `Root cause:` (accepted names: root cause, root causes, cause, causes, root cause analysis, contributing factors)',
    '21:1 postmortem-required-sections: Missing section `Resolution`; expected a heading or label such as `Resolution:` (accepted names: resolution, resolution and recovery, mitigation, fix, remediation, recovery)',
    '21:1 postmortem-required-sections: Missing section `Corrective and Preventative Measures`; expected a heading or label such as `Corrective and Preventative Measures:` (accepted names: corrective and preventative measures, corrective and preventive measures, corrective, corrective measures, corrective actions, preventative measures)',
    '19:15-19:23 postmortem-timeline-timestamps: Unexpected impossible timestamp `13:00 PM` (a 24-hour time cannot take PM), expected a real date and time',
    '9:21-9:45 postmortem-duration-consistency: Stated end `April 9, 2024, 07:30 UTC` is before the stated start `April 9, 2024, 08:00 UTC`; expected an end after the start',
    '12:15-12:21 postmortem-impact-percentage: Impact statement gives no share of affected users or requests; expected a percentage (`40% of users`), a share (`all users`, `half of requests`) or a count with its total (`1,200 of 40,000 users`)',
  ],
  'html-blocks.clean.md': [],
  'plain-labels.broken.md': [
    '15:1 postmortem-required-sections: Missing section `Corrective and Preventative Measures`; expected a heading or label such as `Corrective and Preventative Measures:` (accepted names: corrective and preventative measures, corrective and preventive measures, corrective, corrective measures, corrective actions, preventative measures)',
    '9:9-9:12 postmortem-timeline-timestamps: Unexpected unknown zone `GWT` in `14:35 GWT`, expected a known zone such as `GMT`, `GST` or an offset like `UTC+1`',
    "10:3-10:8 postmortem-duration-consistency: The timeline's last timestamp `15:10` is before the stated end `15:30 (CET)`; add the entry that ends the incident or correct the end",
    '5:1-5:7 postmortem-impact-percentage: Impact statement gives no share of affected users or requests; expected a percentage (`40% of users`), a share (`all users`, `half of requests`) or a count with its total (`1,200 of 40,000 users`)',
    '7:1-7:9 postmortem-milestones: Timeline does not say when the incident was mitigated or resolved; expected an entry such as `15:30 UTC: service restored`',
  ],
  'plain-labels.clean.md': [],
  'setext-indented.broken.md': [
    '19:1 postmortem-required-sections: Missing section `Root cause`; expected a heading or label such as `Root cause:` (accepted names: root cause, root causes, cause, causes, root cause analysis, contributing factors)',
    '17:3-17:8 postmortem-duration-consistency: Timeline entry `00:50` is after the stated end `January 21, 2024, 00:45 (UTC)`; move the end or the entry',
  ],
  'setext-indented.clean.md': [],
  'table-timeline.broken.md': [
    '21:3-21:8 postmortem-timeline-order: Timeline entry `06:10` is earlier than the entry before it, `06:20`; expected entries in time order',
    "22:3-22:8 postmortem-duration-consistency: The timeline's last timestamp `07:00` is before the stated end `2024-02-12 08:00`; add the entry that ends the incident or correct the end",
    '2:1-2:6 postmortem-impact-percentage: Impact statement gives no share of affected users or requests; expected a percentage (`40% of users`), a share (`all users`, `half of requests`) or a count with its total (`1,200 of 40,000 users`)',
    '15:4-15:12 postmortem-milestones: Timeline does not say when the incident was mitigated or resolved; expected an entry such as `15:30 UTC: service restored`',
  ],
  'start-end-fields.broken.md': [
    '22:1 postmortem-required-sections: Missing section `Resolution`; expected a heading or label such as `Resolution:` (accepted names: resolution, resolution and recovery, mitigation, fix, remediation, recovery)',
    '6:17-6:37 postmortem-stated-duration: Missing stated duration: `2024-10-26 22:40 UTC` to `2024-10-27 01:05 UTC` is 2 h 25 min; expected the length written beside them (`Duration: 2 h 25 min`)',
    '13:3-13:11 postmortem-timestamp-form: Unexpected timestamp form `11:15 PM`, expected `23:15` as most entries of the timeline write their times',
    '16:3-16:7 postmortem-timestamp-form: Unexpected timestamp form `1:05`, expected `01:05` as most entries of the timeline write their times',
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
