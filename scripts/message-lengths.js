#!/usr/bin/env node
// How long the messages' reasons are, over the Markdown files of the folders or files given
// (default: fixtures/*.broken.md, fixtures/kinds/ and, when ../shared exists, its corpora):
// the count, median and 90th percentile of reason lengths per set and overall, the longest
// reasons and note, and any document with two messages of one rule naming the same stated start or end.
// Run after `npm run build`; it reads the preset from dist/.
import {existsSync, readdirSync, readFileSync, statSync} from 'node:fs'
import path from 'node:path'
import process from 'node:process'
import {remark} from 'remark'
import {VFile} from 'vfile'
import preset from '../dist/index.js'

const defaults = [
  'fixtures',
  'fixtures/kinds',
  '../shared/corpus-dev',
  '../shared/corpus-wild',
].filter((folder) => existsSync(folder))
const sets = process.argv.length > 2 ? process.argv.slice(2) : defaults

function filesOf(target) {
  if (!statSync(target).isDirectory()) return [target]
  return readdirSync(target)
    .filter((name) => name.endsWith('.md') && name !== 'README.md')
    .filter((name) => target !== 'fixtures' || name.includes('.broken.'))
    .sort()
    .map((name) => path.join(target, name))
}

/** Nearest-rank percentile of sorted numbers. */
const percentile = (sorted, share) => sorted[Math.max(0, Math.ceil(share * sorted.length) - 1)] ?? 0
const describe = (lengths) => {
  const sorted = [...lengths].sort((a, b) => a - b)
  return `${sorted.length} messages, median ${percentile(sorted, 0.5)}, p90 ${percentile(sorted, 0.9)}, longest ${sorted.at(-1) ?? 0}`
}

const all = []
const longest = []
let longestNote = 0
const repeats = []
for (const set of sets) {
  const lengths = []
  for (const name of filesOf(set)) {
    const file = new VFile({path: name, value: readFileSync(name, 'utf8')})
    const processor = remark().use(preset)
    await processor.run(processor.parse(file), file)
    const named = new Map()
    for (const message of file.messages) {
      lengths.push(message.reason.length)
      longestNote = Math.max(longestNote, message.note?.length ?? 0)
      longest.push([message.reason.length, `${name}: ${message.reason}`])
      for (const match of message.reason.matchAll(/stated (start|end) `([^`]*)`/g)) {
        const key = `${message.ruleId} ${match[1]} ${match[2]}`
        named.set(key, (named.get(key) ?? 0) + 1)
      }
    }
    for (const [key, count] of named) if (count > 1) repeats.push(`${name}: ${count}× ${key}`)
  }
  all.push(...lengths)
  console.log(`${set}: ${describe(lengths)}`)
}
console.log(`all: ${describe(all)}; longest note ${longestNote}`)
console.log('\nlongest reasons:')
for (const [, text] of longest.sort((a, b) => b[0] - a[0]).slice(0, 8)) console.log(`  ${text}`)
console.log(
  repeats.length > 0
    ? `\ntwo messages of one rule naming the same stated start or end:\n  ${repeats.join('\n  ')}`
    : '\nno document has two messages of one rule naming the same stated start or end',
)
