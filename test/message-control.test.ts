/**
 * Our message control skips remark-lint's when it cannot change anything; it
 * must give exactly what remark-lint's own gives, with and without markers.
 */
import {readdirSync, readFileSync} from 'node:fs'
import path from 'node:path'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import remarkLint from 'remark-lint'
import type {Preset} from 'unified'
import {describe, expect, it} from 'vitest'
import preset, {rules} from '../src/index.js'
import {fixture, hasSeeds, lint, lintFile, root, seedFiles, seedsDir} from './helpers.js'

/** The preset as it was: remark-lint itself attaching its message control. */
const withRemarkLint: Preset = {
  plugins: [[remarkFrontmatter, ['yaml', 'toml']], remarkGfm, remarkLint, ...Object.values(rules)],
}

const documents = [
  ...readdirSync(path.join(root, 'fixtures'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => fixture(name)),
  ...(hasSeeds ? seedFiles().map((name) => readFileSync(path.join(seedsDir, name), 'utf8')) : []),
]

describe('message control', () => {
  it('gives the messages remark-lint gives, on every fixture and seed', async () => {
    for (const value of documents) {
      for (const variant of [
        value,
        `<!-- lint disable postmortem-timeline-order -->\n\n${value}`,
      ]) {
        expect(await lint(variant)).toEqual(await lint(variant, withRemarkLint))
      }
    }
  })

  it('still filters messages under a disable comment', async () => {
    const broken = fixture('atx-headings.broken.md')
    const all = await lint(broken)
    const disabled = await lint(`<!-- lint disable postmortem-required-sections -->\n\n${broken}`)
    expect(all.some((line) => line.includes('postmortem-required-sections'))).toBe(true)
    expect(disabled.some((line) => line.includes('postmortem-required-sections'))).toBe(false)
  })

  it('still fails on an unknown marker keyword in a clean document', async () => {
    const clean = fixture('atx-headings.clean.md')
    expect(await lint(clean)).toEqual([])
    const file = await lintFile(`<!-- lint sometimes -->\n\n${clean}`, preset).catch(
      (error: Error) => error,
    )
    expect(file).toBeInstanceOf(Error)
    expect((file as Error).message).toBe(
      "Unknown keyword `sometimes`: expected `'enable'`, `'disable'`, or `'ignore'`",
    )
  })
})
