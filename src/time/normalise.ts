/**
 * Rewrites timestamp text into forms chrono-node reads, keeping a map from
 * every output character back to its offset in the input. Also the guard
 * against chrono-node's slow paths: whitespace runs are collapsed (a time
 * followed by a long run of spaces is quadratic) and the length is capped.
 */

export interface NormalisedText {
  text: string
  /** `sourceOffsets[i]` is the input offset of output character `i`, one extra entry for the end; absent when the text was not rewritten. */
  sourceOffsets?: number[]
}

/** Longest text handed to chrono-node in one call; timestamps sit at the start of a line. */
const maxRecognisedLength = 400

const dottedDate = /^(?:0?[1-9]|[12]\d|3[01])\.(?:0?[1-9]|1[0-2])\.(?:\d{2}|\d{4})$/

interface Rewrite {
  pattern: RegExp
  replace: (match: RegExpExecArray) => string
}

const rewrites: Rewrite[] = [
  // Any run of white space becomes one space.
  {pattern: /\s{2,}|[\t\n\r\f\v\u00a0]/g, replace: () => ' '},
  // `11:26-am-GMT` → `11:26 am GMT`
  {pattern: /(\d)-([ap]\.?m\.?)-/gi, replace: (m) => `${m[1]} ${m[2]} `},
  // `4: 45 am`, `10 :30` → `4:45 am`, `10:30`
  {pattern: /\b(\d{1,2})(?: :|: | : )(\d{2})\b/g, replace: (m) => `${m[1]}:${m[2]}`},
  // `14h30` → `14:30`
  {pattern: /\b([01]?\d|2[0-3])h([0-5]\d)\b/g, replace: (m) => `${m[1]}:${m[2]}`},
  // `2100hrs`, `2100 hours`, `1430Z`, `1400 UTC` → `21:00 hrs`, `14:30 Z`, `14:00 UTC`
  {
    pattern: /\b([01]\d|2[0-3])([0-5]\d) ?(hrs?|hours|Z|UTC|GMT)\b/g,
    replace: (m) =>
      `${m[1]}:${m[2]} ${m[3] === 'hrs' || m[3] === 'hr' || m[3] === 'hours' ? '' : m[3]}`,
  },
  // `14:00Z` → `14:00 Z`
  {pattern: /(\d:\d{2})Z\b/g, replace: (m) => `${m[1]} Z`},
  // `2022-02-02 1625` → `2022-02-02 16:25`
  {
    pattern: /\b(\d{4}-\d{2}-\d{2})[ T]([01]\d|2[0-3])([0-5]\d)\b/g,
    replace: (m) => `${m[1]} ${m[2]}:${m[3]}`,
  },
  // `20:00 to 2024-08-02 21:30`: chrono reads `to 2024` as a clock (20:24); a dash it reads as a range.
  {pattern: /\s(?:to|until|till|through)\s(?=\d{4}-\d{1,2}-\d{1,2}\b)/gi, replace: () => ' - '},
  // `00:15 AM` is 12:15 AM, which chrono reads; it rejects the odd form.
  {pattern: /(?<![\d:])00:(\d{2})(?=\s?[aA]\.?[mM]\b)/g, replace: (m) => `12:${m[1]}`},
  // `18:00-24:00`: chrono has no 24:00; it reads 23:59, and the recogniser puts the end of the day back.
  {pattern: /(?<![\d:])24:00(?!:?\d)/g, replace: () => '23:59'},
  // `May 11th, 2022 | 7:00 AM`: a date and its time in columns of a line (not a table) are one moment.
  {pattern: /(\d(?:st|nd|rd|th)?)\s*\|\s*(?=\d{1,2}[:.]\d{2})/g, replace: (m) => `${m[1]} `},
  // `01-10-2024`: a numeric date with dashes, read as one with slashes.
  {
    pattern: /\b(\d{1,2})-(\d{1,2})-(\d{4})\b/g,
    replace: (m) => `${m[1]}/${m[2]}/${m[3]}`,
  },
  // `0.38.15`, `10.0.0.80`, `v1.2.3`: a version or an address, never a time (`15.02.2024` is a date).
  {
    pattern: /\bv?\d+(?:\.\d+){2,}\b/g,
    replace: (m) => (dottedDate.test(m[0]) ? m[0] : '_'.repeat(m[0].length)),
  },
]

function applyRewrite(input: Required<NormalisedText>, rewrite: Rewrite): Required<NormalisedText> {
  const {text, sourceOffsets} = input
  rewrite.pattern.lastIndex = 0
  if (!rewrite.pattern.test(text)) return input
  let output = ''
  const offsets: number[] = []
  let last = 0
  rewrite.pattern.lastIndex = 0
  for (let match = rewrite.pattern.exec(text); match; match = rewrite.pattern.exec(text)) {
    output += text.slice(last, match.index)
    for (let index = last; index < match.index; index++) offsets.push(sourceOffsets[index] ?? 0)
    const replacement = rewrite.replace(match)
    for (let index = 0; index < replacement.length; index++) {
      const from = match.index + Math.min(index, match[0].length - 1)
      offsets.push(sourceOffsets[from] ?? 0)
    }
    output += replacement
    last = match.index + match[0].length
    if (match[0].length === 0) rewrite.pattern.lastIndex++
  }
  output += text.slice(last)
  for (let index = last; index <= text.length; index++) offsets.push(sourceOffsets[index] ?? 0)
  return {text: output, sourceOffsets: offsets}
}

function identity(text: string): Required<NormalisedText> {
  return {text, sourceOffsets: Array.from({length: text.length + 1}, (_, index) => index)}
}

/** Normalise `text` (already cut to the part worth reading) for recognition. */
export function normaliseTimeText(text: string, maxLength = maxRecognisedLength): NormalisedText {
  const capped = text.length > maxLength * 2 ? text.slice(0, maxLength * 2) : text
  // Most lines need no rewrite; the offset map is only built for those that do.
  const needsRewrite = rewrites.some((rewrite) => {
    rewrite.pattern.lastIndex = 0
    return rewrite.pattern.test(capped)
  })
  if (!needsRewrite) return {text: capped.length > maxLength ? capped.slice(0, maxLength) : capped}
  let result = identity(capped)
  for (const rewrite of rewrites) result = applyRewrite(result, rewrite)
  if (result.text.length > maxLength) {
    result = {
      text: result.text.slice(0, maxLength),
      sourceOffsets: result.sourceOffsets.slice(0, maxLength + 1),
    }
  }
  return result
}
