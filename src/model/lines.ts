/**
 * Flattens an mdast tree into the logical lines a reader sees: heading lines,
 * paragraph lines (one per source line), list item lines with their nesting,
 * table rows, lines of indented "code" that is really prose, and the lines of
 * raw HTML blocks. Every later step of the model works on these lines only.
 */
import type {Nodes, PhrasingContent, Root, RootContent, Table} from 'mdast'
import {htmlLines} from './html.js'
import {type Line, tableRow} from './line.js'
import {type SourceText, SourceTextBuilder} from './source-text.js'

/** Context handed down the walk. */
interface Walk {
  source: string
  lines: Line[]
  nextBlock: number
}

/** A phrasing node's text, mapped to the file. */
function inlineText(nodes: readonly PhrasingContent[], source: string): SourceText {
  const builder = new SourceTextBuilder()
  appendInline(nodes, source, builder)
  return builder.build()
}

function appendInline(nodes: readonly Nodes[], source: string, builder: SourceTextBuilder): void {
  for (const node of nodes) {
    switch (node.type) {
      case 'text':
      case 'inlineCode': {
        const start = node.position?.start.offset
        const end = node.position?.end.offset
        if (start === undefined || end === undefined) builder.appendUnplaced(node.value)
        else builder.appendAligned(node.value, source.slice(start, end), start)
        break
      }
      case 'break':
        builder.appendUnplaced('\n')
        break
      case 'html':
        // Inline tags (`<span style=...>`) carry no text of their own.
        break
      case 'image':
      case 'imageReference':
      case 'footnoteReference':
        break
      default:
        if ('children' in node) appendInline(node.children as Nodes[], source, builder)
    }
  }
}

function pushBlockLines(
  walk: Walk,
  text: SourceText,
  shape: Pick<Line, 'kind' | 'depth' | 'listDepth'>,
  itemStart: boolean,
): void {
  const parts = shape.kind === 'heading' ? [text] : text.lines()
  const block = walk.nextBlock++
  parts.forEach((part, index) => {
    const text = part.trim()
    const offset = text.fileOffset(0)
    const line: Line = {
      kind: shape.kind,
      depth: shape.depth,
      listDepth: shape.listDepth,
      itemStart: itemStart && index === 0,
      indexInBlock: index,
      block,
      text,
    }
    if (
      index > 0 &&
      shape.listDepth > 0 &&
      offset !== undefined &&
      (offset === 0 || walk.source[offset - 1] === '\n')
    )
      line.lazy = true
    walk.lines.push(line)
  })
}

function tableLines(walk: Walk, table: Table, listDepth: number): void {
  table.children.forEach((row, rowIndex) => {
    const cells = row.children.map((cell) => inlineText(cell.children, walk.source).trim())
    walk.lines.push(tableRow(cells, rowIndex === 0, listDepth, walk.nextBlock++))
  })
}

/**
 * Indented code that holds prose (authors indent whole postmortems by four
 * spaces): each source line becomes a line, nested by its indentation.
 */
function indentedProseLines(walk: Walk, start: number, end: number, listDepth: number): void {
  const firstLineStart = walk.source.lastIndexOf('\n', start - 1) + 1
  const raw = walk.source.slice(firstLineStart, end).split('\n')
  let base = Number.POSITIVE_INFINITY
  for (const line of raw)
    if (line.trim()) base = Math.min(base, line.length - line.trimStart().length)
  let lineStart = firstLineStart
  const block = walk.nextBlock++
  raw.forEach((line, index) => {
    const indent = line.length - line.trimStart().length
    const content = line.trim()
    if (content) {
      const builder = new SourceTextBuilder()
      builder.appendExact(content, lineStart + indent)
      const nesting = Math.max(0, Math.round((indent - base) / 4))
      walk.lines.push({
        kind: 'paragraph',
        depth: 0,
        listDepth: listDepth + nesting,
        itemStart: nesting > 0,
        indexInBlock: index,
        block: nesting > 0 ? walk.nextBlock++ : block,
        text: builder.build(),
      })
    }
    lineStart += line.length + 1
  })
}

/** A line with no text that stands for content the model does not read (code, media). */
function pushContentLine(walk: Walk, offset: number | undefined, listDepth: number): void {
  const builder = new SourceTextBuilder()
  if (offset !== undefined) builder.appendExact('', offset)
  walk.lines.push({
    kind: 'paragraph',
    depth: 0,
    listDepth,
    itemStart: false,
    indexInBlock: 0,
    block: walk.nextBlock++,
    text: builder.build(),
  })
}

function isFenced(walk: Walk, start: number | undefined): boolean {
  if (start === undefined) return true
  return /^(?:`{3,}|~{3,})/.test(walk.source.slice(start, start + 4))
}

function walkBlocks(walk: Walk, nodes: readonly RootContent[], listDepth: number): void {
  for (const node of nodes) {
    switch (node.type) {
      case 'heading':
        pushBlockLines(
          walk,
          inlineText(node.children, walk.source).trim(),
          {kind: 'heading', depth: node.depth, listDepth},
          false,
        )
        break
      case 'paragraph':
        pushBlockLines(
          walk,
          inlineText(node.children, walk.source),
          {kind: 'paragraph', depth: 0, listDepth},
          false,
        )
        break
      case 'list':
        for (const item of node.children) {
          const [first, ...rest] = item.children
          if (first?.type === 'paragraph') {
            pushBlockLines(
              walk,
              inlineText(first.children, walk.source),
              {kind: 'paragraph', depth: 0, listDepth: listDepth + 1},
              true,
            )
            walkBlocks(walk, rest, listDepth + 1)
          } else {
            // An empty item (`- `) is still an item.
            if (!first) {
              const builder = new SourceTextBuilder()
              const offset = item.position?.start.offset
              if (offset !== undefined) builder.appendExact('', offset)
              pushBlockLines(
                walk,
                builder.build(),
                {kind: 'paragraph', depth: 0, listDepth: listDepth + 1},
                true,
              )
            }
            walkBlocks(walk, item.children, listDepth + 1)
          }
        }
        break
      case 'table':
        tableLines(walk, node, listDepth)
        break
      case 'html': {
        const start = node.position?.start.offset
        const end = node.position?.end.offset
        const exact =
          start !== undefined && end !== undefined && walk.source.slice(start, end) === node.value
        const read = htmlLines(node.value, exact ? start : undefined, walk.nextBlock)
        for (const line of read) {
          walk.lines.push({...line, listDepth: line.listDepth + listDepth})
          walk.nextBlock = Math.max(walk.nextBlock, line.block + 1)
        }
        // An image, iframe or comment has no text but is still content.
        if (read.length === 0 && !/^\s*<!--/.test(node.value))
          pushContentLine(walk, start, listDepth)
        break
      }
      case 'code': {
        const start = node.position?.start.offset
        const end = node.position?.end.offset
        if (!node.lang && !isFenced(walk, start) && start !== undefined && end !== undefined) {
          indentedProseLines(walk, start, end, listDepth)
        } else {
          pushContentLine(walk, start, listDepth)
        }
        break
      }
      case 'blockquote':
      case 'footnoteDefinition':
        walkBlocks(walk, node.children, listDepth)
        break
      default:
        break
    }
  }
}

/** The logical lines of a document, in order. */
export function documentLines(tree: Root, source: string): Line[] {
  const walk: Walk = {source, lines: [], nextBlock: 0}
  walkBlocks(walk, tree.children, 0)
  return walk.lines
}
