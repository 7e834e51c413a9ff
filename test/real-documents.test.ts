/**
 * The messages on every real postmortem in ../shared (seeds, the SRE book's
 * example, corpus-dev, corpus-wild), kept as one snapshot file per folder, as
 * markdownlint's test-repos do: a change to the reading shows here, message by
 * message, in real output. Skipped without ../shared. After a change that is
 * meant to alter messages, review the diff and run `npx vitest run -u`.
 */
import {existsSync, readdirSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {lintFile, sharedDir} from './helpers.js'

const folders = ['seeds', 'anchors', 'corpus-dev', 'corpus-wild'].filter((folder) =>
  existsSync(path.join(sharedDir, folder)),
)

/** `name line:col-line:col severity rule-id: reason`, one line per message. */
async function messagesOf(folder: string): Promise<string> {
  const dir = path.join(sharedDir, folder)
  const names = readdirSync(dir)
    .filter((name) => name.endsWith('.md') && name !== 'README.md')
    .sort()
  const lines: string[] = []
  for (const name of names) {
    const file = await lintFile(readFileSync(path.join(dir, name), 'utf8'), undefined, name)
    for (const message of file.messages) {
      const place = message.place
      const start = place && 'start' in place ? place.start : place
      const end = place && 'end' in place ? place.end : undefined
      const where = start
        ? `${start.line}:${start.column}${end ? `-${end.line}:${end.column}` : ''}`
        : 'no-place'
      const severity = message.fatal ? 'error' : 'warning'
      lines.push(`${name} ${where} ${severity} ${message.ruleId}: ${message.reason}`)
    }
  }
  return `${lines.join('\n')}\n`
}

describe.skipIf(folders.length === 0)('messages on the real postmortems in ../shared', () => {
  for (const folder of folders) {
    it(`${folder} gives the messages of its snapshot`, async () => {
      await expect(await messagesOf(folder)).toMatchFileSnapshot(
        path.join('snapshots', `${folder}.txt`),
      )
    })
  }
})
