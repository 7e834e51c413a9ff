/**
 * Template text left in the postmortem: `TODO`, `TBD`, `??`, `?mins`,
 * `XX:XX`, `HH:MM`, `YYYY-MM-DD`, `[insert ...]`, `<owner>`, `_Your name
 * here_`, lorem ipsum. Code blocks are not read. In the corrective actions
 * `TODO` and `DONE` are an action's status, and anywhere `a TODO` or a `TODO
 * list` is a word in prose.
 */
import {postmortemRule} from '../rule.js'

// Upper-case markers only (`a todo list` is prose); the rest case-insensitive.
const marker = /\b(?:TODO|TBD|TBA|FIXME)\b/g
const placeholder =
  /\?{2,}|\?\s?(?:mins?|minutes|hours?|hrs?|h)\b|\b[Xx]{1,2}:[Xx]{2}\b|\b[Hh]{2}:[Mm]{2}\b|\b(?:YYYY|\d{4})-MM-DD\b|\[(?:insert|add|your|enter|fill in)\b[^\]\n]{0,60}\]|<(?:owner|name|date|team|link|ticket|your[ -]name)>|\byour name here\b|\blorem ipsum\b/gi

/** What every marker and placeholder above contains: most lines have none of it. */
const anyPlaceholderPart = /todo|tb[ad]|fixme|\?|x:x|h:m|mm-dd|\[|<|your name here|lorem ipsum/i

/** `TODO` as a word in prose: `like a TODO`, `the TODO list`, `TODOs`. */
function isProseWord(text: string, start: number, end: number): boolean {
  return (
    /\b(?:a|an|the|our|your|my|this|that)\s+$/i.test(text.slice(Math.max(0, start - 8), start)) ||
    /^(?:s\b|\s+(?:list|lists|items?|comments?|app|format)\b)/i.test(text.slice(end, end + 10))
  )
}

export const remarkLintPostmortemNoPlaceholders = postmortemRule<Record<string, never>>({
  id: 'postmortem-no-placeholders',
  severity: 'warn',
  options: {},
  check({incident, report}) {
    incident.lines.forEach(({text}, index) => {
      if (!anyPlaceholderPart.test(text.value)) return
      const inActions = incident.actionLines.has(index)
      const matches = [...text.value.matchAll(marker), ...text.value.matchAll(placeholder)].sort(
        (a, b) => (a.index ?? 0) - (b.index ?? 0),
      )
      for (const match of matches) {
        const start = match.index ?? 0
        const end = start + match[0].length
        if (match[0] === 'TODO' && (inActions || isProseWord(text.value, start, end))) continue
        report(
          `Unexpected placeholder \`${match[0]}\`, expected the real content`,
          text.slice(start, end),
          {
            note: 'Template text left in the postmortem. In the corrective actions `TODO` and `DONE` are statuses, and `a TODO` in prose is a word; neither is flagged.',
          },
        )
      }
    })
  },
})

export default remarkLintPostmortemNoPlaceholders
