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
  'assignment-instructions.md': [
    '29:1 postmortem-required-sections: Missing section `Timeline`; expected a heading or label such as `Timeline:` (accepted names: timeline, incident timeline, chronology, sequence of events, timeline of events, timelines)',
    '29:1 postmortem-required-sections: Missing section `Root cause`; expected a heading or label such as `Root cause:` (accepted names: root cause, root causes, cause, causes, root cause analysis, contributing factors)',
    '29:1 postmortem-required-sections: Missing section `Resolution`; expected a heading or label such as `Resolution:` (accepted names: resolution, resolution and recovery, mitigation, fix, remediation, recovery)',
    '29:1 postmortem-required-sections: Missing section `Corrective and Preventative Measures`; expected a heading or label such as `Corrective and Preventative Measures:` (accepted names: corrective and preventative measures, corrective and preventive measures, corrective, corrective measures, corrective actions, preventative measures)',
  ],
  'metric-fields.md': [
    '11:1 postmortem-required-sections: Missing section `Duration`; expected a heading or label such as `Duration:` (accepted names: duration, outage duration, incident duration, duration of the outage; or both a `Start time:` and an `End time:` field)',
    '21:1 postmortem-required-sections: Missing section `Resolution`; expected a heading or label such as `Resolution:` (accepted names: resolution, resolution and recovery, mitigation, fix, remediation, recovery)',
  ],
  'section-names-as-questions.md': [],
  'sentence-lead-ins.md': [
    '23:1 postmortem-required-sections: Missing section `Resolution`; expected a heading or label such as `Resolution:` (accepted names: resolution, resolution and recovery, mitigation, fix, remediation, recovery)',
  ],
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
