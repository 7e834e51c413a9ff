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
      const where =
        statement && !statement.fromSummary
          ? 'Impact statement'
          : 'No impact statement, and the summary'
      report(
        `${where} gives no share of affected users or requests; expected a percentage (\`40% of users\`), a share (\`all users\`, \`half of requests\`) or a count with its total (\`1,200 of 40,000 users\`)`,
        anchor,
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
              `Impact gives \`${percentage.text}\` of ${percentage.population}s but the summary gives \`${other.text}\`; expected one share for the same population`,
              text.slice(percentage.start, percentage.end),
              {expected: [other.text]},
            )
          }
        }
      })
    }
  },
})

export default remarkLintPostmortemImpactPercentage
