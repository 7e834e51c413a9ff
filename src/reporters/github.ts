/**
 * GitHub Actions workflow commands, one per message, so that messages show up
 * as annotations on the changed lines of a pull request:
 * `::error file=a.md,line=3,col=5,endLine=3,endColumn=9,title=rule-id::reason`.
 * The message's note follows the reason on the lines after it (GitHub shows
 * an annotation's lines), unless the two together are longer than GitHub
 * keeps of an annotation (4,096 characters): then the reason and the rule's
 * page only, so that the reason is never cut.
 */
import type {VFile} from 'vfile'
import type {VFileMessage} from 'vfile-message'
import {levelOf, pathOf, rangeOf} from './messages.js'

/** The longest annotation message GitHub shows whole. */
const annotationLimit = 4096

function annotationOf(message: VFileMessage): string {
  if (!message.note) return message.reason
  const full = `${message.reason}\n\n${message.note}`
  if (full.length <= annotationLimit) return full
  return message.url ? `${message.reason}\n\n${message.url}` : message.reason
}

const commandOf = {error: 'error', warning: 'warning', note: 'notice'} as const

/** Escaping from the actions toolkit: data escapes `%`, CR, LF; properties also `:` and `,`. */
function escapeData(value: string): string {
  return value.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A')
}

function escapeProperty(value: string): string {
  return escapeData(value).replaceAll(':', '%3A').replaceAll(',', '%2C')
}

export function githubReporter(files: readonly VFile[]): string {
  const lines: string[] = []
  for (const file of files) {
    for (const message of file.messages) {
      const range = rangeOf(message)
      const properties = [
        `file=${escapeProperty(pathOf(file))}`,
        `line=${range.startLine}`,
        `col=${range.startColumn}`,
      ]
      if (range.endLine !== undefined)
        properties.push(`endLine=${range.endLine}`, `endColumn=${range.endColumn}`)
      properties.push(
        `title=${escapeProperty(message.ruleId ?? message.source ?? 'postmortem-lint')}`,
      )
      lines.push(
        `::${commandOf[levelOf(message)]} ${properties.join(',')}::${escapeData(annotationOf(message))}`,
      )
    }
  }
  return lines.join('\n')
}
