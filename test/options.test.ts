/** Rule options and severities, as a library user sets them with `unified().use(...)`. */

import {remark} from 'remark'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import remarkLint from 'remark-lint'
import type {PluggableList, Preset} from 'unified'
import {VFile} from 'vfile'
import {describe, expect, it} from 'vitest'
import {
  remarkLintPostmortemDurationConsistency,
  remarkLintPostmortemRequiredSections,
  remarkLintPostmortemTimelineTimestamps,
} from '../src/index.js'
import {fixture, lint, lintFile} from './helpers.js'

const only = (...plugins: PluggableList): Preset => ({
  plugins: [remarkFrontmatter, remarkGfm, remarkLint, ...plugins],
})

describe('severities', () => {
  it('defaults the mission rules to errors', async () => {
    const file = await lintFile(
      fixture('atx-headings.broken.md'),
      only(remarkLintPostmortemRequiredSections),
    )
    expect(file.messages.map((message) => message.fatal)).toEqual([true, true])
  })

  it('reads [severity, options] and a bare severity', async () => {
    const warn = await lintFile(
      fixture('atx-headings.broken.md'),
      only([remarkLintPostmortemRequiredSections, ['warn', {required: ['root cause']}]]),
    )
    expect(warn.messages.map((message) => [message.fatal, message.reason.slice(0, 28)])).toEqual([
      [false, 'Missing section `Root cause`'],
    ])
    const off = await lintFile(
      fixture('atx-headings.broken.md'),
      only([remarkLintPostmortemRequiredSections, 'off']),
    )
    expect(off.messages).toEqual([])
  })
})

describe('option failures', () => {
  it.each([
    [
      {template: 'itil'},
      'Unexpected value `"itil"` for option `template` of `postmortem-required-sections`, expected `"alx"`, `"google-sre"`, `"pagerduty"`',
    ],
    [
      {requried: []},
      'Unexpected option `requried` for `postmortem-required-sections`, expected `template`, `required`, `aliases`',
    ],
    [
      {required: ['timeline', 'postmortem']},
      'Unexpected value `["timeline","postmortem"]` for option `required` of `postmortem-required-sections`, expected a list of section names',
    ],
    [
      {aliases: {timeline: 'events'}},
      'Unexpected value `{"timeline":"events"}` for option `aliases` of `postmortem-required-sections`, expected an object mapping section names to lists of aliases',
    ],
  ])('fails on %j with a clear message', async (options, reason) => {
    const file = await lintFile(
      '# x',
      only([remarkLintPostmortemRequiredSections, ['error', options]]),
    )
    const failures = file.messages.filter(
      (message) => message.fatal && message.reason.startsWith('Unexpected'),
    )
    expect(failures).toHaveLength(1)
    expect(failures[0]?.reason).toContain(reason)
    expect(failures[0]?.ruleId).toBe('postmortem-required-sections')
  })
})

