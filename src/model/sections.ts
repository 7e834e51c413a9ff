/**
 * Finds the labelled blocks of a document in its lines, whatever their shape:
 * headings, bold or plain `Label:` lines that open a block, `Label: value`
 * fields in paragraphs, list items and table rows. Each label knows which
 * lines it covers.
 */
import {isDateOnly} from '../time/recognise.js'
import type {Line} from './line.js'
import type {SourceText} from './source-text.js'
import {type AliasTable, isExactAliasLine, kindsOfLabel, type SectionKind} from './vocabulary.js'

export interface Label {
  kinds: readonly SectionKind[]
  /** The label's own text (`Root Cause and Resolution`). */
  text: SourceText
  /** Text after the label's colon on the same line, if any. */
  value?: SourceText
  /** Index of the label's line. */
  line: number
  /** 1-6: a heading; 7: a line that opens a block; 8 and deeper: a field or list item label. */
  rank: number
  /** Lines after the label's line that belong to it, `[line + 1, end)`. */
  end: number
}

/** Ranks of the label shapes. */
export const pseudoHeadingRank = 7
const fieldRank = 8

const maxLabelWords = 7

/** A few words and then a time (`Timeline 9:00 PM ...`). */
const runInLabel = /^([A-Za-z][A-Za-z ]{2,40}?)\s+(?=\d{1,2}[:.]\d{2}\b|\d{1,2}\s?[ap]\.?m\b)/i

function words(text: string): number {
  return text.trim().split(/\s+/).length
}

/**
 * Where a `Label: value` line's label ends: its first colon within 80
 * characters that is outside parentheses, brackets and code (`Timeline
 * (format: time - text):`), not a time's (`Timeline 9:00 PM`) and not a URL's.
 */
function labelColon(value: string): number {
  if (/^[\d:]/.test(value)) return -1
  let depth = 0
  const last = Math.min(value.length, 81)
  for (let index = 1; index < last; index++) {
    const char = value[index]
    if (char === '(' || char === '[') depth++
    else if ((char === ')' || char === ']') && depth > 0) depth--
    else if (char === '`') depth += depth % 2 === 0 ? 1 : -1
    else if (char === ':' && depth === 0) {
      if (value.startsWith('//', index + 1)) return -1
      if (/\d/.test(value[index - 1] ?? '') && /\d/.test(value[index + 1] ?? '')) return -1
      return index
    }
  }
  return -1
}

/** `Label: value`: the label is short and does not start with a digit (`10:30: ...` is a time). */
function splitField(text: SourceText): {label: SourceText; value: SourceText} | undefined {
  const colon = labelColon(text.value)
  if (colon === -1) return undefined
  const label = text.value.slice(0, colon)
  if (words(label.replace(/\([^)]*\)/g, ' ')) > maxLabelWords) return undefined
  return {label: text.slice(0, colon).trim(), value: text.slice(colon + 1).trim()}
}

/** A `--Impact--` or `__Impact__` decoration around a label is not part of its name. */
const decoration = '-=_~*•· \t\r\n\u00a0'
function cleanLabel(text: SourceText): SourceText {
  const value = text.value
  let start = 0
  let end = value.length
  while (start < end && decoration.includes(value[start] as string)) start++
  while (end > start && decoration.includes(value[end - 1] as string)) end--
  return text.slice(start, end)
}

