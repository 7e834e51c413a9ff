/**
 * The examples in docs/rules/*.md are tests: each `markdown` block under
 * "ok" gives no message of that rule; each under "not ok" gives exactly the
 * `text` block after it, as `postmortem-lint --verbose` shows it: each
 * message's place, severity and reason, then `  [note]:` and the lines of its
 * note, indented by four spaces (a line ending in `...)` matches on what comes
 * before); one under "fixed" is the "not ok" example before it after `--fix`.
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

interface Shown {
  line: string
  /** The note's lines, when the example shows them. */
  note?: string[]
}

interface Example {
  kind: 'ok' | 'not ok' | 'fixed'
  markdown: string
  output: Shown[]
  /** For a fixed example: the document it fixes. */
  broken?: string
}

/** A `text` block's lines as messages with their notes. */
function shownMessages(block: string): Shown[] {
  const shown: Shown[] = []
  let inNote = false
  for (const line of block.trim().split('\n')) {
    const last = shown.at(-1)
    if (line === '  [note]:' && last) {
      last.note = []
      inNote = true
    } else if (inNote && line.startsWith('    ') && last?.note) last.note.push(line.slice(4))
    else {
      inNote = false
      shown.push({line})
    }
  }
  return shown
}

/** `line` or, for a line ending in `...)`, what comes before it. */
function matches(actual: string | undefined, line: string): boolean {
  return line.endsWith('...)') ? Boolean(actual?.startsWith(line.slice(0, -4))) : actual === line
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
      kind === 'not ok' && next.startsWith('text\n') ? shownMessages(next.slice(5)) : []
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
        const notes = (await lintFile(example.markdown, config)).messages.map(
          (message) => message.note?.split('\n') ?? [],
        )
        expect(shown.length).toBe(example.output.length)
        example.output.forEach((expected, position) => {
          expect(matches(shown[position], expected.line), shown[position]).toBe(true)
          // Every note is shown, as `--verbose` shows it: the page explains what the message leaves out.
          const note = notes[position] ?? []
          expect(expected.note?.length ?? 0, `note of ${expected.line}`).toBe(note.length)
          expected.note?.forEach((line, index) => {
            expect(matches(note[index], line), note[index]).toBe(true)
          })
        })
      })
    }
  }
})
