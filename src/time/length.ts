/**
 * Stated lengths of an outage: `2 hours`, `4.5h`, `90 minutes`,
 * `2 hours and 45 minutes`, `an hour and a half`, `1h31m`, `approximately nine hours`.
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
const part = `${quantity}\\s*${unit}(?![a-z])`
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
