/**
 * YAML (`key: value`) and TOML (`key = value`) front matter: the `start`,
 * `end`, `timezone` and `impact` fields some teams keep their metadata in.
 */
import type {Root} from 'mdast'
import type {Label} from './sections.js'
import {type SourceText, SourceTextBuilder} from './source-text.js'

export interface FrontMatter {
  /** The first key's place: where messages about the front matter sit. */
  label: Label
  start?: SourceText
  end?: SourceText
  timezone?: string
  impact?: SourceText
}

const startKeys = new Set(['start', 'started', 'start_time', 'starttime'])
const endKeys = new Set(['end', 'ended', 'end_time', 'endtime', 'resolved'])
const zoneKeys = new Set(['timezone', 'tz', 'time_zone'])

/** A text that stands verbatim at `offset` in the file. */
function exactText(value: string, offset: number): SourceText {
  const builder = new SourceTextBuilder()
  builder.appendExact(value, offset)
  return builder.build()
}

/** The front matter's fields; an empty reading when the document has none. */
export function readFrontMatter(tree: Root, source: string): Partial<FrontMatter> {
  const node = tree.children[0]
  const result: Partial<FrontMatter> = {}
  if (!node || (node.type !== 'yaml' && (node.type as string) !== 'toml')) return result
  const start = node.position?.start.offset
  const end = node.position?.end.offset
  if (start === undefined || end === undefined) return result
  let offset = start
  for (const rawLine of source.slice(start, end).split('\n')) {
    const match = /^\s*([A-Za-z_][\w-]*)\s*[:=]\s*["']?(.*?)["']?\s*$/.exec(rawLine)
    const key = match?.[1]
    const value = match?.[2]
    if (key && value) {
      const text = exactText(value, offset + rawLine.indexOf(value, key.length))
      result.label ??= {
        kinds: [],
        text: exactText(key, offset + rawLine.indexOf(key)),
        line: 0,
        rank: 8,
        end: 0,
      }
      const name = key.toLowerCase()
      if (startKeys.has(name)) result.start = text
      else if (endKeys.has(name)) result.end = text
      else if (zoneKeys.has(name)) result.timezone = value
      else if (name === 'impact') result.impact = text
    }
    offset += rawLine.length + 1
  }
  return result
}
