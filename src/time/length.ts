/**
 * Stated lengths of an outage: `2 hours`, `4.5h`, `90 minutes`,
 * `2 hours and 45 minutes`, `an hour and a half`, `1h31m`, `45-minute`, and
 * in prose, the length an outage is said to have lasted (`down for 66
 * minutes`, `lasted approximately nine hours`, `a 45-minute outage`).
 */

export interface StatedLength {
  start: number
  end: number
  text: string
  ms: number
}

const numberWords: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  fifteen: 15,
  twenty: 20,
  thirty: 30,
  forty: 40,
  'forty-five': 45,
  fifty: 50,
  ninety: 90,
}

const unitMs: Record<string, number> = {d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000}

const quantity = `(\\d+(?:\\.\\d+)?|${Object.keys(numberWords).join('|')})`
const unit = '(days?|hours?|hrs?|h|minutes?|mins?|m|seconds?|secs?|s)'
const part = `${quantity}(?:\\s*|-)${unit}(?![a-z])`
const lengthPattern = new RegExp(
  `(?<![\\w:.])${part}(?:(?:\\s*,\\s*|\\s+and\\s+|\\s*)(?:${part}|(a half|and a half)))?(?:\\s+and\\s+a\\s+half)?`,
  'gi',
)

function partMs(amount: string | undefined, unitText: string | undefined): number {
  if (!amount || !unitText) return 0
  const value = numberWords[amount.toLowerCase()] ?? Number(amount)
  const key =
    unitText.toLowerCase().startsWith('mi') || unitText.toLowerCase() === 'm'
      ? 'm'
      : (unitText[0]?.toLowerCase() ?? 'm')
  return value * (unitMs[key] ?? 60_000)
}

/** Every stated length in `text`, in order. */
export function findStatedLengths(text: string): StatedLength[] {
  const lengths: StatedLength[] = []
  for (const match of text.matchAll(lengthPattern)) {
    const firstUnit = match[2] ?? ''
    // A bare `m` or `s` after a number is too often something else (`5 m users`); keep h/d and words.
    if (/^[ms]$/i.test(firstUnit) && !match[0].includes('h')) continue
    let ms = partMs(match[1], match[2]) + partMs(match[3], match[4])
    if (/a half/i.test(match[0])) ms += partMs('1', match[4] ?? match[2]) / 2
    if (ms <= 0) continue
    const index = match.index ?? 0
    lengths.push({start: index, end: index + match[0].length, text: match[0], ms})
  }
  return lengths
}

/** How exactly a written length is meant: `about 2 hours`, `over 2 hours`, `under 2 hours`. */
type LengthBound = 'exact' | 'about' | 'at least' | 'at most'

export interface WrittenLength extends StatedLength {
  bound: LengthBound
}

const qualifier =
  '(?:(about|around|approximately|approx\\.?|roughly|nearly|almost|some|~|circa)|(over|more than|at least|upwards of|just over|a little over|slightly over)|(under|less than|at most|no more than|within|just under))?\\s*'
/** Words that say an outage lasted a length: `down for`, `lasted`, `an outage of`, `for a total of`. */
const before =
  '(?:(?:was|were|went|been|being|is|are)\\s+)?(?:down|offline|unavailable|inaccessible|unreachable|unresponsive|degraded|disrupted|interrupted|halted|stalled|broken|out of service)\\s+for|\\b(?:lasted|lasting|persisted|persisting|spanned|spanning)(?:\\s+for)?|\\b(?:outage|downtime|disruption|incident)\\s+(?:of|lasting|that lasted)|\\bfor a total of|\\ba total (?:downtime|outage) of'
const lengthInProse = new RegExp(
  `(?:${before})\\s+(?:a period of\\s+|a total of\\s+)?${qualifier}$`,
  'i',
)
/** `a 45-minute outage`, `3 hours of downtime`. */
const after =
  /^\s*(?:long\s+)?(?:outage|downtime|disruption|interruption|of (?:downtime|outage|disruption))\b/i

/**
 * The lengths an outage is said to have lasted in `text` (a summary or impact
 * statement), with how exactly each is meant.
 */
export function findWrittenOutageLengths(text: string): WrittenLength[] {
  const found: WrittenLength[] = []
  for (const length of findStatedLengths(text)) {
    const lead = lengthInProse.exec(text.slice(Math.max(0, length.start - 60), length.start))
    if (lead) {
      const bound: LengthBound = lead[1]
        ? 'about'
        : lead[2]
          ? 'at least'
          : lead[3]
            ? 'at most'
            : 'exact'
      found.push({...length, bound})
    } else if (after.test(text.slice(length.end, length.end + 30))) {
      const word = /(about|around|approximately|roughly|nearly|almost|~)\s*$/i.test(
        text.slice(Math.max(0, length.start - 16), length.start),
      )
      found.push({...length, bound: word ? 'about' : 'exact'})
    }
  }
  return found
}
