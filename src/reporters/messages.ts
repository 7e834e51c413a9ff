/** What the CI reporters need from a vfile message: its level and range. */
import type {Point, Position} from 'unist'
import type {VFile} from 'vfile'
import type {VFileMessage} from 'vfile-message'

export type Level = 'error' | 'warning' | 'note'

export function levelOf(message: VFileMessage): Level {
  if (message.fatal === true) return 'error'
  if (message.fatal === false) return 'warning'
  return 'note'
}

export interface Range {
  startLine: number
  startColumn: number
  endLine?: number
  endColumn?: number
}

export function rangeOf(message: VFileMessage): Range {
  return rangeOfPlace(message.place, message)
}

/** The range of a place (a point or a position), else of the fallback's line and column. */
export function rangeOfPlace(
  place: Point | Position | null | undefined,
  fallback: {line?: number | null; column?: number | null} = {},
): Range {
  const start = place && 'start' in place ? place.start : place
  const end = place && 'end' in place ? place.end : undefined
  const range: Range = {
    startLine: start?.line ?? fallback.line ?? 1,
    startColumn: start?.column ?? fallback.column ?? 1,
  }
  if (end?.line && end.column) {
    range.endLine = end.line
    range.endColumn = end.column
  }
  return range
}

/** The file's path as given (relative to the working directory), with forward slashes. */
export function pathOf(file: VFile): string {
  return (file.history[0] ?? file.path ?? '').split('\\').join('/')
}
