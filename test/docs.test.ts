/**
 * The examples in docs/rules/*.md are tests: each `markdown` block under
 * "ok" gives no message of that rule; each under "not ok" gives exactly the
 * `text` block after it (a line ending in `...)` matches on what comes before).
 */
import {readdirSync, readFileSync} from 'node:fs'
import path from 'node:path'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import remarkLint from 'remark-lint'
import type {PluggableList} from 'unified'
import {describe, expect, it} from 'vitest'
import {rules} from '../src/index.js'
import {lint, root} from './helpers.js'

const docsDir = path.join(root, 'docs', 'rules')
/** Options a doc says its examples run with. */
const exampleOptions: Record<string, unknown> = {
  'postmortem-action-items': ['warn', {enabled: true}],
}

interface Example {
  kind: 'ok' | 'not ok'
  markdown: string
  output: string[]
}

function examples(doc: string): Example[] {
  const found: Example[] = []
  let kind: Example['kind'] | undefined
  const blocks = doc.split(/^```/m)
  const headings = [...doc.matchAll(/^### (ok|not ok)$/gm)]
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
    found.push({kind, markdown: block.slice('markdown\n'.length), output})
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
        const messages = await lint(example.markdown, {
          plugins: [remarkFrontmatter, remarkGfm, remarkLint, rule],
        })
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
