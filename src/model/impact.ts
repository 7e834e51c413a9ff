/**
 * Reads an impact statement for the share of users or requests it affected:
 * percentages (`75%`, `75 percent`), share words (`all users`, `half of`,
 * `no customers`) and counts with their total (`1,200 of 40,000 users`).
 * Percentages of a resource (`CPU at 95%`) and vague words (`many`) are not shares.
 * The statements are the impact sections and fields outside the timeline, the
 * front matter's `impact:`, else the summary.
 */
import type {FrontMatter} from './front-matter.js'
import {labelBody, summaryLines} from './outline.js'
import type {SourceText} from './source-text.js'
import type {ImpactStatement, Outline, Percentage, ShareReading} from './types.js'

const percentagePattern =
  /(?<![\w.])(\d{1,3}(?:[.,]\d+)?|\d+(?:\.\d+)?)\s?(%|percent\b|per cent\b)/gi
const resourceWords =
  /\b(?:cpu|memory|ram|heap|disk|disks|storage|load|utili[sz]ation|usage|capacity|bandwidth|battery|swap|quota|inode|inodes|space|full|saturat\w*|cache hit)\b/i
const rateWords =
  /\b(?:error|errors|failure|failures|fail|failed|success|requests?|traffic|calls?|transactions?|users?|customers?|rate)\b/i
const population =
  /^\s*(?:of\s+)?(?:(?:the|our|all|its|their|total|active|affected)\s+)*([a-z][a-z-]+(?:\s+base)?)/i

const populationNouns =
  'users?|customers?|clients?|visitors?|requests?|traffic|calls?|queries|accounts?|tenants?|sites?|websites?|merchants?|members?|players?|subscribers?|people|transactions?|orders?|logins?|sessions?|connections?|deploy(?:ment)?s|builds?|jobs?|merges?|prs?|pull requests?|pages?|services?|regions?|endpoints?|students?|learners?|employees?|staff|branch(?:es)?|offices?|stores?|shops?|teams?|developers?|organi[sz]ations?|companies|businesses|partners?|apps?|applications?|attempts?|emails?|messages?|notifications?|devices?|households?|patients?|drivers?|riders?|passengers?|buyers?|sellers?|vendors?|agents?|downloads?|uploads?|payments?|purchases?|checkouts?|searches|the (?:site|website|service|platform|application|app|api)|user base|customer base'
const shareWordPattern = new RegExp(
  String.raw`\b(?:(?:all|every|each|the entire|entire|the whole|whole|no|none of(?: the| our)?)\s+(?:(?:of\s+)?[a-z-]+\s+){0,2}(?:${populationNouns})\b|(?:half|a third|one third|two thirds|a quarter|one quarter|three quarters|a fifth|one in \w+)\s+of\b|\b(?:everyone|everybody|no one|nobody|anyone)\b)`,
  'gi',
)
/** An outage of everything, in words: `a complete outage`, `total loss of service`. */
const totalOutage =
  /\b(?:complete|total|full|entire|100%)\s+(?:service\s+)?(?:outage|loss of service|downtime|blackout|unavailability)\b/gi
/** What every pattern below needs somewhere in the text. */
const anyShare =
  /%|percent|per cent|\b(?:all|every|each|entire|whole|no|none|half|thirds?|quarters?|fifth|one in|everyone|everybody|nobody|anyone|complete|total|full|not)\b|\d\s+(?:of|out of)\s/i
const noShares: ShareReading = Object.freeze({percentages: [], shareWords: []}) as ShareReading