function labelOf(lines: readonly Line[], index: number, aliases: AliasTable): Omit<Label, 'end'>[] {
  const line = lines[index]
  if (!line) return []
  const found: Omit<Label, 'end'>[] = []
  if (line.kind === 'heading') {
    const field = splitField(line.text)
    let text = line.text
    let value: SourceText | undefined
    if (field?.value.value) {
      const labelKinds = kindsOfLabel(field.label.value, aliases, 'heading')
      if (labelKinds.length > 0 || kindsOfLabel(line.text.value, aliases, 'heading').length === 0) {
        text = field.label
        value = field.value
      }
    }
    let kinds = kindsOfLabel(cleanLabel(text).value, aliases, 'heading')
    if (kinds.length === 0 && value) {
      // `Postmortem: Timeline of the outage`
      const rest = kindsOfLabel(value.value, aliases, 'heading')
      if (rest.length > 0 && words(value.value) <= maxLabelWords) {
        kinds = rest
        text = value
        value = undefined
      }
    }
    found.push({
      kinds,
      text: cleanLabel(text),
      line: index,
      rank: line.depth,
      ...(value ? {value} : {}),
    })
    // `## Issue Summary: Duration: 2 hours (...)` also holds a field.
    if (value) {
      const inner = splitField(value)
      if (inner) {
        const innerKinds = kindsOfLabel(inner.label.value, aliases)
        if (innerKinds.length > 0)
          found.push({
            kinds: innerKinds,
            text: inner.label,
            value: inner.value,
            line: index,
            rank: fieldRank,
          })
      }
    }
    return found
  }
  if (line.kind === 'row') {
    const [first, second] = line.cells ?? []
    if (first && second && line.cells?.length === 2) {
      const kinds = kindsOfLabel(first.value, aliases)
      if (kinds.length > 0 && words(first.value) <= maxLabelWords) {
        found.push({
          kinds,
          text: first,
          value: second,
          line: index,
          rank: fieldRank + line.listDepth,
        })
      }
    }
    return found
  }
  // A label sits at the start of a line, before a colon within its first 80 characters.
  const colon = line.text.value.indexOf(':')
  const field = colon !== -1 && colon <= 82 ? splitField(line.text) : undefined
  if (field) {
    const label = cleanLabel(field.label)
    const kinds = kindsOfLabel(label.value, aliases)
    if (kinds.length > 0) {
      const opensBlock = !field.value.value && (line.listDepth === 0 || line.lazy === true)
      const rank = opensBlock ? pseudoHeadingRank : fieldRank + line.listDepth
      found.push({
        kinds,
        text: label,
        ...(field.value.value ? {value: field.value} : {}),
        line: index,
        rank,
      })
      return found
    }
    if (!field.value.value && line.listDepth === 0 && words(label.value) <= 5) {
      // An unknown `Label:` line still opens a block (it ends nothing it is inside).
      found.push({kinds: [], text: label, line: index, rank: pseudoHeadingRank})
    }
    return found
  }
  // A section name run into its first entry: `Timeline 9:00 PM Server down 9:10 PM ...`.
  const runIn = runInLabel.exec(line.text.value)
  if (runIn?.[1]) {
    const kinds = kindsOfLabel(runIn[1], aliases)
    if (kinds.length > 0 && words(runIn[1]) <= 3) {
      const value = line.text.slice(runIn[0].length).trim()
      found.push({
        kinds,
        text: line.text.slice(0, runIn[1].length),
        value,
        line: index,
        rank: fieldRank + line.listDepth,
      })
      return found
    }
  }
  // A short line that is only a section name: `Timeline`, `**Issue Summary**`.
  if (line.text.value.length > 80) return found
  const text = cleanLabel(line.text)
  const exact = isExactAliasLine(text.value, aliases)
  const standalone = line.indexInBlock === 0 || exact
  const name = text.value.replace(/\([^)]*\)/g, ' ')
  // A phrase with a comma (`Complete, action items in progress`) is a sentence, not a name.
  const phrase = name.includes(',') && !exact
  if (text.value && words(name) <= 6 && !/[.!?]$/.test(text.value) && standalone && !phrase) {
    const kinds = kindsOfLabel(text.value, aliases)
    if (kinds.length > 0) {
      const rank = line.listDepth === 0 ? pseudoHeadingRank : fieldRank + line.listDepth
      found.push({kinds, text, line: index, rank})
    }
  }
  return found
}

/**
 * A timeline in the ALX form has its own `Detection:`, `Actions taken:` and
 * `Resolution:` parts; a lone one of those inside it does not end it
 * (`Root Cause and Resolution` does).
 */
