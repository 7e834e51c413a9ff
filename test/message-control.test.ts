/**
 * Our message control leaves documents without a marker to a short way of its
 * own; it must give exactly what remark-lint's own gives, with and without
 * markers, and with gaps in the tree.
 */
import {readdirSync, readFileSync} from 'node:fs'
import path from 'node:path'
import type {Nodes, Root} from 'mdast'
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

  it('drops the messages remark-lint drops in gaps of the tree (nodes without positions)', async () => {
    // A plugin that leaves the text of every second paragraph without positions, as some plugins do.
    const unplaceSomeText = () => (tree: Root) => {
      let paragraph = 0
      const walk = (node: Nodes) => {
        if (node.type === 'paragraph' && paragraph++ % 2 === 1)
          for (const child of node.children) delete child.position
        if ('children' in node) for (const child of node.children) walk(child)
      }
      walk(tree)
    }
    const withGaps = (config: Preset): Preset => ({
      plugins: [unplaceSomeText, ...(config.plugins ?? [])],
    })
    let dropped = 0
    for (const value of [...documents, `${fixture('atx-headings.broken.md')}\n\n\n   \n`]) {
      const expected = await lint(value, withGaps(withRemarkLint))
      expect(await lint(value, withGaps(preset))).toEqual(expected)
      dropped += (await lint(value, withRemarkLint)).length - expected.length
    }
    // The comparison above is only worth something if gaps did drop messages.
    expect(dropped).toBeGreaterThan(0)
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
