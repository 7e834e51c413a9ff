/**
 * A required section is absent. Sections are recognised in every shape the
 * model reads (headings, `Label:` lines, fields, HTML, front matter); duration
 * is also satisfied by a start and an end time. Where the document's sections
 * show where it goes, the message sits there and carries the fix: the section's
 * label, in the style of its neighbours, with a placeholder line.
 */

import {sectionInsertion} from '../model/scaffold.js'
import {SourceText} from '../model/source-text.js'
import type {Incident} from '../model/types.js'
import {type SectionKind, sectionKinds, sectionTitles, templates} from '../model/vocabulary.js'
import {isStringListMap, type OptionSpec, postmortemRule} from '../rule.js'

export interface Options {
  /** A named template: `alx` (default), `google-sre`, `pagerduty`. */
  template?: string
  /** The required sections, overriding the template's list. */
  required?: SectionKind[]
  /** Extra names accepted for a section (`{timeline: ['events']}`). */
  aliases?: Partial<Record<SectionKind, string[]>>
}

const isTemplate: OptionSpec = {
  expected: Object.keys(templates)
    .map((name) => `\`${JSON.stringify(name)}\``)
    .join(', '),
  valid: (value) => typeof value === 'string' && value in templates,
}
const isSectionList: OptionSpec = {
  expected: `a list of section names (${sectionKinds.map((kind) => `\`${kind}\``).join(', ')})`,
  valid: (value) => Array.isArray(value) && value.every((kind) => sectionKinds.includes(kind)),
}

function isPresent(incident: Incident, kind: SectionKind): boolean {
  if (incident.sections.has(kind)) return true
  if (kind === 'duration') return Boolean(incident.duration?.start && incident.duration.end)
  // An `impact:` key in the front matter is an impact statement.
  if (kind === 'impact') return incident.impact.some((statement) => !statement.fromSummary)
  return false
}

export const remarkLintPostmortemRequiredSections = postmortemRule<Options>({
  id: 'postmortem-required-sections',
  severity: 'error',
  options: {template: isTemplate, required: isSectionList, aliases: isStringListMap},
  check({incident, file, options, report}) {
    // The rule's own `template` option, else `settings.postmortem.template` (both are the model's).
    const template = templates[incident.template] ?? templates.alx
    const required = options.required ?? template?.required ?? []
    // The place where a missing section is expected: the summary, else the title.
    const anchor = incident.summary ? incident.summary.text : incident.title?.text
    for (const kind of required) {
      if (isPresent(incident, kind)) continue
      const title = template?.titles[kind] ?? sectionTitles[kind]
      const accepted = incident.aliases[kind].slice(0, 6).join(', ')
      const also = kind === 'duration' ? '; or both a `Start time:` and an `End time:` field' : ''
      const reason = `Missing section \`${title}\`; expected a heading or label such as \`${title}:\` (accepted names: ${accepted}${also})`
      const insertion = sectionInsertion(incident, String(file), kind, required, title)
      if (insertion)
        report(reason, SourceText.at(insertion.offset), {expected: [insertion.text], fix: true})
      else report(reason, anchor)
    }
  },
})

export default remarkLintPostmortemRequiredSections
