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
        report(`Unexpected vague action \`${text}\`, expected a concrete outcome`, item, {
          note: 'Nobody can tell when such an action is done: say what changes, where, and how it is measured (`Alert when the pool is 80% used`).',
        })
        continue
      }
      const noOwner = !owner.test(text)
      const noDue = !due.test(text) && !ticket.test(text)
      if (noOwner || noDue)
        report(
          noOwner && noDue
            ? 'Missing owner and due date of the action, expected `Owner: @name` and a date or ticket'
            : noOwner
              ? 'Missing owner of the action, expected `@name` or `Owner: name`'
              : 'Missing due date of the action, expected a date (`due 2024-06-30`) or a ticket',
          item,
          {
            note: [
              'An action gets done when someone owns it and it has a deadline.',
              'Owners: `@name`, `Owner: ...`, `(Team)`. Dates: `due ...`, `by ...`, `2024-06-30`, `Q3`. Tickets: a link, `ABC-123`, `#123`.',
            ].join('\n'),
          },
        )
    }
  },
})

export default remarkLintPostmortemActionItems
