/**
 * The examples in docs/rules/*.md are tests: each `markdown` block under
 * "ok" gives no message of that rule; each under "not ok" gives exactly the
 * `text` block after it (a line ending in `...)` matches on what comes before);
 * one under "fixed" is the "not ok" example before it after `--fix`.
 */
import {readdirSync, readFileSync} from 'node:fs'
import path from 'node:path'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import remarkLint from 'remark-lint'
import type {PluggableList} from 'unified'
import {describe, expect, it} from 'vitest'
import {applyFixes} from '../src/fix.js'
import {rules} from '../src/index.js'
import {lint, lintFile, root} from './helpers.js'

const docsDir = path.join(root, 'docs', 'rules')
/** Options a doc says its examples run with. */
const exampleOptions: Record<string, unknown> = {
  'postmortem-action-items': ['warn', {enabled: true}],
}

interface Example {
  kind: 'ok' | 'not ok' | 'fixed'
  markdown: string
  output: string[]
  /** For a fixed example: the document it fixes. */
  broken?: string
}

function examples(doc: string): Example[] {
  const found: Example[] = []
  let kind: Example['kind'] | undefined
  const blocks = doc.split(/^```/m)
  const headings = [...doc.matchAll(/^### (ok|not ok|fixed)$/gm)]
  for (let index = 1; index < blocks.length; index += 2) {
    const block = blocks[index] ?? ''
    const offset = doc.indexOf(block)
    kind = headings.filter((heading) => (heading.index ?? 0) < offset).at(-1)?.[1] as
      | Example['kind']
      | undefined
    if (!kind || !block.startsWith('markdown\n')) continue
    const next = blocks[index + 2] ?? ''
    const output =
      kind === 'not ok' && next.startsWith('text\n') ? next.slice(5).trim().split('\n') : []
    const markdown = block.slice('markdown\n'.length)
    if (kind === 'fixed') {
      const broken = found.filter((example) => example.kind === 'not ok').at(-1)?.markdown
      found.push({kind, markdown, output: [], ...(broken === undefined ? {} : {broken})})
    } else found.push({kind, markdown, output})
  }
  return found
}

describe('rule docs', () => {
  const names = readdirSync(docsDir).filter((name) => name.endsWith('.md'))
  it('documents every rule', () => {
    expect(names.map((name) => name.replace(/\.md$/, '')).sort()).toEqual(Object.keys(rules).sort())
  })
  for (const name of names) {
    const id = name.replace(/\.md$/, '') as keyof typeof rules
    const doc = readFileSync(path.join(docsDir, name), 'utf8')
    for (const [index, example] of examples(doc).entries()) {
      it(`${id} example ${index + 1} (${example.kind})`, async () => {
        const rule = (
          id in exampleOptions ? [rules[id], exampleOptions[id]] : rules[id]
        ) as PluggableList[number]
        const config = {plugins: [remarkFrontmatter, remarkGfm, remarkLint, rule]}
        if (example.kind === 'fixed') {
          const broken = await lintFile(example.broken ?? '', config)
          expect(applyFixes(String(broken), broken.messages)).toBe(example.markdown)
          const again = await lintFile(example.markdown, config)
          expect(applyFixes(example.markdown, again.messages)).toBe(example.markdown)
          return
        }
        const messages = await lint(example.markdown, config)
        const shown = messages.map((message) => message.replace(` ${id}: `, ' error '))
        if (example.kind === 'ok') {
          expect(shown).toEqual([])
          return
        }
        expect(shown.length).toBe(example.output.length)
        example.output.forEach((line, position) => {
          if (line.endsWith('...)'))
            expect(shown[position]?.startsWith(line.slice(0, -4))).toBe(true)
          else expect(shown[position]).toBe(line)
        })
      })
    }
  }
})
