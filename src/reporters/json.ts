/**
 * `--report json`: vfile-reporter-json's report, with each message's related
 * places (src/rule.ts: the stated start, the other entries of a group) as
 * `related: [{reason, place, also?}]`, which vfile-reporter-json does not know.
 * Its note is already there (`note`).
 */
import type {VFile} from 'vfile'
import reporterJson from 'vfile-reporter-json'
import {relatedPlaces} from '../rule.js'

interface Options {
  quiet?: boolean
  silent?: boolean
  pretty?: boolean | number | string
}

export function jsonReporter(files: readonly VFile[], options: Options = {}): string {
  const report = JSON.parse(reporterJson([...files], options)) as {
    messages: Record<string, unknown>[]
  }[]
  // vfile-reporter-json keeps files and messages in order; it leaves out warnings (`silent`) and then empty files (`quiet`).
  let index = 0
  for (const file of files) {
    const messages = file.messages.filter((message) => !options.silent || message.fatal)
    if ((options.quiet || options.silent) && messages.length === 0) continue
    const reported = report[index++]
    messages.forEach((message, position) => {
      const related = relatedPlaces(message)
      const json = reported?.messages[position]
      if (json && related.length > 0) json.related = related
    })
  }
  const {pretty} = options
  return JSON.stringify(report, undefined, pretty === true ? 2 : (pretty ?? 0) || 0)
}
