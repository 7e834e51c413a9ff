/**
 * GitHub Actions workflow commands, one per message, so that messages show up
 * as annotations on the changed lines of a pull request:
 * `::error file=a.md,line=3,col=5,endLine=3,endColumn=9,title=rule-id::reason`.
 */
import type {VFile} from 'vfile'
import {levelOf, pathOf, rangeOf} from './messages.js'

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
        `::${commandOf[levelOf(message)]} ${properties.join(',')}::${escapeData(message.reason)}`,
      )
    }
  }
  return lines.join('\n')
}