const timelineParts = new Set<SectionKind>(['detection', 'trigger', 'resolution'])
function isTimelinePart(label: Omit<Label, 'end'>, next: Omit<Label, 'end'>): boolean {
  return (
    label.kinds.includes('timeline') &&
    next.kinds.length === 1 &&
    timelineParts.has(next.kinds[0] as SectionKind)
  )
}

/** The end of the lines a `Label:` with nothing after its colon introduces, from `from` on. */
function introducedEnd(
  lines: readonly Line[],
  labelAt: ReadonlyMap<number, Omit<Label, 'end'>>,
  line: Line,
  from: number,
): number {
  for (let index = from; index < lines.length; index++) {
    const next = lines[index] as Line
    if (next.kind === 'heading' || labelAt.has(index) || next.listDepth < line.listDepth)
      return index
    if (/:\s*$/.test(next.text.value) && next.listDepth <= line.listDepth) return index
  }
  return lines.length
}

/** Where the block a label opens ends. */
function extentEnd(
  lines: readonly Line[],
  labelAt: ReadonlyMap<number, Omit<Label, 'end'>>,
  label: Omit<Label, 'end'>,
): number {
  const start = label.line
  const line = lines[start]
  if (!line || label.kinds.length === 0) return start + 1
  // `- Impact:` over the next item, `Impact: ... resulting in:` over the lines after it.
  const introduces =
    label.rank > pseudoHeadingRank &&
    line.kind === 'paragraph' &&
    (!label.value?.value || label.value.value.endsWith(':'))
  for (let index = start + 1; index < lines.length; index++) {
    const next = lines[index]
    if (!next) break
    const nextLabel = labelAt.get(index)
    const opensSection =
      nextLabel !== undefined &&
      nextLabel.rank === pseudoHeadingRank &&
      nextLabel.kinds.length > 0 &&
      !isTimelinePart(label, nextLabel)
    if (label.rank <= 6) {
      // `## Timeline` over `## May 12`: a date heading at the timeline's rank goes on with it.
      const dateHeading = label.kinds.includes('timeline') && isDateOnly(next.text.value)
      if (next.kind === 'heading' && next.depth <= label.rank && !dateHeading) return index
      if (opensSection && !nextLabel.kinds.every((kind) => label.kinds.includes(kind))) return index
    } else if (label.rank === pseudoHeadingRank) {
      if (next.kind === 'heading') return index
      if (opensSection) return index
    } else if (line.kind === 'heading' || line.kind === 'row') {
      return index
    } else if (
      introduces &&
      index === start + 1 &&
      !nextLabel &&
      next.listDepth <= line.listDepth
    ) {
      // The lines it introduces: up to the next label, heading or shallower line.
      return introducedEnd(lines, labelAt, line, index)
    } else if (line.listDepth > 0 && next.listDepth > line.listDepth) {
    } else if (next.block === line.block && !nextLabel) {
    } else {
      return index
    }
  }
  return lines.length
}

/** Every label of the document, each with the lines it covers. */
export function findLabels(lines: readonly Line[], aliases: AliasTable): Label[] {
  const partial: Omit<Label, 'end'>[] = []
  for (let index = 0; index < lines.length; index++) partial.push(...labelOf(lines, index, aliases))
  const labelAt = new Map<number, Omit<Label, 'end'>>()
  for (const label of partial) if (!labelAt.has(label.line)) labelAt.set(label.line, label)
  return partial.map((label) => ({...label, end: extentEnd(lines, labelAt, label)}))
}

/**
 * ` - 11:00 AM: ...` or ` - Impact: ...` inside a line: an entry or field
 * merged onto the line before; `, Impact: 25% of users` after a field's value:
 * a second field.
 */
const mergedBreak = /\s[-–•]\s+(?=\S)|[,;]\s+(?=[A-Z*_])/g
const leadingTime =
  /^\d{1,2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?\s*(?:\([^)]*\)|[A-Z]{2,5})?\s*[:–-]|^\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?\s+(?=[A-Z])/i
/** Text that ends with a date (`Start Time: [15/02/2024`): a dash after it joins the date to its time. */
const endsWithDate =
  /(?:\b\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?(?:,?\s+\d{4})?)\s*$/i
