/**
 * Template text left in the postmortem: `TODO`, `TBD`, `??`, `?mins`,
 * `XX:XX`, `[insert ...]`, `<owner>`, `_Your name here_`, lorem ipsum.
 * Code blocks are not read.
 */
import {postmortemRule} from '../rule.js'

// Upper-case markers only (`a todo list` is prose); the rest case-insensitive.
const marker = /\b(?:TODO|TBD|TBA|FIXME)\b/g
const placeholder =
  /\?{2,}|\?\s?(?:mins?|minutes|hours?|hrs?|h)\b|\b[Xx]{1,2}:[Xx]{2}\b|\[(?:insert|add|your|enter|fill in)\b[^\]\n]{0,60}\]|<(?:owner|name|date|team|link|ticket|your[ -]name)>|\byour name here\b|\blorem ipsum\b/gi

/** What every marker and placeholder above contains: most lines have none of it. */
const anyPlaceholderPart = /todo|tb[ad]|fixme|\?|x:x|\[|<|your name here|lorem ipsum/i

export const remarkLintPostmortemNoPlaceholders = postmortemRule<Record<string, never>>({
  id: 'postmortem-no-placeholders',
  severity: 'warn',
  options: {},
  check({incident, report}) {
    for (const {text} of incident.lines) {
      if (!anyPlaceholderPart.test(text.value)) continue
      const matches = [...text.value.matchAll(marker), ...text.value.matchAll(placeholder)].sort(
        (a, b) => (a.index ?? 0) - (b.index ?? 0),
      )
      for (const match of matches) {
        const start = match.index ?? 0
        report(
          `Unexpected placeholder \`${match[0]}\`, expected the real content`,
          text.slice(start, start + match[0].length),
        )
      }
    }
  },
})

export default remarkLintPostmortemNoPlaceholders
