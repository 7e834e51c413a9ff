/**
 * The summary gives the incident's start and end in `Start time:` and
 * `End time:` fields and no duration: readers should not have to do the
 * arithmetic (across midnight and zones) to learn how long users were
 * affected. The fix adds a `Duration:` field under the end, in its style.
 * With `ranges: true`, a `Duration:` field that gives only start and end
 * (`Duration: 14:00 to 16:30 UTC`) is flagged too, and the fix writes the
 * length after the end.
 */

import {fieldAfter} from '../model/scaffold.js'
import {SourceText} from '../model/source-text.js'
import {isBoolean, postmortemRule} from '../rule.js'
import {formatLength} from '../time/instant.js'

export interface Options {
  /** Also flag a `Duration:` field that gives only start and end (default `false`). */
  ranges?: boolean
}

export const remarkLintPostmortemStatedDuration = postmortemRule<Options>({
  id: 'postmortem-stated-duration',
  severity: 'warn',
  options: {ranges: isBoolean},
  check({incident, file, options, report}) {
    const duration = incident.duration
    const body = incident.bodyDuration
    // Only times written in the body (front matter is metadata) and in order.
    if (!duration || duration.stated || !body?.start || !body.end) return
    const {start, end} = body
    // A `Duration:` field that gives start and end is what most templates ask for.
    const underDurationLabel = duration.label?.kinds.includes('duration') ?? false
    if (underDurationLabel && !options.ranges) return
    if (!start.hasTime || !end.hasTime || end.epochMs < start.epochMs) return
    const length = formatLength(end.epochMs - start.epochMs)
    const source = String(file)
    // Separate fields: the end's field says where the length goes.
    const endField = duration.endField
    let fix: {replace: SourceText; with: string} | undefined
    if (endField) {
      fix = fieldAfter(source, endField, 'Duration', length)
    } else if (underDurationLabel) {
      // `Duration: 14:00 to 16:30 UTC` → `Duration: 14:00 to 16:30 UTC (2 h 30 min)`
      const ends = [end.text, end.zoneTextSource].map(
        (text) => text?.fileRange(0, text.value.length)?.end ?? -1,
      )
      const from = end.text.fileOffset(0)
      if (from !== undefined) {
        const replace = SourceText.of(source, from, Math.max(...ends))
        // `(UTC) (2 h)` reads badly: after a parenthesis, a comma.
        const written = replace.value.endsWith(')') ? `, ${length}` : ` (${length})`
        fix = {replace, with: replace.value + written}
      }
    }
    const note = [
      `\`${start.text.value}\` to \`${end.text.value}\` is ${length}, computed in their zones.`,
      'Write it beside them, so that readers need not do the arithmetic across midnight and zones.',
    ].join('\n')
    report(
      underDurationLabel
        ? `Missing stated length in the duration, expected \`${length}\` after the end`
        : `Missing stated duration, expected \`Duration: ${length}\` beside the start and end`,
      fix?.replace ?? end.text,
      fix ? {expected: [fix.with], fix: true, note} : {note},
    )
  },
})

export default remarkLintPostmortemStatedDuration
