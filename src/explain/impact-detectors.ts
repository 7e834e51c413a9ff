/**
 * Suspicious readings of the impact statement: a percentage or an
 * `all`/`every`/`no` word of some population that was not read as a share,
 * and a share read from what is not one (a count against a year, a change).
 */
import type {SourceText} from '../model/source-text.js'
import type {Detector, DetectorContext, Suspicion} from './context.js'
import {type RawHeading, sectionEnd} from './raw-sections.js'

/** A share's file range, as the model read it. */
interface ShareRange {
  start: number
  end: number
  text: string
  kind: 'percentage' | 'words'
  value?: number
}

function sharesRead(context: DetectorContext): ShareRange[] {
  const ranges: ShareRange[] = []
  const add = (
    text: SourceText | undefined,
    start: number,
    end: number,
    kind: ShareRange['kind'],
    value?: number,
  ) => {
    const range = text ? context.document.range(text.slice(start, end)) : undefined
    if (range && text)
      ranges.push({
        ...range,
        text: text.value.slice(start, end),
        kind,
        ...(value === undefined ? {} : {value}),
      })
  }
  for (const statement of context.incident.impact) {
    statement.shares.forEach((reading, index) => {
      const text = statement.text[index]
      for (const percentage of reading.percentages)
        add(text, percentage.start, percentage.end, 'percentage', percentage.value)
      for (const words of reading.shareWords) add(text, words.start, words.end, 'words')
    })
  }
  return ranges
}

/** The file lines of the impact statements the model read, and of raw sections named like impact. */
function impactLines(context: DetectorContext): Set<number> {
  const lines = new Set<number>()
  for (const statement of context.incident.impact)
    for (const text of statement.text) {
      const range = context.document.range(text)
      if (!range) continue
      const from = context.document.point(range.start).line
      const to = context.document.point(Math.max(range.start, range.end - 1)).line
      for (let line = from; line <= to; line++) lines.add(line)
    }
  for (const heading of context.headings.filter((candidate: RawHeading) =>
    /\bimpact\b/i.test(candidate.name),
  ))
    for (
      let line = heading.line;
      line <= sectionEnd(context.document, context.headings, heading);
      line++
    )
      lines.add(line)
  return lines
}

const percentage = /(?<![\w.])(\d{1,3}(?:[.,]\d+)?)\s?(?:%|percent\b|per\s?cent\b)/gi
/** What makes a percentage not a share of users or requests: a resource, availability, a growth. */
const resourceWords =
  /\b(?:cpu|memory|ram|heap|disk|storage|load|utili[sz]ation|usage|capacity|bandwidth|uptime|availability|sla|slo|battery|quota)\b/i
const growthBefore =
  /\b(?:grew|grown|rose|risen|increased|jumped|spiked|climbed|went up|up)\s+by\s+(?:about\s+|approximately\s+|around\s+|nearly\s+)?$/i
const notShareAfter =
  /^\s*(?:increase|growth|rise|more|higher|faster|slower|longer|uptime|availability|full|(?:cpu|memory|disk|load|utili[sz]ation|capacity)\b|of (?:the )?(?:cpu|memory|disk|capacity|ram|heap|storage)\b)/i

/** Whether a percentage at `[index, end)` of `text` is of a resource or a growth, not of users or requests. */
function notAShare(text: string, index: number, end: number): string | undefined {
  // `50% of our users`, `30% of active users`: a share, whatever came before.
  const of = /^\s*of\s+(?:(?:the|our|all|its|their)\s+)?([a-z-]+)(?:\s+([a-z-]+))?/i.exec(
    text.slice(end, end + 40),
  )
  if (of && [of[1], of[2]].some((word) => word !== undefined && populations.test(word)))
    return undefined
  // Only the words of its own sentence: `availability. About 75% of ...` is not of availability.
  const before =
    text
      .slice(Math.max(0, index - 40), index)
      .split(/[.;!?]\s/)
      .at(-1) ?? ''
  const lastWords = before.split(/\s+/).slice(-5).join(' ')
  const resource = resourceWords.exec(lastWords)?.[0]
  if (resource) return `a percentage of a resource or of availability (\`${resource}\`)`
  const growth = growthBefore.exec(before)?.[0]
  if (growth) return `a growth (\`${growth.trim()}\`)`
  const after = notShareAfter.exec(text.slice(end, end + 30))?.[0]
  if (after) return `a change or a resource (\`${after.trim()}\`)`
  return undefined
}

