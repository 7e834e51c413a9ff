/**
 * Text that fixes insert, written in the document's own shapes: its line
 * endings, and a new section label in the style of the labels it already has
 * (`## Root Cause`, `**Root Cause:**`, `Root Cause:`, `<h2>Root Cause</h2>`,
 * a setext heading), or a new field in the style of an existing one.
 */

import type {Label} from './sections.js'
import {pseudoHeadingRank} from './sections.js'
import type {SourceText} from './source-text.js'
import type {Incident} from './types.js'
import type {SectionKind} from './vocabulary.js'

/** What a fix adds at a file offset. */
export interface Insertion {
  offset: number
  text: string
}

/** The placeholder a scaffolded section gets (`postmortem-no-placeholders` keeps it visible). */
const sectionPlaceholder = 'TODO'

/** The line ending the file mostly uses (one pass, no copies: fixes run on large files too). */
function lineEnding(source: string): string {
  let lineFeeds = 0
  let crlf = 0
  for (let index = source.indexOf('\n'); index !== -1; index = source.indexOf('\n', index + 1)) {
    lineFeeds++
    if (source[index - 1] === '\r') crlf++
  }
  return crlf > 0 && crlf * 2 >= lineFeeds ? '\r\n' : '\n'
}

/** Start and end (before its line ending) of the source line holding `offset`. */
function sourceLineAt(source: string, offset: number): {start: number; end: number} {
  const start = source.lastIndexOf('\n', offset - 1) + 1
  let end = source.indexOf('\n', offset)
  if (end === -1) end = source.length
  if (end > start && source[end - 1] === '\r') end--
  return {start, end}
}

