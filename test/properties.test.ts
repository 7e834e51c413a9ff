/**
 * Property tests: for random Markdown and random mixes of postmortem shapes,
 * the preset never throws, every message has a rule id and a place inside
 * the document, and linting twice gives identical messages.
 */

import {readFileSync} from 'node:fs'
import path from 'node:path'
import fc from 'fast-check'
import {remark} from 'remark'
import {removePosition} from 'unist-util-remove-position'
import {VFile} from 'vfile'
import {describe, expect, it} from 'vitest'
import preset from '../src/index.js'
import {fixture, hasSeeds, lintFile, seedFiles, seedsDir} from './helpers.js'

const shapes = [
  '# Postmortem',
  '## Timeline:',
  '**Issue Summary:**',
  'Timeline:',
  'Impact: 40% of users',
  '- **Duration**: 10:00 - 12:00 (UTC)',
  '<h2>Timeline:</h2>',
  '<ul><li><strong>14:00 UTC:</strong> x</li></ul>',
  '| Time | Event |',
  '| --- | --- |',
  '| 10:00 | alert |',
  '---\nstart: 2024-01-01 10:00\n---',
  '- 10:00 AM: detected',
  '- 25:10: broken',
  '- 13:00 PM: broken',
  '- 10:00 IST: deploy',
  'Start Time: March 8, 2024, 14:00 UTC',
  'End Time: March 8, 2024, 13:00 UTC',
  'Duration: 2 hours',
  '    Duration:',
  '        Start Time: 10:00',
  '* * *',
  '> quote 10:00',
  '```\n10:00 code\n```',
  '',
  '',
  'Root Cause and Resolution',
  '1. Step 3: fix',
  '- ',
  '- **10:30 (UTC):** resolved',
]

const document = fc
  .array(fc.oneof(fc.constantFrom(...shapes), fc.string({maxLength: 40})), {maxLength: 40})
  .map((parts) => parts.join('\n'))

function inside(file: VFile, value: string) {
  const lines = value.split(/\r?\n|\r/).length
  for (const message of file.messages) {
    expect(message.ruleId).toBeTruthy()
    if (message.line !== undefined) {
      expect(message.line).toBeGreaterThanOrEqual(1)
      expect(message.line).toBeLessThanOrEqual(lines)
    }
  }
}

const summary = (file: VFile) =>
  file.messages.map(
    (message) => `${message.line}:${message.column} ${message.ruleId} ${message.reason}`,
  )

/** The seeds (when ../shared is there) and our fixtures: real shapes to mutate. */
const realDocuments = [
  ...seedFiles().map((name) => readFileSync(path.join(seedsDir, name), 'utf8')),
  fixture('atx-headings.clean.md'),
  fixture('html-blocks.clean.md'),
  fixture('table-timeline.clean.md'),
]

/** Random edits of a real postmortem: lines shuffled, deleted, duplicated, timestamps mutated, cut at any point. */
const editedDocument = fc
  .record({
    document: fc.constantFrom(...realDocuments),
    swaps: fc.array(fc.tuple(fc.nat(), fc.nat()), {maxLength: 6}),
    deletions: fc.array(fc.nat(), {maxLength: 4}),
    duplicates: fc.array(fc.nat(), {maxLength: 4}),
    times: fc.array(fc.tuple(fc.integer({min: 0, max: 99}), fc.integer({min: 0, max: 99})), {
      maxLength: 6,
    }),
    cut: fc.option(fc.double({min: 0, max: 1, noNaN: true})),
  })
  .map(({document, swaps, deletions, duplicates, times, cut}) => {
    const lines = document.split('\n')
    for (const [a, b] of swaps) {
      const i = a % lines.length
      const j = b % lines.length
      ;[lines[i], lines[j]] = [lines[j] as string, lines[i] as string]
    }
    for (const index of deletions) lines.splice(index % Math.max(1, lines.length), 1)
    for (const index of duplicates)
      lines.splice(
        index % Math.max(1, lines.length),
        0,
        lines[index % Math.max(1, lines.length)] ?? '',
      )
    let text = lines.join('\n')
    let round = 0
    text = text.replace(/\b\d{1,2}:\d{2}\b/g, (time) => {
      const change = times[round++]
      return change ? `${change[0]}:${String(change[1]).padStart(2, '0')}` : time
    })
    return cut === null ? text : text.slice(0, Math.floor(cut * text.length))
  })

describe('properties', () => {
  it('never throws on random edits of real postmortems; places stay in the document; runs are repeatable', async () => {
    expect(realDocuments.length).toBe(hasSeeds ? 8 : 3)
    await fc.assert(
      fc.asyncProperty(editedDocument, async (value) => {
        const first = await lintFile(value)
        const second = await lintFile(value)
        inside(first, value)
        expect(summary(second)).toEqual(summary(first))
      }),
      {numRuns: 200, seed: 42},
    )
  })

  it('never throws on random mixes of postmortem shapes, places are in the document, runs are repeatable', async () => {
    await fc.assert(
      fc.asyncProperty(document, async (value) => {
        const first = await lintFile(value)
        const second = await lintFile(value)
        inside(first, value)
        expect(summary(second)).toEqual(summary(first))
        expect(
          first.messages.some((message) => message.fatal && message.ruleId === undefined),
        ).toBe(false)
      }),
      {numRuns: 150, seed: 20261125},
    )
  })

  it('never throws on random text', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({maxLength: 300, unit: 'binary'}), async (value) => {
        const file = await lintFile(value)
        inside(file, value)
      }),
      {numRuns: 150, seed: 7},
    )
  })

  it('reports nothing with a bogus place on a tree without positions', async () => {
    await fc.assert(
      fc.asyncProperty(document, async (value) => {
        const processor = remark().use(preset)
        const file = new VFile({value})
        const tree = processor.parse(file)
        removePosition(tree, {force: true})
        await processor.run(tree, file)
        // remark-lint's message control puts placeless messages at 1:1; none may claim a place.
        for (const message of file.messages) expect(message.place).toBeUndefined()
      }),
      {numRuns: 60, seed: 3},
    )
  })
})
