/**
 * The language server's incremental parse must build exactly the tree a full
 * parse builds: same nodes, same positions, for any document and any edit.
 */

import {existsSync, readdirSync, readFileSync} from 'node:fs'
import path from 'node:path'
import fc from 'fast-check'
import type {Root} from 'mdast'
import {remark} from 'remark'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import type {Plugin, Processor} from 'unified'
import {VFile} from 'vfile'
import {beforeEach, describe, expect, it} from 'vitest'
import incrementalParse, {createIncrementalParse, forgetParses} from '../src/incremental-parse.js'
import {hasSeeds, root, sharedDir} from './helpers.js'

const syntax = remark().use(remarkFrontmatter, ['yaml', 'toml']).use(remarkGfm).freeze()
const fullParse = (value: string): Root => syntax.parse(new VFile({path: 'full.md', value}))

/** Every piece as small as it can be: the most boundaries, the most chances to be wrong. */
function incremental(itemsPerPiece = 1) {
  const processor = remark()
    .use(remarkFrontmatter, ['yaml', 'toml'])
    .use(remarkGfm)
    .use(createIncrementalParse(itemsPerPiece))
    .freeze()
  return (value: string): Root => processor.parse(new VFile({path: 'edited.md', value}))
}

/** Lines that open, close or interrupt constructs across a cut: headings, items, fences, HTML, tables, front matter, definitions. */
const lines = [
  '# Title',
  '## Timeline',
  '###### Six',
  '####### seven',
  '#hashtag',
  '#',
  '  # indented heading',
  'A paragraph line.',
  'lazy continuation',
  '',
  '',
  '- 10:00 detected',
  '- 10:05 paged',
  '* star item',
  '+ plus item',
  '-\tafter a tab',
  '-',
  '- [ ] task',
  '  continued in the item',
  '    indented code or deeper item',
  '1. first',
  '2. second',
  '3) paren',
  '10. ten',
  '```',
  '~~~',
  '```js',
  '<div>',
  '</div>',
  '<!-- comment',
  '-->',
  '<!-- lint disable postmortem-timezone -->',
  '<pre>',
  '</pre>',
  '<?php',
  '?>',
  '<script>',
  '1. ```',
  '- # heading in item',
  '> # heading in a quote',
  '> quoted',
  '> - quoted item',
  '| Time | Event |',
  '| --- | --- |',
  '| 10:00 | alert |',
  '===',
  '---',
  '***',
  '- - -',
  '* * *',
  '+++',
  'title: x',
  '[a]: https://example.com',
  'see [a] and [b][a]',
  '[^1]: a note',
  'a call[^1]',
  'www.example.com and https://example.com/x',
]

const documentLines = fc.array(fc.constantFrom(...lines), {maxLength: 40})
const lineEnding = fc.constantFrom('\n', '\r\n')