/** Text that is only a date or time (`[15/02/2024`, `14:00`): a dash after it joins, not splits. */
const onlyDateOrTime = /^[\s[(*_]*[\d/.:\s-]+(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,5})?[\s\])*_]*$/i

/**
 * Split lines where authors merged several list items onto one line
 * (`- 10:50 AM: ... - 11:00 AM: ...`, `- Duration: ... - Impact: ...`,
 * `Duration: 3 hours, Impact: 25% of users`).
 */
export function splitMergedLines(lines: readonly Line[], aliases: AliasTable): Line[] {
  const result: Line[] = []
  for (const line of lines) {
    const inline = inlineEntryCuts(line.text.value)
    if (inline.length > 0) {
      pushParts(result, line, inline)
      continue
    }
    if (line.kind !== 'paragraph' || !/\s[-–•]\s|[,;]\s+[A-Z*_]/.test(line.text.value)) {
      result.push(line)
      continue
    }
    const value = line.text.value
    const cuts: number[] = []
    let from = 0
    for (const match of value.matchAll(mergedBreak)) {
      const at = match.index ?? 0
      const rest = value.slice(at + match[0].length)
      const field = splitField(line.text.slice(at + match[0].length))
      const isLabel =
        field !== undefined && kindsOfLabel(cleanLabel(field.label).value, aliases).length > 0
      const isDash = !/^[,;]/.test(match[0])
      // `[15/02/2024 - 15:00]`, `14:00 - Detection: ...`: the dash joins a date or time to what follows.
      if (
        isDash &&
        (onlyDateOrTime.test(value.slice(from, at)) || endsWithDate.test(value.slice(from, at)))
      )
        continue
      if ((isDash && leadingTime.test(rest)) || isLabel) {
        cuts.push(at)
        from = at
      }
    }
    if (cuts.length === 0) result.push(line)
    else pushParts(result, line, cuts)
  }
  return result
}

/** The parts of `line` between `cuts`, each a line of its own (the first keeps the line's shape). */
function pushParts(result: Line[], line: Line, cuts: readonly number[]): void {
  let start = 0
  for (const [index, cut] of [...cuts, line.text.value.length].entries()) {
    const part = line.text.slice(start, cut).trim()
    if (part.value) {
      const text = index === 0 ? part : part.slice(/^[-–•,;]\s*/.exec(part.value)?.[0].length ?? 0)
      result.push(
        index === 0
          ? {...line, text}
          : {...line, text, itemStart: line.listDepth > 0, indexInBlock: 0, lazy: false},
      )
    }
    start = cut
  }
}

/** A clock that may start an entry, and the word before it. */
const inlineClock = /(\S+)\s+(\d{1,2}:\d{2}(?:\s?[ap]\.?m\.?)?)(?=\s+[A-Z]|\s*[:–-]\s)/gi
/** Words after which a clock is part of a sentence (`at 9:10 PM`), not a new entry. */
const clockInSentence =
  /^(?:at|by|until|till|from|to|around|about|since|before|after|between|and|or|the|on|approximately|approx\.?|~|of|in)$/i

/**
 * `9:00 PM Server down 9:10 PM Error logs checked 9:20 PM ...`: a line that
 * opens with a clock (after a section name, maybe) and runs several entries
 * together; cut before each clock that opens another.
 */
function inlineEntryCuts(value: string): number[] {
  const lead = runInLabel.exec(value)?.[0].length ?? 0
  if (!/^\d{1,2}:\d{2}/.test(value.slice(lead).replace(/^[\s*_[(-]+/, ''))) return []
  const cuts: number[] = []
  for (const match of value.slice(lead).matchAll(inlineClock)) {
    const word = (match[1] ?? '').replace(/[^\w~.]/g, '')
    if (!word || clockInSentence.test(word)) continue
    cuts.push(lead + (match.index ?? 0) + (match[0].length - (match[2]?.length ?? 0)))
  }
  return cuts.length >= 2 ? cuts : []
}
