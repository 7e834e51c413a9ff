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

/** Longest reason before the example heading is shortened to its shape (`## …`): a report line fits 160 columns. */
const reasonBudget = 90

/** The label line of an inserted section (`## Root cause`), and its setext underline if any. */
function labelOf(insertion: string): {line: string; underline?: string} {
  const [line = '', next] = insertion.split(/\r?\n/).filter((part) => part.trim() !== '')
  const underline = next?.trim()
  return underline && /^(?:=+|-+)$/.test(underline)
    ? {line, underline: underline.slice(0, 3)}
    : {line}
}

/**
 * `Missing section `Timeline`, expected a heading such as `## Timeline``, in
 * the document's style; for a long title the heading alone (`Missing section,
 * expected a heading such as `## Corrective and Preventative Measures``), or
 * its shape (`<h2>…</h2>`).
 */
function missingReason(title: string, insertion: string | undefined): string {
  const label = insertion ? labelOf(insertion) : {line: `## ${title}`}
  const underline = label.underline ? ` over \`${label.underline}\`` : ''
  const example = `expected a heading such as \`${label.line}\`${underline}`
  const full = `Missing section \`${title}\`, ${example}`
  if (full.length <= reasonBudget || !label.line.includes(title)) return full
  const short = `Missing section, ${example}`
  if (short.length <= reasonBudget) return short
  return `Missing section \`${title}\`, expected a heading \`${label.line.replace(title, '…')}\`${underline}`
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
      const also =
        kind === 'duration'
          ? '; or a start and an end (`Start time:` and `End time:` fields, or `OUTAGE BEGINS` and `OUTAGE ENDS` entries)'
          : ''
      const insertion = sectionInsertion(incident, String(file), kind, required, title)
      const note = [
        `Accepted names, in any case and shape (heading, \`Name:\` line, bold label, field): ${incident.aliases[kind].join(', ')}${also}.`,
        insertion
          ? `\`postmortem-lint --fix\` adds \`${labelOf(insertion.text).line}\` here, with a \`TODO\` line to write.`
          : 'The document has no section next to which it clearly goes: add it where your template puts it.',
        'The `aliases` option accepts more names; `template` or `required` choose the sections.',
      ].join('\n')
      const reason = missingReason(title, insertion?.text)
      if (insertion)
        report(reason, SourceText.at(insertion.offset), {
          expected: [insertion.text],
          fix: true,
          note,
        })
      else report(reason, anchor, {note})
    }
  },
})

export default remarkLintPostmortemRequiredSections
