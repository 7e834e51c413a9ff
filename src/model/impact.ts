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
  'users?|customers?|clients?|visitors?|requests?|traffic|calls?|queries|accounts?|tenants?|sites?|websites?|merchants?|members?|players?|subscribers?|people|transactions?|orders?|logins?|sessions?|connections?|deploy(?:ment)?s|builds?|jobs?|merges?|prs?|pull requests?|pages?|services?|regions?|endpoints?|the (?:site|website|service|platform|application|app|api)|user base|customer base'
const shareWordPattern = new RegExp(
  String.raw`\b(?:(?:all|every|each|the entire|entire|the whole|whole|no|none of(?: the| our)?)\s+(?:(?:of\s+)?(?:the|our|its|their|incoming|active|affected|registered|[a-z]+ing)\s+){0,2}(?:${populationNouns})\b|(?:half|a third|one third|two thirds|a quarter|one quarter|three quarters|a fifth|one in \w+)\s+of\b|\b(?:everyone|everybody|no one|nobody|anyone)\b)`,
  'gi',
)
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

export function readShares(text: string): ShareReading {
  const percentages: Percentage[] = []
  for (const match of text.matchAll(percentagePattern)) {
    const start = match.index ?? 0
    const end = start + match[0].length
    if (isResourcePercentage(text, start, end)) continue
    const value = Number((match[1] ?? '').replace(',', '.'))
    const after = population.exec(text.slice(end, end + 60))
    const percentage: Percentage = {start, end, text: match[0], value}
    const noun = after?.[1]?.toLowerCase().replace(/s$/, '')
    if (noun && /^of\b/i.test(text.slice(end).trim())) percentage.population = noun
    percentages.push(percentage)
  }
  const shareWords: ShareReading['shareWords'] = []
  for (const pattern of [shareWordPattern, countWithTotal]) {
    for (const match of text.matchAll(pattern)) {
      const start = match.index ?? 0
      shareWords.push({start, end: start + match[0].length, text: match[0]})
    }
  }
  return {percentages, shareWords}
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
    impact.push({
      label: sections.get('summary')?.[0],
      text: summaryTexts,
      shares: summaryTexts.map((text) => readShares(text.value)),
      fromSummary: true,
    })
  }
  return {impact, summaryShares}
}
