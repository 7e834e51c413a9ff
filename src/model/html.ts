/**
 * Reads raw HTML blocks (`<h2>Timeline:</h2>`, `<ul><li><strong>14:00 UTC:</strong>...`)
 * with a real HTML parser and turns them into the same lines as Markdown,
 * with positions mapped back into the Markdown file.
 */
import type {Element, ElementContent, Nodes, Root} from 'hast'
import {fromHtml} from 'hast-util-from-html'
import {type Line, tableRow} from './line.js'
import {SourceTextBuilder} from './source-text.js'

const headingRank: Record<string, number> = {h1: 1, h2: 2, h3: 3, h4: 4, h5: 5, h6: 6}
const blockTags = new Set([
  'p',
  'div',
  'section',
  'article',
  'blockquote',
  'details',
  'summary',
  'dd',
  'dt',
  'pre',
  'header',
  'footer',
  'main',
  'body',
  'center',
  'table',
  'thead',
  'tbody',
  'tfoot',
  'dl',
])
const listTags = new Set(['ul', 'ol'])
const skippedTags = new Set(['script', 'style', 'img', 'iframe', 'svg', 'head', 'template', 'code'])

interface HtmlWalk {
  html: string
  base: number | undefined
  lines: Line[]
  nextBlock: number
}

/** Append the text of `nodes` (stopping at nested lists) to `builder`. */
function appendText(
  walk: HtmlWalk,
  nodes: readonly (ElementContent | Nodes)[],
  builder: SourceTextBuilder,
): void {
  for (const node of nodes) {
    if (node.type === 'text') {
      const start = node.position?.start.offset
      const end = node.position?.end.offset
      if (walk.base === undefined || start === undefined || end === undefined)
        builder.appendUnplaced(node.value)
      else builder.appendAligned(node.value, walk.html.slice(start, end), walk.base + start)
    } else if (node.type === 'element') {
      if (
        listTags.has(node.tagName) ||
        skippedTags.has(node.tagName) ||
        blockTags.has(node.tagName)
      )
        continue
      if (node.tagName === 'br') builder.appendUnplaced('\n')
      else appendText(walk, node.children, builder)
    }
  }
}

function pushText(
  walk: HtmlWalk,
  builder: SourceTextBuilder,
  shape: Pick<Line, 'kind' | 'depth' | 'listDepth' | 'itemStart'>,
): void {
  const text = builder.build()
  const parts = shape.kind === 'heading' ? [text] : text.lines()
  const block = walk.nextBlock++
  const kept = parts
    .map((part) => part.trim())
    .filter((part, index) => part.value || (shape.itemStart && index === 0))
  kept.forEach((part, index) => {
    walk.lines.push({
      ...shape,
      itemStart: shape.itemStart && index === 0,
      indexInBlock: index,
      block,
      text: part,
    })
  })
}

function walkElement(walk: HtmlWalk, parent: Element | Root, listDepth: number): void {
  let inline = new SourceTextBuilder()
  let pending: (ElementContent | Nodes)[] = []
  const flush = () => {
    if (pending.length === 0) return
    inline = new SourceTextBuilder()
    appendText(walk, pending, inline)
    pushText(walk, inline, {kind: 'paragraph', depth: 0, listDepth, itemStart: false})
    pending = []
  }
  for (const child of parent.children) {
    if (child.type !== 'element') {
      if (child.type === 'text') pending.push(child)
      continue
    }
    const tag = child.tagName
    if (skippedTags.has(tag)) continue
    const rank = headingRank[tag]
    if (rank) {
      flush()
      const builder = new SourceTextBuilder()
      appendText(walk, child.children, builder)
      pushText(walk, builder, {kind: 'heading', depth: rank, listDepth, itemStart: false})
    } else if (listTags.has(tag)) {
      flush()
      for (const item of child.children) {
        if (item.type !== 'element' || item.tagName !== 'li') continue
        const builder = new SourceTextBuilder()
        appendText(walk, item.children, builder)
        pushText(walk, builder, {
          kind: 'paragraph',
          depth: 0,
          listDepth: listDepth + 1,
          itemStart: true,
        })
        for (const nested of item.children) {
          if (
            nested.type === 'element' &&
            (listTags.has(nested.tagName) || blockTags.has(nested.tagName))
          ) {
            walkElement(walk, {type: 'root', children: [nested]}, listDepth + 1)
          }
        }
      }
    } else if (tag === 'tr') {
      flush()
      const cells = child.children.filter(
        (cell): cell is Element =>
          cell.type === 'element' && (cell.tagName === 'td' || cell.tagName === 'th'),
      )
      const texts = cells.map((cell) => {
        const builder = new SourceTextBuilder()
        appendText(walk, cell.children, builder)
        return builder.build().trim()
      })
      const header = cells.every((cell) => cell.tagName === 'th')
      walk.lines.push(tableRow(texts, header, listDepth, walk.nextBlock++))
    } else if (blockTags.has(tag)) {
      flush()
      walkElement(walk, child, listDepth)
    } else {
      pending.push(child)
    }
  }
  flush()
}

/**
 * Lines of one raw HTML block. `base` is the file offset of the block's first
 * character when its value is verbatim source; without it the lines carry no place.
 */
export function htmlLines(html: string, base: number | undefined, firstBlock: number): Line[] {
  const walk: HtmlWalk = {html, base, lines: [], nextBlock: firstBlock}
  try {
    walkElement(walk, fromHtml(html, {fragment: true}), 0)
  } catch {
    return []
  }
  return walk.lines
}
