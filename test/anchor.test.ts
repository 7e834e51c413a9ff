/**
 * The SRE book's example postmortem (../shared/anchors/google-sre-example.md),
 * the best-known document of the field, read right: under the default
 * configuration and under `settings.postmortem.template: google-sre` it draws
 * no required-sections, empty-section, placeholder or milestone message; its
 * `OUTAGE BEGINS` / `OUTAGE ENDS` give the start and end and its summary's
 * "down for 66 minutes" the stated length, so that 45 minutes is flagged.
 * Skipped without ../shared (its text is not copied into the project).
 */
import {existsSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {remark} from 'remark'
import {VFile} from 'vfile'
import {describe, expect, it} from 'vitest'
import preset from '../src/index.js'
import {readIncident} from '../src/model/index.js'
import {sharedDir} from './helpers.js'

const anchor = path.join(sharedDir, 'anchors', 'google-sre-example.md')
const hasAnchor = existsSync(anchor)

async function messages(value: string, settings: object = {}) {
  const file = new VFile({path: 'google-sre-example.md', value})
  const processor = remark().use(preset).data('settings', settings)
  const tree = await processor.run(processor.parse(file), file)
  return {file, tree, ids: file.messages.map((message) => message.ruleId)}
}

const mustNotAppear = [
  'postmortem-required-sections',
  'postmortem-no-empty-sections',
  'postmortem-no-placeholders',
  'postmortem-milestones',
]

describe.skipIf(!hasAnchor)('the SRE book example postmortem', () => {
  const text = hasAnchor ? readFileSync(anchor, 'utf8') : ''

  for (const [name, settings] of [
    ['the default configuration', {}],
    ['the google-sre template', {postmortem: {template: 'google-sre'}}],
  ] as const) {
    it(`draws no section, empty-section, placeholder or milestone message under ${name}`, async () => {
      const {ids} = await messages(text, settings)
      for (const id of mustNotAppear) expect(ids).not.toContain(id)
      expect(ids).not.toContain('postmortem-duration-consistency')
    })
  }

  it('reads the outage markers as the start and end, and the summary length as the stated length', async () => {
    const {file, tree} = await messages(text)
    const duration = readIncident(tree as never, file).duration
    expect(duration?.start?.from).toBe('timeline marker')
    expect(new Date(duration?.start?.epochMs ?? 0).toISOString()).toBe('2015-10-21T14:54:00.000Z')
    expect(new Date(duration?.end?.epochMs ?? 0).toISOString()).toBe('2015-10-21T16:00:00.000Z')
    expect(duration?.stated?.ms).toBe(66 * 60_000)
    expect(duration?.stated?.from).toBe('summary')
  })

  it('flags a summary length that disagrees with the markers', async () => {
    const {file} = await messages(text.replace('down for 66 minutes', 'down for 45 minutes'))
    expect(
      file.messages
        .filter((message) => message.ruleId === 'postmortem-duration-consistency')
        .map((message) => message.reason),
    ).toEqual(['Unexpected stated length `45 minutes`, expected `1 h 6 min` (start to end)'])
  })
})