describe('incremental parse', () => {
  beforeEach(() => forgetParses())

  it('equals a full parse on generated documents, before and after an edit', () => {
    const parse = incremental()
    fc.assert(
      fc.property(
        documentLines,
        lineEnding,
        fc.nat(),
        fc.array(fc.constantFrom(...lines), {maxLength: 3}),
        fc.nat(3),
        (before, ending, where, inserted, deleted) => {
          const first = before.join(ending)
          expect(parse(first)).toEqual(fullParse(first))
          const at = before.length === 0 ? 0 : where % before.length
          const after = [...before.slice(0, at), ...inserted, ...before.slice(at + deleted)].join(
            ending,
          )
          expect(parse(after)).toEqual(fullParse(after))
        },
      ),
      {numRuns: 600, seed: 20261126},
    )
  })

  it('equals a full parse on edits to the fixtures and real postmortems', () => {
    const documents = markdownFiles(path.join(root, 'fixtures'))
    expect(documents.length).toBeGreaterThan(10)
    // The real postmortems in ../shared, when it is there.
    for (const folder of ['seeds', 'corpus-dev']) {
      documents.push(...markdownFiles(path.join(sharedDir, folder)))
    }
    if (hasSeeds) expect(documents.length).toBeGreaterThan(40)
    for (const itemsPerPiece of [1, 8]) {
      const parse = incremental(itemsPerPiece)
      for (const document of documents) {
        const middle = document.indexOf('\n', document.length >> 1) + 1
        const edits = [
          document,
          `${document.slice(0, middle)}- 10:00 inserted\n${document.slice(middle)}`,
          `${document}\n<!-- edit -->\n`,
          document,
        ]
        for (const edit of edits) expect(parse(edit)).toEqual(fullParse(edit))
      }
    }
  })

  it('reuses the pieces an edit did not touch', () => {
    const entries = Array.from(
      {length: 400},
      (_, minute) => `- 10:${String(minute % 60).padStart(2, '0')} step ${minute}`,
    )
    const document = `# Postmortem\n\n## Timeline\n\n${entries.join('\n')}\n`
    const {parse, parsed} = countingParse()
    parse(document)
    expect(parsed().calls).toBeGreaterThan(5)
    const edited = document.replace('step 200', 'step two hundred')
    expect(parse(edited)).toEqual(fullParse(edited))
    // The edited item's piece, and the one after it when the edit moved a cut.
    const again = parsed()
    expect(again.calls).toBeLessThanOrEqual(2)
    expect(again.characters).toBeLessThan(edited.length / 5)
  })

  it('reuses nothing parsed under another configuration', () => {
    const document = '# A\n\n| a | b |\n| - | - |\n| 1 | 2 |\n\ntext\n\n# B\n\ntext\n'
    const withTables = remark().use(remarkGfm).use(createIncrementalParse(1))
    // Same number of plugins and options: only which plugin tells them apart.
    const withoutTables = remark().use(remarkFrontmatter).use(createIncrementalParse(1))
    const file = () => new VFile({path: 'configured.md', value: document})
    expect(withTables.parse(file())).toEqual(syntax.parse(file()))
    expect(withoutTables.parse(file())).toEqual(remark().use(remarkFrontmatter).parse(file()))
    expect(withoutTables.parse(file()).children.some((node) => node.type === 'table')).toBe(false)
  })

  it('gives every piece the definitions of the whole document', () => {
    const {parse, parsed} = countingParse()
    const entries = Array.from(
      {length: 400},
      (_, index) =>
        `- 10:${String(index % 60).padStart(2, '0')} see [runbook] and [^note] (${index})`,
    )
    const document = `# Incident\n\n${entries.join('\n')}\n\n# Links\n\ntext\n`
    // No definitions: `[runbook]` is text.
    expect(parse(document)).toEqual(fullParse(document))
    // A definition added at the end makes every `[runbook]` above a reference.
    const defined = `${document}\n[runbook]: https://example.com/runbook\n\n[^note]: A note.\n`
    const tree = parse(defined)
    expect(tree).toEqual(fullParse(defined))
    expect(JSON.stringify(tree)).toContain('"linkReference"')
    expect(JSON.stringify(tree)).toContain('"footnoteReference"')
    // An edit elsewhere keeps them and parses a small part again; removing
    // the definitions undoes them.
    parsed()
    const edited = defined.replace('10:20 see', '10:20 then see')
    expect(parse(edited)).toEqual(fullParse(edited))
    expect(parsed().characters).toBeLessThan(edited.length / 5)
    expect(parse(document)).toEqual(fullParse(document))
  })

  it('finds the real definitions when lines only look like definitions', () => {
    const {parse, parsed} = countingParse()
    const entries = Array.from({length: 200}, (_, index) => `- step ${index} [a]`)
    // Neither line defines anything: one is code, one has a bracket in its label.
    const document = `# A\n\n\`\`\`\n[a]: x\n\`\`\`\n\n[b [c]: y\n\n# B\n\n${entries.join('\n')}\n`
    expect(parse(document)).toEqual(fullParse(document))
    parsed()
    const edited = document.replace('step 100 ', 'step one hundred ')
    expect(parse(edited)).toEqual(fullParse(edited))
    expect(parsed().characters).toBeLessThan(edited.length / 10)
  })

  it('parses the whole document when pieces cannot stand alone', () => {
    const parse = incremental()
    const cases = [
      // A fence left open swallows the heading below it.
      '# A\n\n```\n# not a heading\n',
      // An HTML block runs until a blank line.
      '# A\n\n<div>\n# inside the block\n\n# B\n',
      // A piece and its stand-in read the same as the piece and the rest.
      '# A\n\ntext\n\n# B\n\n<?php\n#\n',
      // The item above an item ends where the next item's marker and spaces do.
      '1. ```\n10. ten\n',
      // Front matter with a YAML comment that looks like a heading.
      '---\n# a yaml comment\ntitle: x\n---\n\n# Title\n',
      // An ordered item that is not the list's next item.
      '# A\n\nText\n2. not an item\n\n# B\n',
      // A lone carriage return ends a line too.
      '# A\rtext\r# B\r',
    ]
    for (const document of cases) {
      expect(parse(document)).toEqual(fullParse(document))
      // Again, from what the first parse kept.
      expect(parse(document)).toEqual(fullParse(document))
    }
  })
})

/**
 * The incremental parse with a count of the parser's calls and of the
 * characters they read: a fresh processor per parse, as unified-engine makes
 * one per run, handing each plugin its file set (with the document's text) as
 * well. `parsed()` returns the counts since it was last asked.
 */
function countingParse() {
  let calls = 0
  let characters = 0
  function countParses(this: Processor) {
    const parser = this.parser as ((text: string, file: VFile) => Root) | undefined
    if (!parser) return
    this.parser = (text: string, file: VFile) => {
      calls++
      characters += text.length
      return parser(text, file)
    }
  }
  const parse = (value: string) =>
    remark()
      .use(remarkFrontmatter, ['yaml', 'toml'])
      .use(remarkGfm)
      .use(givenFileSet(countParses), undefined, {files: [value]})
      .use(givenFileSet(incrementalParse), undefined, {files: [value]})
      .parse(new VFile({path: 'counted.md', value}))
  const parsed = () => {
    const counts = {calls, characters}
    calls = 0
    characters = 0
    return counts
  }
  return {parse, parsed}
}

/** A plugin typed to be used with no options and a file set, as unified-engine uses every plugin. */
const givenFileSet = (plugin: Plugin<[]>) =>
  plugin as unknown as Plugin<[undefined, {files: string[]}]>

function markdownFiles(folder: string): string[] {
  if (!existsSync(folder)) return []
  return readdirSync(folder)
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => readFileSync(path.join(folder, name), 'utf8'))
}