/** What may stand before and after a section label on its line. */
const labelPrefix = /^[ \t]{0,3}(?:#{1,6}[ \t]+|<h[1-6]>|<strong>|<b>|\*\*|__)?$/i
const labelSuffix = /^(?:[:*_# \t]*|:?<\/(?:h[1-6]|strong|b)>:?[ \t]*)$/i

interface LabelShape {
  /** The label's line with the title swapped in (and a setext underline). */
  lines: (title: string) => string[]
  html: boolean
}

/** The shape of a label that opens a section, to write a sibling like it. */
function labelShape(incident: Incident, source: string, label: Label): LabelShape | undefined {
  if (label.rank > pseudoHeadingRank || label.value?.value) return undefined
  const range = label.text.fileRange(0, label.text.value.length)
  if (!range) return undefined
  const line = sourceLineAt(source, range.start)
  const prefix = source.slice(line.start, range.start)
  const suffix = source.slice(range.end, line.end).trimEnd()
  if (!labelPrefix.test(prefix) || !labelSuffix.test(suffix)) return undefined
  const html = prefix.trimStart().startsWith('<')
  const depth = incident.lines[label.line]?.depth ?? 0
  if (depth > 0 && depth <= 2 && !html && !prefix.includes('#')) {
    const underline = depth === 1 ? '=' : '-'
    return {html, lines: (title) => [title, underline.repeat(Math.max(3, title.length))]}
  }
  return {html, lines: (title) => [`${prefix}${title}${suffix}`]}
}

/**
 * Where a missing section goes and what is inserted: before the first section
 * that the template puts after it, else after the last one it puts before it.
 * Sections at the document's own level and above count as places (a `##
 * Timeline` among `###` sections does); the new label is written like the
 * nearest section at the document's level, with a placeholder line under it.
 */
export function sectionInsertion(
  incident: Incident,
  source: string,
  kind: SectionKind,
  order: readonly SectionKind[],
  title: string,
): Insertion | undefined {
  const position = order.indexOf(kind)
  const present: {label: Label; index: number}[] = []
  for (const [index, other] of order.entries()) {
    if (other === kind) continue
    const label = incident.sections.get(other)?.find((found) => found.rank <= pseudoHeadingRank)
    if (label) present.push({label, index})
  }
  // The document's section level: the rank most of its section labels have.
  const rankCounts = new Map<number, number>()
  for (const {label} of present) rankCounts.set(label.rank, (rankCounts.get(label.rank) ?? 0) + 1)
  const level = [...rankCounts].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0]
  if (level === undefined) return undefined
  const places = present.filter(({label}) => label.rank <= level)
  const siblings = present.filter(({label}) => label.rank === level).map(({label}) => label)
  /** The label to copy: the section at the document's level nearest to `line`. */
  const shapeNear = (line: number) => {
    let nearest: Label | undefined
    for (const sibling of siblings)
      if (!nearest || Math.abs(sibling.line - line) < Math.abs(nearest.line - line))
        nearest = sibling
    return nearest && labelShape(incident, source, nearest)
  }
  const eol = lineEnding(source)

  const later = places
    .filter(({index}) => index > position)
    .sort((a, b) => a.label.line - b.label.line)[0]?.label
  if (later) {
    const shape = shapeNear(later.line)
    const range = later.text.fileRange(0, 0)
    if (!shape || !range) return undefined
    return sectionBefore(source, sourceLineAt(source, range.start).start, shape, title, eol)
  }

  const earlier = places
    .filter(({index}) => index < position)
    .sort((a, b) => b.label.line - a.label.line)[0]?.label
  if (!earlier) return undefined
  const shape = shapeNear(earlier.line)
  if (!shape) return undefined
  const next = incident.lines[earlier.end]
  if (next) {
    // After the earlier section's extent: only where another label of its level opens.
    const nextLabel = incident.labels.find((label) => label.line === earlier.end)
    const range = next.text.fileRange(0, 0)
    if (!nextLabel || nextLabel.rank > earlier.rank || !range) return undefined
    return sectionBefore(source, sourceLineAt(source, range.start).start, shape, title, eol)
  }
  const ending = source.length === 0 || source.endsWith('\n') ? '' : eol
  const block = ['', ...shape.lines(title), ...(shape.html ? [] : ['']), placeholderLine(shape), '']
  return {offset: source.length, text: ending + block.join(eol)}
}

/** A section inserted at the start of the line at `offset`. */
function sectionBefore(
  source: string,
  offset: number,
  shape: LabelShape,
  title: string,
  eol: string,
): Insertion {
  const block = [...shape.lines(title), ...(shape.html ? [] : ['']), placeholderLine(shape), '']
  if (shape.html) return {offset, text: block.join(eol)}
  // A label right under a paragraph line would join that paragraph.
  const needsBlankLine =
    offset > 0 && !/\n[ \t]*\r?\n$/.test(source.slice(Math.max(0, offset - 8), offset))
  return {offset, text: (needsBlankLine ? eol : '') + block.join(eol) + eol}
}

function placeholderLine(shape: LabelShape): string {
  return shape.html ? `<p>${sectionPlaceholder}</p>` : sectionPlaceholder
}

/**
 * A new `label: value` field on the line after `model`'s, in its style
 * (`- **End time:** 16:30` → `- **Duration:** 2 h 30 min`, table rows too),
 * as a replacement of `model`'s value by itself and the new line: a message
 * placed on that value survives remark-lint's message control, which drops
 * messages placed between nodes.
 */
export function fieldAfter(
  source: string,
  model: Label,
  name: string,
  value: string,
): {replace: SourceText; with: string} | undefined {
  const modelValue = model.value
  const labelRange = model.text.fileRange(0, model.text.value.length)
  const valueRange = modelValue?.fileRange(0, modelValue.value.length)
  if (!modelValue || !labelRange || !valueRange || valueRange.start < labelRange.end)
    return undefined
  const line = sourceLineAt(source, labelRange.start)
  if (valueRange.end > line.end) return undefined
  // The model's line goes on after its value (`</li>`, ` |`), and so does the new one.
  const newLineHead = [
    source.slice(line.start, labelRange.start),
    name,
    source.slice(labelRange.end, valueRange.start),
    value,
  ].join('')
  return {
    replace: modelValue,
    with: [source.slice(valueRange.start, line.end), lineEnding(source), newLineHead].join(''),
  }
}
