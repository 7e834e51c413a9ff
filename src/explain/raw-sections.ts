/**
 * Sections as the raw lines show them, found without the model's outline:
 * ATX and setext headings, `<h2>` lines, bold lines (`**Timeline:**`) and
 * plain `Label:` lines, each with a rank, and the lines a section covers.
 * Deliberately simple; the detectors compare it with what the model read.
 */
import type {DocumentText} from './text.js'

export interface RawHeading {
  /** 1-based line number. */
  line: number
  /** 1-6 for headings; 7 for a bold or `Label:` line. */
  rank: number
  name: string
}

const atx = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/
const setext = /^\s{0,3}(=+|-+)\s*$/
const html = /^\s*<h([1-6])\b[^>]*>(.*?)<\/h\1>/i
const bold = /^\s*(?:\*\*|__)([^*_]{1,80}?)(?:\*\*|__)\s*:?\s*$/
const boldColon = /^\s*(?:\*\*|__)([^*_]{1,80}?):(?:\*\*|__)\s*$/
const plainLabel = /^([A-Z][\w &/'(),-]{1,60}):\s*$/
const fence = /^\s{0,3}(```|~~~)/

const clean = (text: string) =>
  text
    .replace(/<[^>]*>|[*_`]/g, '')
    .replace(/[:\s]+$/, '')
    .trim()

/** The document's heading-like lines, outside code and front matter. */
export function rawHeadings(document: DocumentText): RawHeading[] {
  const headings: RawHeading[] = []
  const {lines} = document
  let inFence = false
  let first = 0
  if (/^(---|\+\+\+)\s*$/.test(lines[0]?.text ?? '')) {
    const close = lines.findIndex(
      (line, index) => index > 0 && /^(---|\+\+\+|\.\.\.)\s*$/.test(line.text),
    )
    if (close > 0) first = close + 1
  }
  for (let index = first; index < lines.length; index++) {
    const text = lines[index]?.text ?? ''
    if (fence.test(text)) {
      inFence = !inFence
      continue
    }
    if (inFence) continue
    const next = lines[index + 1]?.text ?? ''
    const line = index + 1
    const found = atx.exec(text) ?? undefined
    if (found) {
      headings.push({line, rank: (found[1] ?? '#').length, name: clean(found[2] ?? '')})
      continue
    }
    const tag = html.exec(text)
    if (tag) {
      headings.push({line, rank: Number(tag[1]), name: clean(tag[2] ?? '')})
      continue
    }
    if (
      text.trim() &&
      !/^\s*([-*+]|\d+[.)])\s/.test(text) &&
      setext.test(next) &&
      !/^\s*$/.test(text) &&
      (next.trim().startsWith('=') ||
        (lines[index - 1]?.text ?? '').trim() === '' ||
        index === first)
    ) {
      headings.push({line, rank: next.trim().startsWith('=') ? 1 : 2, name: clean(text)})
      index++
      continue
    }
    const strong = boldColon.exec(text) ?? bold.exec(text)
    if (strong) {
      headings.push({line, rank: 7, name: clean(strong[1] ?? '')})
      continue
    }
    const label = plainLabel.exec(text)
    if (label?.[1] && label[1].split(/\s+/).length <= 6)
      headings.push({line, rank: 7, name: clean(label[1])})
  }
  return headings
}

/** The last line (1-based, inclusive) of the section a heading opens: up to the next heading of its rank or higher. */
export function sectionEnd(
  document: DocumentText,
  headings: readonly RawHeading[],
  heading: RawHeading,
): number {
  const next = headings.find((other) => other.line > heading.line && other.rank <= heading.rank)
  let end = next ? next.line - 1 : document.lines.length
  while (end > heading.line && !(document.lines[end - 1]?.text ?? '').trim()) end--
  return end
}

/** Timeline names, broader than the vocabulary's. */
export const timelineName =
  /\b(?:time\s?line|chronology|sequence of events|events|timeline of events)\b/i