describe('postmortem-required-sections options', () => {
  const document =
    '# Incident\n\n## Overview\n\nx\n\n## Contributing Factors\n\nx\n\n## Happenings\n\n- 10:00 UTC: alert\n'

  it('uses a template’s own section names', async () => {
    expect(
      await lint(
        document,
        only([remarkLintPostmortemRequiredSections, ['error', {template: 'pagerduty'}]]),
      ),
    ).toEqual([
      '11:1 postmortem-required-sections: Missing section `Resolution`, expected a heading such as `## Resolution`',
      '11:1 postmortem-required-sections: Missing section `Impact`, expected a heading such as `## Impact`',
      '11:1 postmortem-required-sections: Missing section `Timeline`, expected a heading such as `## Timeline`',
      '11:1 postmortem-required-sections: Missing section `Action Items`, expected a heading such as `## Action Items`',
    ])
  })

  it('takes the template from `settings.postmortem.template` too', async () => {
    const file = new VFile({path: 'postmortem.md', value: document})
    const processor = remark()
      .use(only(remarkLintPostmortemRequiredSections))
      .data('settings', {postmortem: {template: 'pagerduty'}} as Record<string, unknown>)
    await processor.run(processor.parse(file), file)
    expect(file.messages.map((message) => message.reason.split(',')[0])).toEqual([
      'Missing section `Resolution`',
      'Missing section `Impact`',
      'Missing section `Timeline`',
      'Missing section `Action Items`',
    ])
  })

  it('lists extra aliases among the accepted names in the note', async () => {
    const file = await lintFile(
      '# Incident\n\n## Overview\n\nx\n',
      only([
        remarkLintPostmortemRequiredSections,
        ['error', {required: ['summary', 'timeline'], aliases: {timeline: ['Events Log']}}],
      ]),
    )
    expect(file.messages.map((message) => message.reason)).toEqual([
      'Missing section `Timeline`, expected a heading such as `## Timeline`',
    ])
    // Every accepted name, the defaults (which the model may extend) and the option's own, normalised.
    expect(file.messages[0]?.note?.split('\n')[0]).toMatch(
      /^Accepted names, in any case and shape \(heading, `Name:` line, bold label, field\): timeline, incident timeline, .*, events log\.$/,
    )
  })

  it('accepts extra aliases and a custom required list', async () => {
    const options = {
      required: ['summary', 'timeline', 'root cause'],
      aliases: {timeline: ['happenings']},
    }
    expect(
      await lint(document, only([remarkLintPostmortemRequiredSections, ['error', options]])),
    ).toEqual([])
  })
})

describe('postmortem-timeline-timestamps options', () => {
  const document = '## Timeline\n\n- 10:00 IST: deploy\n- rollback started\n'

  it('maps a team’s abbreviation with `timezones`', async () => {
    expect(await lint(document, only(remarkLintPostmortemTimelineTimestamps))).toHaveLength(1)
    expect(
      await lint(
        document,
        only([
          remarkLintPostmortemTimelineTimestamps,
          ['error', {timezones: {IST: 'Asia/Kolkata'}}],
        ]),
      ),
    ).toEqual([])
  })

  it('flags entries without a timestamp with `requireTimestamp`', async () => {
    expect(
      await lint(
        document,
        only([
          remarkLintPostmortemTimelineTimestamps,
          ['error', {requireTimestamp: true, timezones: {IST: 'Asia/Kolkata'}}],
        ]),
      ),
    ).toEqual([
      '4:3-4:19 postmortem-timeline-timestamps: Missing timestamp, expected a time such as `14:05 UTC` at the start of the entry',
    ])
  })
})

describe('postmortem-duration-consistency options', () => {
  const document =
    'Duration: 10:00 - 11:00 UTC\n\nTimeline:\n\n- 09:55 UTC: alert fires\n- 11:00 UTC: resolved\n'

  it('allows entries within `tolerance` minutes of the window', async () => {
    expect(await lint(document, only(remarkLintPostmortemDurationConsistency))).toEqual([
      '5:3-5:12 postmortem-duration-consistency: Entry `09:55 UTC` is before the stated start `10:00`; move one of them',
    ])
    // The note says how far outside the window an entry may be.
    expect(
      (await lintFile(document, only(remarkLintPostmortemDurationConsistency))).messages[0]?.note,
    ).toBe(
      'The stated start is `10:00` (1:11).\nAn entry that only records a change (a deploy, a config push) may come before the start.',
    )
    const within =
      'Duration: 10:00 - 11:00 UTC\n\nTimeline:\n\n- 09:50 UTC: alert fires\n- 11:00 UTC: resolved\n'
    const outside = await lintFile(
      within,
      only([remarkLintPostmortemDurationConsistency, ['error', {tolerance: 5}]]),
    )
    expect(outside.messages[0]?.note?.split('\n')[0]).toBe(
      'The stated start is `10:00` (1:11); the entry is before it by more than 5 min (the `tolerance` option).',
    )
    expect(
      await lint(
        document,
        only([remarkLintPostmortemDurationConsistency, ['error', {tolerance: 5}]]),
      ),
    ).toEqual([])
  })
})
