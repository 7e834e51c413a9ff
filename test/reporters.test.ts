/** The CI reporters: SARIF 2.1.0 that validates against the OASIS schema, and exact GitHub workflow commands. */
import {spawnSync} from 'node:child_process'
import {readFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {root} from './helpers.js'

// ajv-draft-04 is CommonJS; require it to get the class itself.
const Ajv = createRequire(import.meta.url)('ajv-draft-04') as new (
  options: object,
) => {compile: (schema: object) => ((data: unknown) => boolean) & {errors?: unknown}}

const cli = (...args: string[]) =>
  spawnSync(process.execPath, [path.join(root, 'dist', 'cli.js'), ...args], {
    cwd: root,
    encoding: 'utf8',
  })

describe('--report sarif', () => {
  it('writes SARIF 2.1.0 that validates against the schema, with rule ids, help links, levels and regions', () => {
    const result = cli(
      '--report',
      'sarif',
      'fixtures/bold-pseudo-headings.broken.md',
      'fixtures/atx-headings.clean.md',
    )
    expect(result.status).toBe(1)
    const log = JSON.parse(result.stdout)
    const schema = JSON.parse(
      readFileSync(path.join(root, 'test', 'data', 'sarif-2.1.0-rtm.5.json'), 'utf8'),
    )
    const ajv = new Ajv({
      allErrors: true,
      strict: false,
      validateFormats: false,
      unicodeRegExp: false,
    })
    const validate = ajv.compile(schema)
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true)
    const run = log.runs[0]
    expect(run.tool.driver.rules.map((rule: {id: string}) => rule.id)).toEqual([
      'postmortem-required-sections',
      'postmortem-timeline-timestamps',
      'postmortem-timeline-order',
      'postmortem-duration-consistency',
      'postmortem-impact-percentage',
    ])
    expect(run.tool.driver.rules[0].helpUri).toMatch(
      /docs\/rules\/postmortem-required-sections\.md$/,
    )
    expect(run.results).toHaveLength(6)
    expect(
      run.results.find(
        (result: {ruleId: string}) => result.ruleId === 'postmortem-impact-percentage',
      ),
    ).toEqual({
      ruleId: 'postmortem-impact-percentage',
      ruleIndex: 4,
      level: 'error',
      message: {text: 'Unexpected share `120%`, expected a percentage from 0 to 100'},
      locations: [
        {
          physicalLocation: {
            artifactLocation: {
              uri: 'fixtures/bold-pseudo-headings.broken.md',
              uriBaseId: '%SRCROOT%',
            },
            region: {startLine: 5, startColumn: 46, endLine: 5, endColumn: 50},
          },
        },
      ],
    })
  })
})

describe('--report github', () => {
  it('writes one workflow command per message, escaped', () => {
    const result = cli('--report', 'github', 'fixtures/plain-labels.broken.md')
    expect(result.status).toBe(1)
    expect(result.stdout.trim().split('\n')).toEqual([
      '::error file=fixtures/plain-labels.broken.md,line=15,col=1,title=postmortem-required-sections::Missing section `Corrective and Preventative Measures`; expected a heading or label such as `Corrective and Preventative Measures:` (accepted names: corrective and preventative measures, corrective and preventive measures, corrective, corrective measures, corrective actions, preventative measures)',
      '::error file=fixtures/plain-labels.broken.md,line=9,col=9,endLine=9,endColumn=12,title=postmortem-timeline-timestamps::Unexpected unknown zone `GWT` in `14:35 GWT`, expected a known zone such as `GMT`, `GST` or an offset like `UTC+1`',
      "::error file=fixtures/plain-labels.broken.md,line=10,col=3,endLine=10,endColumn=8,title=postmortem-duration-consistency::The timeline's last timestamp `15:10` is before the stated end `15:30 (CET)`; add the entry that ends the incident or correct the end",
      '::error file=fixtures/plain-labels.broken.md,line=5,col=1,endLine=5,endColumn=7,title=postmortem-impact-percentage::Impact statement gives no share of affected users or requests; expected a percentage (`40%25 of users`), a share (`all users`, `half of requests`) or a count with its total (`1,200 of 40,000 users`)',
      '::warning file=fixtures/plain-labels.broken.md,line=7,col=1,endLine=7,endColumn=9,title=postmortem-milestones::Timeline does not say when the incident was mitigated or resolved; expected an entry such as `15:30 UTC: service restored`',
    ])
  })
})
