/**
 * The impact statement must carry a share of affected users or requests: a
 * percentage, a share word (`all users`, `half of`) or a count with its total.
 * A share outside 0–100 and two different shares of the same population in the
 * summary and the impact statement are flagged too.
 */
import type {Percentage} from '../model/types.js'
import {postmortemRule} from '../rule.js'

export const remarkLintPostmortemImpactPercentage = postmortemRule<Record<string, never>>({
  id: 'postmortem-impact-percentage',
  severity: 'error',
  options: {},
  check({incident, report}) {
    const statements = incident.impact
    const hasShare = statements.some((statement) =>
      statement.shares.some(
        (reading) => reading.percentages.length > 0 || reading.shareWords.length > 0,
      ),
    )
    if (!hasShare) {
      const statement = statements[0]
      const anchor = statement?.label?.text ?? incident.title?.text
      const inImpact = statement && !statement.fromSummary
      report(
        inImpact
          ? 'Missing share in the impact statement, expected a share such as `40% of users`'
          : 'Missing share in the summary (no impact statement), expected a share such as `40% of users`',
        anchor,
        {
          note: [
            inImpact
              ? 'The impact statement says who was affected but not how many of them.'
              : 'The document has no impact statement, and its summary gives no share either.',
            'A share is a percentage (`40% of users`, `5% of requests failed`), a share word (`all users`, `half of requests`, `no customers`) or a count with its total (`1,200 of 40,000 users`).',
            'Vague words (`some`, `many`, `most`), bare counts (`1,200 users`) and resource figures (`CPU at 95%`) are not shares.',
          ].join('\n'),
        },
      )
    }
    for (const statement of statements) {
      statement.shares.forEach((reading, index) => {
        const text = statement.text[index]
        if (!text) return
        for (const percentage of reading.percentages) {
          if (percentage.value > 100) {
            report(
              `Unexpected share \`${percentage.text}\`, expected a percentage from 0 to 100`,
              text.slice(percentage.start, percentage.end),
              {
                note: 'A share of users or requests is at most 100%: a rise (`grew by 120%`) is no share.',
              },
            )
          }
        }
      })
    }
    // Different shares of one population in the summary and the impact statement.
    const summaryByPopulation = new Map<string, Percentage>()
    for (const reading of incident.summaryShares) {
      for (const percentage of reading.percentages)
        if (percentage.population && !summaryByPopulation.has(percentage.population))
          summaryByPopulation.set(percentage.population, percentage)
    }
    for (const statement of statements) {
      if (statement.fromSummary) continue
      statement.shares.forEach((reading, index) => {
        const text = statement.text[index]
        for (const percentage of reading.percentages) {
          const other = percentage.population
            ? summaryByPopulation.get(percentage.population)
            : undefined
          if (text && other && other.value !== percentage.value) {
            report(
              `Unexpected share \`${percentage.text}\` of ${percentage.population}s, expected \`${other.text}\` as in the summary`,
              text.slice(percentage.start, percentage.end),
              {
                expected: [other.text],
                note: `The summary gives \`${other.text}\` of ${percentage.population}s and the impact statement \`${percentage.text}\`: one population, one share. Correct whichever is wrong.`,
              },
            )
          }
        }
      })
    }
  },
})

export default remarkLintPostmortemImpactPercentage
