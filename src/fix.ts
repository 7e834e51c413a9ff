/**
 * `--fix`: applies the messages marked safe to fix (their first `expected`
 * value replaces their place) and writes the file atomically.
 */
import {closeSync, fsyncSync, openSync, renameSync, rmSync, statSync, writeSync} from 'node:fs'
import {basename, dirname, join} from 'node:path'
import type {VFileMessage} from 'vfile-message'
import {isFixable} from './rule.js'

interface Edit {
  start: number
  end: number
  text: string
}

function editOf(message: VFileMessage): Edit | undefined {
  const place = message.place
  const replacement = message.expected?.[0]
  if (!place || replacement === undefined || !isFixable(message)) return undefined
  const start = 'start' in place ? place.start.offset : place.offset
  const end = 'end' in place ? place.end.offset : start
  if (start === undefined || end === undefined || end < start) return undefined
  return {start, end, text: replacement}
}

/**
 * `source` with the fixable messages applied. Edits apply in place order
 * (insertions at one place in the order they were reported); an edit that
 * overlaps one before it is left for the next run.
 */
export function applyFixes(source: string, messages: readonly VFileMessage[]): string {
  const edits = messages
    .map(editOf)
    .filter((edit): edit is Edit => edit !== undefined)
    .map((edit, order) => ({...edit, order}))
    .sort((a, b) => a.start - b.start || a.end - b.end || a.order - b.order)
  let result = ''
  let cursor = 0
  for (const edit of edits) {
    if (edit.start < cursor || edit.end > source.length) continue
    result += source.slice(cursor, edit.start) + edit.text
    cursor = edit.end
  }
  return result + source.slice(cursor)
}

/**
 * Replace `path`'s contents: write a temporary file beside it, flush it to
 * disk, then rename it over the original. A crash leaves either the old file
 * or the new one, never half of each.
 */
export function writeFileAtomic(path: string, contents: string): void {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.postmortem-fix`)
  const mode = statSync(path).mode
  const descriptor = openSync(temporary, 'w', mode)
  try {
    writeSync(descriptor, contents)
    fsyncSync(descriptor)
  } catch (error) {
    closeSync(descriptor)
    rmSync(temporary, {force: true})
    throw error
  }
  closeSync(descriptor)
  try {
    renameSync(temporary, path)
  } catch (error) {
    rmSync(temporary, {force: true})
    throw error
  }
}
