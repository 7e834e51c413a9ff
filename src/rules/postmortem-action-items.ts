/**
 * Each corrective action has an owner and a due date or a ticket link, and
 * says something checkable ("improve monitoring" does not). On in the
 * `google-sre` and `pagerduty` templates; off in `alx` unless `enabled`.
 */
import {templates} from '../model/vocabulary.js'
import {isBoolean, type OptionSpec, postmortemRule} from '../rule.js'

export interface Options {
  /** The template in use; the check runs for `google-sre` and `pagerduty` (default: `settings.postmortem.template`, else `alx`). */
  template?: string
  /** Run the check whatever the template. */
  enabled?: boolean
}

const isTemplate: OptionSpec = {
  expected: Object.keys(templates)
    .map((name) => `\`${JSON.stringify(name)}\``)
    .join(', '),
  valid: (value) => typeof value === 'string' && value in templates,
}

const owner =
  /@[\w-]+|\b(?:owner|owners|assignee|assigned to|responsible|dri)\b\s*[:=-]?\s*\S|\((?:[A-Z][a-z]+|team[\w -]*)\)|\bteam\b[:\s]/i
const due =
  /\b(?:due|by|deadline|before|until|eta)\b[:\s]*\S|\b\d{4}-\d{2}-\d{2}\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b|\bQ[1-4]\b/i
const ticket = /https?:\/\/\S+|\b[A-Z][A-Z0-9]+-\d+\b|(?:^|\s)#\d+\b/
const vague =
  /^(?:(?:improve|enhance|increase|strengthen|better|review|be more|be careful|more careful|ensure|consider|look into|investigate)\b)(?:\s+\w+){0,3}\.?$/i

export const remarkLintPostmortemActionItems = postmortemRule<Options>({
  id: 'postmortem-action-items',
  severity: 'warn',
  options: {template: isTemplate, enabled: isBoolean},
  check({incident, options, report}) {
    const template = options.template ?? incident.template
    if (!options.enabled && template !== 'google-sre' && template !== 'pagerduty') return
    for (const item of incident.actionItems) {
      const text = item.value
      if (vague.test(text.trim())) {
        report(
          `Action \`${text}\` is too vague to check; expected a concrete outcome (what changes, where, measured how)`,
          item,
        )
        continue
      }
      const missing: string[] = []
      if (!owner.test(text)) missing.push('no owner (`@name` or `Owner: ...`)')
      if (!due.test(text) && !ticket.test(text)) missing.push('no due date or ticket link')
      if (missing.length > 0)
        report(
          `Action item has ${missing.join(' and ')}; expected an owner and a due date or ticket, so that it gets done`,
          item,
        )
    }
  },
})

export default remarkLintPostmortemActionItems