/** People and requests an impact is a share of (plural; `every` and `each` take the singular). */
const populations =
  /^(?:users?|customers?|clients?|students?|learners?|visitors?|members?|subscribers?|players?|people|persons?|employees?|staff|developers?|patients?|merchants?|sellers?|buyers?|drivers?|riders?|tenants?|accounts?|organi[sz]ations?|teams?|participants?|attendees?|readers?|viewers?|consumers?|shoppers?|guests?|partners?|vendors?|requests?|queries|query|calls?|api calls?|transactions?|orders?|payments?|purchases?|sessions?|logins?|sign-?ins?|sign-?ups?|connections?|traffic|downloads?|uploads?|messages?|emails?|notifications?|searches|search|bookings?|checkouts?|submissions?|transfers?|deposits?|withdrawals?|sites?|websites?|pages?|services?|endpoints?|apis?|regions?|apps?|applications?|devices?)$/i
const shareWord =
  /\b(all(?: of)?|every|each|no|none of|the entire|entire|the whole)\s+((?:(?:the|our|its|their|of|affected|active|registered|existing|current|internal|external|paying|online|mobile|web|new|[a-z]+ing)\s+){0,2})([a-z][a-z-]{2,})\b/gi

function impactShareUnread(context: DetectorContext): Suspicion[] {
  const read = sharesRead(context)
  const covered = (start: number, end: number) =>
    read.some((share) => share.start < end && share.end > start)
  const found: Suspicion[] = []
  for (const number of [...impactLines(context)].sort((a, b) => a - b)) {
    const line = context.document.lines[number - 1]
    if (!line) continue
    for (const match of line.text.matchAll(percentage)) {
      const index = match.index ?? 0
      if (notAShare(line.text, index, index + match[0].length)) continue
      const start = line.offset + index
      const end = start + match[0].length
      if (covered(start, end)) continue
      found.push(
        context.at(
          'impact-share-unread',
          start,
          end,
          'a percentage in the impact statement that was not read as a share',
        ),
      )
    }
    for (const match of line.text.matchAll(shareWord)) {
      const noun = (match[3] ?? '').toLowerCase()
      const quantifier = (match[1] ?? '').toLowerCase()
      if (!populations.test(noun)) continue
      // `every customer`, `each tenant`: one of a population; `all users`, `no students`: the plural.
      const singular = /^(?:every|each)$/.test(quantifier)
      const plural = /(?:s|people|staff|traffic)$/.test(noun)
      if (singular === plural && noun !== 'traffic') continue
      const index = match.index ?? 0
      const start = line.offset + index
      const end = start + match[0].length
      if (covered(start, end)) continue
      found.push(
        context.at(
          'impact-share-unread',
          start,
          end,
          `\`${match[0]}\` states a share of ${noun}, but was not read as one`,
        ),
      )
    }
  }
  return found
}

const countWithTotal = /(\d[\d,.]*)\s+(?:of|out of)\s+(?:the\s+|our\s+|all\s+)?(\d[\d,.]*)\s*(\S*)/i
const numberOf = (text: string) => Number(text.replace(/,/g, ''))

function countReadAsShare(context: DetectorContext): Suspicion[] {
  const found: Suspicion[] = []
  const {source} = context.document
  for (const share of sharesRead(context)) {
    const before = source.slice(Math.max(0, share.start - 40), share.start)
    const after = source.slice(share.end, share.end + 40)
    let problem: string | undefined
    if (share.kind === 'words') {
      const count = countWithTotal.exec(share.text + after)
      if (count) {
        const part = numberOf(count[1] ?? '')
        const total = numberOf(count[2] ?? '')
        const next = (count[3] ?? '').toLowerCase()
        if (total >= 1900 && total <= 2100 && Number.isInteger(total))
          problem = `\`${count[2]}\` after \`of\` is a year, not a total`
        else if (part > total) problem = `${count[1]} is more than its “total” ${count[2]}`
        else if (
          /^(?:minutes?|mins?|hours?|hrs?|seconds?|secs?|days?|ms|am|pm|utc|gmt)\b/.test(next)
        )
          problem = `\`${count[2]} ${count[3]}\` is a time or length, not a total`
        else if (
          /\b(?:step|page|version|part|chapter|item|day|week|phase|stage|attempt|line|row|pr|issue)\s*$/i.test(
            before,
          )
        )
          problem = 'a position in a sequence, not a count of affected users'
      }
    } else {
      const reason = notAShare(
        before + share.text + after,
        before.length,
        before.length + share.text.length,
      )
      if (reason) problem = `${reason}, not a share of users or requests`
    }
    if (problem)
      found.push(
        context.at('count-read-as-share', share.start, share.end, `read as a share: ${problem}`),
      )
  }
  return found
}

export const impactDetectors: Detector[] = [
  {
    kind: 'impact-share-unread',
    description:
      'the impact statement holds a percentage or an `all`/`every`/`no` word of a population that was not read as a share',
    detect: impactShareUnread,
  },
  {
    kind: 'count-read-as-share',
    description:
      'a share was read from what is not one: a count against a year or a time, a change, a resource’s percentage',
    detect: countReadAsShare,
  },
]
