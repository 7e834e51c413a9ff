/** The CI reporters: SARIF 2.1.0 that validates against the OASIS schema, and exact GitHub workflow commands. */
import {spawnSync} from 'node:child_process'
import {readFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import path from 'node:path'
import {VFile} from 'vfile'
import {describe, expect, it} from 'vitest'
import {githubReporter} from '../src/reporters/github.js'
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
      message: {
        text: 'Unexpected share `120%`, expected a percentage from 0 to 100',
        // The note after the reason, for tools that show markdown.
        markdown:
          'Unexpected share `120%`, expected a percentage from 0 to 100\n\nA share of users or requests is at most 100%: a rise (`grew by 120%`) is no share.',
      },
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
    // A related place (the entry before) is a related location, linked from the markdown.
    const order = run.results.find(
      (result: {ruleId: string}) => result.ruleId === 'postmortem-timeline-order',
    )
    expect(order.message.markdown.split('\n\n').at(-1)).toBe(
      'Related: [The entry before it, `22:41 (UTC)`](1)',
    )
    expect(order.relatedLocations).toEqual([
      {
        id: 1,
        message: {text: 'The entry before it, `22:41 (UTC)`'},
        physicalLocation: {
          artifactLocation: {
            uri: 'fixtures/bold-pseudo-headings.broken.md',
            uriBaseId: '%SRCROOT%',
          },
          region: {startLine: 9, startColumn: 5, endLine: 9, endColumn: 16},
        },
      },
    ])
  })

  it('lists every entry of a grouped message in relatedLocations, and validates', () => {
    const result = cli('--report', 'sarif', 'fixtures/kinds/entries-outside-the-window.md')
    const log = JSON.parse(result.stdout)
    const [before] = log.runs[0].results
    expect(before.message.text).toBe(
      '3 entries, `10:20 UTC` to `10:50 UTC`, are before the stated start `June 3, 2024, 11:00`; move the start or the entries',
    )
    expect(
      before.relatedLocations.map(
        (location: {
          id: number
          message: {text: string}
          physicalLocation: {region: {startLine: number}}
        }) =>
          `${location.id} ${location.physicalLocation.region.startLine} ${location.message.text}`,
      ),
    ).toEqual([
      '1 5 The stated start',
      '2 12 Also before the stated start: `10:35 UTC`',
      '3 13 Also before the stated start: `10:50 UTC`',
    ])
    const validate = new Ajv({
      allErrors: true,
      strict: false,
      validateFormats: false,
      unicodeRegExp: false,
    }).compile(
      JSON.parse(readFileSync(path.join(root, 'test', 'data', 'sarif-2.1.0-rtm.5.json'), 'utf8')),
    )
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true)
  })
})

describe('--report github', () => {
  it('writes one workflow command per message with its note, escaped', () => {
    const result = cli('--report', 'github', 'fixtures/plain-labels.broken.md')
    expect(result.status).toBe(1)
    // Each reason, then its note on the lines after it (`%0A`).
    expect(result.stdout.trim().split('\n')).toEqual([
      '::error file=fixtures/plain-labels.broken.md,line=15,col=1,title=postmortem-required-sections::Missing section, expected a heading such as `Corrective and Preventative Measures:`%0A%0AAccepted names, in any case and shape (heading, `Name:` line, bold label, field): corrective and preventative measures, corrective and preventive measures, corrective, corrective measures, corrective actions, preventative measures, corrective action, preventive measures, preventative actions, preventive actions, prevention, action items, follow-up, follow up, follow-ups, follow-up actions, next steps, future measures, improvements, future improvements, planned improvements, actions planned, planned actions, action plan, recommendations, remediations, remediation items, remediation actions.%0A`postmortem-lint --fix` adds `Corrective and Preventative Measures:` here, with a `TODO` line to write.%0AThe `aliases` option accepts more names; `template` or `required` choose the sections.',
      '::error file=fixtures/plain-labels.broken.md,line=9,col=9,endLine=9,endColumn=12,title=postmortem-timeline-timestamps::Unexpected unknown zone `GWT`, expected a known zone such as `GMT` or `GST`%0A%0A`GWT` in `14:35 GWT` is no zone this linter knows; the known zones one letter away: `GMT`, `GST`.%0AWrite a known abbreviation (`UTC`, `CET`, `WAT`), an offset (`UTC+1`) or a zone in words (`West African Time`), or map it in the `timezones` option.',
      '::error file=fixtures/plain-labels.broken.md,line=10,col=3,endLine=10,endColumn=8,title=postmortem-duration-consistency::Last entry `15:10` is before the stated end `15:30 (CET)`; add the closing entry%0A%0AThe stated end is `15:30 (CET)` (4:37); the timeline reaches `15:10` only.%0AAdd the entry that ends the incident (service restored, incident closed), or correct the end.',
      '::error file=fixtures/plain-labels.broken.md,line=5,col=1,endLine=5,endColumn=7,title=postmortem-impact-percentage::Missing share in the impact statement, expected a share such as `40%25 of users`%0A%0AThe impact statement says who was affected but not how many of them.%0AA share is a percentage (`40%25 of users`, `5%25 of requests failed`), a share word (`all users`, `half of requests`, `no customers`) or a count with its total (`1,200 of 40,000 users`).%0AVague words (`some`, `many`, `most`), bare counts (`1,200 users`) and resource figures (`CPU at 95%25`) are not shares.',
      '::warning file=fixtures/plain-labels.broken.md,line=7,col=1,endLine=7,endColumn=9,title=postmortem-milestones::Missing resolution in the timeline, expected an entry such as `15:30 UTC: restored`%0A%0ANo entry says when the impact was mitigated or ended, so time to resolve cannot be measured.%0AWords read as resolution: resolved, restored, recovered, mitigated, fixed, rolled back, reverted, back to normal, working again; the entry at the stated end counts whatever its words.',
    ])
  })

  it("leaves a note out when it would not fit GitHub's 4,096 characters, and links the rule's page", () => {
    const file = new VFile({path: 'a.md', value: 'x'})
    const message = file.message('Unexpected thing, expected another', {
      place: {line: 1, column: 1},
    })
    message.ruleId = 'postmortem-example'
    message.url = 'https://example.com/postmortem-example.md'
    message.note = 'n'.repeat(4096)
    expect(githubReporter([file])).toBe(
      '::warning file=a.md,line=1,col=1,title=postmortem-example::Unexpected thing, expected another%0A%0Ahttps://example.com/postmortem-example.md',
    )
    message.note = 'A short note.'
    expect(githubReporter([file])).toBe(
      '::warning file=a.md,line=1,col=1,title=postmortem-example::Unexpected thing, expected another%0A%0AA short note.',
    )
  })
})
