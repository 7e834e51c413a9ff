/**
 * A section with no content: a heading (or `Label:` line) followed directly by
 * another of the same or higher rank or by the end of the document, and empty
 * list items (`- `).
 */
import {postmortemRule} from '../rule.js'

export const remarkLintPostmortemNoEmptySections = postmortemRule<Record<string, never>>({
  id: 'postmortem-no-empty-sections',
  severity: 'warn',
  options: {},
  check({incident, report}) {
    const {lines} = incident
    for (const line of lines) {
      if (line.kind === 'paragraph' && line.itemStart && line.text.value === '') {
        report('Unexpected empty list item, expected content or no item', line.text, {
          note: 'A list marker (`-`, `*`, `1.`) with nothing after it.',
        })
      }
    }
    for (const section of incident.outline) {
      if (section.empty) {
        report(
          `Unexpected empty section \`${section.title.value}\`, expected content under it or no heading`,
          section.title,
          {
            note: 'The heading or `Label:` line is followed directly by another of the same or higher rank, or by the end of the document.',
          },
        )
      }
    }
  },
})

export default remarkLintPostmortemNoEmptySections
