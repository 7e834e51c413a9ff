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
    '10:14-10:17 postmortem-timeline-timestamps: Unexpected ambiguous zone `IST` declared for the timeline (India (+05:30), Israel (+02:00), Ireland (+01:00)), expected an offset such as `UTC+05:30` or a `timezones` option that maps `IST`',
  ],
  'assignment-instructions.md': [
    '29:1 postmortem-required-sections: Missing section `Timeline`; expected a heading or label such as `Timeline:` (accepted names: timeline, incident timeline, chronology, sequence of events, timeline of events, timelines)',
    '29:1 postmortem-required-sections: Missing section `Root cause`; expected a heading or label such as `Root cause:` (accepted names: root cause, root causes, cause, causes, root cause analysis, contributing factors)',
    '29:1 postmortem-required-sections: Missing section `Resolution`; expected a heading or label such as `Resolution:` (accepted names: resolution, resolution and recovery, mitigation, fix, remediation, recovery)',
    '29:1 postmortem-required-sections: Missing section `Corrective and Preventative Measures`; expected a heading or label such as `Corrective and Preventative Measures:` (accepted names: corrective and preventative measures, corrective and preventive measures, corrective, corrective measures, corrective actions, preventative measures)',
  ],
  'columns-without-a-table.md': [],
  'date-after-time.md': [],
  'date-headings.md': [],
  'dates-joined-to-times.md': [
    '14:3-14:14 postmortem-timeline-timestamps: Unexpected impossible timestamp `20202-01-17` (year 20202 has 5 digits), expected a real date and time',
    "13:4-13:22 postmortem-duration-consistency: The timeline's last timestamp `16/02/2024 - 09:00` is before the stated end `17/02/2024 - 10:00`; add the entry that ends the incident or correct the end",
    '12:4-12:22 postmortem-timezone: Timeline times such as `15/02/2024 - 15:00` have no zone and the document declares none; expected a zone (`14:05 UTC`) or a note such as `All times UTC`',
    '10:4-10:12 postmortem-milestones: Timeline does not say when the incident was mitigated or resolved; expected an entry such as `15:30 UTC: service restored`',
  ],
  'day-first-dates.md': [
    '6:13-6:33 postmortem-stated-duration: Missing stated duration: `28/03/2024 22:00 UTC` to `02/04/2024 10:00 UTC` is 4 days 12 h; expected the length written beside them (`Duration: 4 days 12 h`)',
  ],
  'end-of-day.md': [],
  'entries-run-together.md': [],
  'impact-in-next-item.md': [],
  'impact-introduces-lines.md': [],
  'impact-none-affected.md': [],
  'impact-populations.md': [],
  'impact-without-share.md': [
    '6:3-6:9 postmortem-impact-percentage: Impact statement gives no share of affected users or requests; expected a percentage (`40% of users`), a share (`all users`, `half of requests`) or a count with its total (`1,200 of 40,000 users`)',
  ],
  'length-in-prose.md': [
    '16:70-16:77 postmortem-duration-consistency: Stated duration `an hour` disagrees with its start and end (`2024-03-04 10:34 GMT` to `2024-03-04 11:05 GMT` is 31 min); expected `31 min` or other times',
  ],
  'meridiem-from-context.md': [],
  'metric-fields.md': [
    '11:1 postmortem-required-sections: Missing section `Duration`; expected a heading or label such as `Duration:` (accepted names: duration, outage duration, incident duration, duration of the outage; or both a `Start time:` and an `End time:` field)',
    '21:1 postmortem-required-sections: Missing section `Resolution`; expected a heading or label such as `Resolution:` (accepted names: resolution, resolution and recovery, mitigation, fix, remediation, recovery)',
  ],
  'narrative-times.md': [],
  'outage-markers-wrong-length.md': [
    '5:21-5:31 postmortem-duration-consistency: Stated duration `45 minutes` disagrees with its start and end (`14:54` to `16:00` is 1 h 6 min); expected `1 h 6 min` or other times',
  ],
  'outage-markers.md': [],
  'overnight-window-in-prose.md': [
    '9:1 postmortem-required-sections: Missing section `Duration`; expected a heading or label such as `Duration:` (accepted names: duration, outage duration, incident duration, duration of the outage; or both a `Start time:` and an `End time:` field)',
    '11:3-11:11 postmortem-timezone: Timeline times such as `10:30 PM` have no zone and the document declares none; expected a zone (`14:05 UTC`) or a note such as `All times UTC`',
  ],
  'run-together-entries.md': [],
  'section-names-as-questions.md': [],
  'sentence-lead-ins.md': [
    '23:1 postmortem-required-sections: Missing section `Resolution`; expected a heading or label such as `Resolution:` (accepted names: resolution, resolution and recovery, mitigation, fix, remediation, recovery)',
  ],
  'share-outside-impact.md': [
    '9:1 postmortem-required-sections: Missing section `Impact`; expected a heading or label such as `Impact:` (accepted names: impact, user impact, customer impact, business impact, impact assessment, impacts)',
    '3:4-3:11 postmortem-impact-percentage: No impact statement, and the summary gives no share of affected users or requests; expected a percentage (`40% of users`), a share (`all users`, `half of requests`) or a count with its total (`1,200 of 40,000 users`)',
  ],
  'table-without-heading.md': [
    '14:1 postmortem-required-sections: Missing section `Duration`; expected a heading or label such as `Duration:` (accepted names: duration, outage duration, incident duration, duration of the outage; or both a `Start time:` and an `End time:` field)',
    '14:1 postmortem-required-sections: Missing section `Impact`; expected a heading or label such as `Impact:` (accepted names: impact, user impact, customer impact, business impact, impact assessment, impacts)',
  ],
  'time-on-its-own-line.md': [],
  'timed-lines-in-an-item.md': [],
  'version-numbers.md': [],
  'written-length.md': [
    '5:33-5:40 postmortem-duration-consistency: Stated duration `3 hours` disagrees with its start and end (`2024-03-02 10:00 UTC` to `2024-03-02 12:00 UTC` is 2 h); expected `2 h` or other times',
  ],
  'year-crossing.md': [],
  'year-written-after-crossing.md': [],
  'year-written-elsewhere.md': [
    '5:36-5:39 postmortem-timezone: `PST` names standard time but Mar 20 falls in daylight-saving time there; expected `PDT`',
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