/** `Not all users`, `not every customer`: a vague share, not all of them. */
const negated = /\bnot\s+$/i
/** No one affected, said in words: `users were not affected`, `no impact to ordinary users`. */
const noneAffected =
  /\b(?:no|zero)\s+(?:\w+\s+)?(?:users?|customers?|clients?|members?)\s+(?:were|was|have been|has been)\s+(?:affected|impacted)\b|\b(?:users?|customers?|clients?|we|they)\s+(?:were|was)\s+not\s+(?:affected|impacted)\b|\bno\s+(?:\w+\s+)?impact\s+(?:to|on|for)\s+(?:\w+\s+)?(?:users?|customers?|clients?)\b|\bno\s+(?:user|customer|client)[- ](?:facing\s+)?impact\b/gi
/** A rise, not a share: `grew by 30%`, `a 30% increase` (a `65% drop in successful transactions` is one). */
const changeBefore =
  /\b(?:grew|grow|grown|increased?|rose|risen|jumped|spiked|climbed|up)\s+(?:by\s+)?(?:about\s+|around\s+|~)?$/i
const changeAfter = /^\s*(?:increase|growth|rise|jump|spike|more|higher|faster)\b/i
const countWithTotal = /\b\d[\d,.]*\s+(?:of|out of)\s+(?:the\s+|our\s+|all\s+)?\d[\d,.]*\b/gi

function isResourcePercentage(text: string, start: number, end: number): boolean {
  const before = text.slice(Math.max(0, start - 40), start)
  const after = text.slice(end, end + 30)
  const beforeWords = before.split(/\s+/).slice(-5).join(' ')
  const afterWords = after.split(/\s+/).slice(0, 4).join(' ')
  // `error rate of 12%`, `5% of requests failed` are rates of requests, not resources.
  if (/^\s*of\b/i.test(after) && rateWords.test(afterWords)) return false
  if (rateWords.test(beforeWords) && !resourceWords.test(beforeWords)) return false
  return resourceWords.test(beforeWords) || resourceWords.test(afterWords)
}

/** Each share pattern after the cheap test of a word it needs. */
const sharePatterns: [RegExp, RegExp][] = [
  [
    /\b(?:all|every|each|entire|whole|no|none|half|thirds?|quarters?|fifth|one in|everyone|everybody|nobody|anyone)\b/i,
    shareWordPattern,
  ],
  [/\d\s+(?:of|out of)\s/i, countWithTotal],
  [/\b(?:no|not)\b/i, noneAffected],
  [/\b(?:complete|total|full|entire)\b|100%/i, totalOutage],
]

function readShares(text: string): ShareReading {
  // Every share has a `%`, a share word or a count with its total: most lines have none of them.
  if (!anyShare.test(text)) return noShares
  const percentages: Percentage[] = []
  const patterns = sharePatterns.filter(([cheap]) => cheap.test(text)).map(([, pattern]) => pattern)
  for (const match of /%|per\s?cent/i.test(text) ? text.matchAll(percentagePattern) : []) {
    const start = match.index ?? 0
    const end = start + match[0].length
    if (isResourcePercentage(text, start, end)) continue
    const before = text.slice(Math.max(0, start - 24), start)
    if (changeBefore.test(before) || changeAfter.test(text.slice(end, end + 16))) continue
    const value = Number((match[1] ?? '').replace(',', '.'))
    const after = population.exec(text.slice(end, end + 60))
    const percentage: Percentage = {start, end, text: match[0], value}
    const noun = after?.[1]?.toLowerCase().replace(/s$/, '')
    if (noun && /^of\b/i.test(text.slice(end).trim())) percentage.population = noun
    percentages.push(percentage)
  }
  const shareWords: ShareReading['shareWords'] = []
  for (const pattern of patterns) {
    for (const match of text.matchAll(pattern)) {
      const start = match.index ?? 0
      if (pattern === shareWordPattern && negated.test(text.slice(Math.max(0, start - 8), start)))
        continue
      shareWords.push({start, end: start + match[0].length, text: match[0]})
    }
  }
  return {percentages, shareWords}
}

/** Words that make a sentence speak of the incident's impact (`unable`, `affected`, `errors`). */
const impactWords =
  /\b(?:affect\w*|impact\w*|unable|inability|could not|couldn't|cannot|can't|failed|failing|fail(?:s|ures?)?|errors?|down|outage|lost|losing|experienc\w*|saw|seeing|faced|facing|suffer\w*|hit|struggl\w*|unavailable|inaccessible|unreachable|slow\w*|degraded|timeouts?|timed out|blocked|prevented|disrupt\w*|interrupt\w*|broken|denied|rejected|delayed|blackout|issues?|problems?|trouble|access\w*)\b/i

/**
 * In a summary read for want of an impact statement, only shares in
 * sentences about the impact count: `all clients tried to retry` or `used by
 * all users from now on` says nothing of who was affected.
 */
function aboutImpact(
  text: string,
  reading: ShareReading,
  around: {before: string; after: string},
): ShareReading {
  // The share's sentence; one that runs on past the line takes in the line before or after.
  const sentenceAt = (offset: number) => {
    const start = Math.max(text.lastIndexOf('.', offset - 1), text.lastIndexOf(';', offset - 1))
    const stops = ['.', ';'].map((stop) => text.indexOf(stop, offset)).filter((at) => at !== -1)
    const end = stops.length > 0 ? Math.min(...stops) : text.length
    return `${start === -1 ? around.before : ''} ${text.slice(start + 1, end)} ${stops.length === 0 ? around.after : ''}`
  }
  const inImpactSentence = (share: {start: number}) => impactWords.test(sentenceAt(share.start))
  return {
    percentages: reading.percentages.filter(inImpactSentence),
    shareWords: reading.shareWords.filter(inImpactSentence),
  }
}

export interface ImpactReading {
  impact: ImpactStatement[]
  /** Shares in the summary outside any impact statement (to compare with the impact's). */
  summaryShares: ShareReading[]
}

/** The impact statements and the summary's shares. */
export function readImpact(outline: Outline, frontMatter: Partial<FrontMatter>): ImpactReading {
  const {lines, sections, inTimeline} = outline
  const impact: ImpactStatement[] = []
  for (const label of sections.get('impact') ?? []) {
    if (inTimeline(label.line)) continue
    const text = labelBody(lines, label)
    impact.push({
      label,
      text,
      shares: text.map((part) => readShares(part.value)),
      fromSummary: false,
    })
  }
  if (frontMatter.impact) {
    impact.push({
      label: frontMatter.label,
      text: [frontMatter.impact],
      shares: [readShares(frontMatter.impact.value)],
      fromSummary: false,
    })
  }
  const impactLines = new Set<number>()
  for (const label of sections.get('impact') ?? [])
    for (let line = label.line; line < Math.max(label.end, label.line + 1); line++)
      impactLines.add(line)
  const [from, to] = summaryLines(outline)
  const summaryShares: ShareReading[] = []
  const summaryTexts: SourceText[] = []
  for (let line = from; line < to; line++) {
    const text = lines[line]?.text
    if (!text || inTimeline(line)) continue
    summaryTexts.push(text)
    if (!impactLines.has(line)) summaryShares.push(readShares(text.value))
  }
  if (impact.length === 0) {
    // Every summary section (a `TL;DR` and a `Summary`), for want of an impact statement.
    for (const label of (sections.get('summary') ?? []).slice(1))
      for (let line = label.line + 1; line < label.end; line++) {
        const text = lines[line]?.text
        if (text && !inTimeline(line) && (line < from || line >= to)) summaryTexts.push(text)
      }
    impact.push({
      label: sections.get('summary')?.[0],
      text: summaryTexts,
      shares: summaryTexts.map((text, index) =>
        aboutImpact(text.value, readShares(text.value), {
          before: summaryTexts[index - 1]?.value ?? '',
          after: summaryTexts[index + 1]?.value ?? '',
        }),
      ),
      fromSummary: true,
    })
  }
  return {impact, summaryShares}
}
