#!/usr/bin/env node
/**
 * The CLI's JSON report over every real postmortem in ../shared (seeds,
 * anchors, corpus-dev, corpus-wild), compared with a saved one: the check
 * that an optimisation leaves every message byte-identical.
 *
 *     npm run build && node scripts/compare-reports.js --save   # before the change
 *     npm run build && node scripts/compare-reports.js          # after it
 *
 * The report is written to test/artifacts/reports-current.json (`--save`:
 * reports-saved.json; both ignored by git, since they quote the documents);
 * `--saved <file>` compares with another file. The JSON reporter leaves out
 * what a message says beyond its own place (`cause`, the related place, and
 * whether `--fix` applies it), so those are read with the preset in process
 * and kept beside the report (`*.extra.json`), and compared too. Exits 1 and
 * prints each file's differing messages when anything differs, 0 when both
 * are identical.
 */
import {spawnSync} from 'node:child_process'
import {existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {parseArgs} from 'node:util'
import {remark} from 'remark'
import {VFile} from 'vfile'
import preset from '../dist/index.js'

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..')
const sharedDir = path.join(root, '..', 'shared')
const artifacts = path.join(root, 'test', 'artifacts')
const folders = ['seeds', 'anchors', 'corpus-dev', 'corpus-wild']

const {values} = parseArgs({
  options: {save: {type: 'boolean', default: false}, saved: {type: 'string'}},
})
const savedPath = values.saved ?? path.join(artifacts, 'reports-saved.json')
const outPath = values.save ? savedPath : path.join(artifacts, 'reports-current.json')

const present = folders.filter((folder) => existsSync(path.join(sharedDir, folder)))
if (present.length === 0) {
  console.error(`No ${folders.join(', ')} in ${sharedDir}: nothing to compare.`)
  process.exit(1)
}
const files = present.flatMap((folder) =>
  readdirSync(path.join(sharedDir, folder))
    .filter((name) => name.endsWith('.md') && name !== 'README.md')
    .sort()
    .map((name) => `${folder}/${name}`),
)

// The installed command, run from ../shared so that the report's paths are `folder/name.md`.
const run = spawnSync(
  process.execPath,
  [
    path.join(root, 'dist', 'bin', 'postmortem-lint.js'),
    '--report',
    'json',
    '--no-color',
    ...files,
  ],
  {cwd: sharedDir, encoding: 'utf8', maxBuffer: 1 << 30},
)
if (run.status !== 0 && run.status !== 1) {
  console.error(`postmortem-lint failed (exit ${run.status}):\n${run.stderr}`)
  process.exit(1)
}
const report = run.stderr
const parsed = JSON.parse(report)
mkdirSync(path.dirname(outPath), {recursive: true})
writeFileSync(outPath, report)

// Each message's related place and fix marker, which the JSON report does not carry.
const fixMarker = Symbol.for('remark-preset-lint-postmortem.fix')
const processor = remark().use(preset)
const extras = []
for (const name of files) {
  const file = new VFile({path: name, value: readFileSync(path.join(sharedDir, name), 'utf8')})
  await processor.process(file)
  extras.push({
    path: name,
    messages: file.messages.map((message) => ({
      line: message.line,
      column: message.column,
      ruleId: message.ruleId,
      ...(message.cause ? {cause: {reason: message.cause.reason, place: message.cause.place}} : {}),
      ...(message[fixMarker] ? {fix: true} : {}),
    })),
  })
}
const extra = `${JSON.stringify(extras, null, 1)}\n`
const extraPath = (reportPath) => reportPath.replace(/(\.json)?$/, '.extra.json')
writeFileSync(extraPath(outPath), extra)
const messageCount = parsed.reduce((sum, file) => sum + file.messages.length, 0)
console.log(
  `${files.length} documents of ${present.join(', ')}: ${messageCount} messages, report in ${path.relative(root, outPath)}`,
)
if (values.save) process.exit(0)

if (!existsSync(savedPath)) {
  console.error(`No saved report at ${savedPath}: run with --save first (before the change).`)
  process.exit(1)
}
const saved = readFileSync(savedPath, 'utf8')
const savedExtra = existsSync(extraPath(savedPath))
  ? readFileSync(extraPath(savedPath), 'utf8')
  : ''
if (saved === report && savedExtra === extra) {
  console.log(
    `Identical to ${path.relative(root, savedPath)} (byte for byte), related places and fixes too.`,
  )
  process.exit(0)
}

// Show what differs, file by file and message by message.
const byPath = (entries) => new Map(entries.map((entry) => [entry.path, entry]))
let shown = 0
if (saved === report) console.log('The CLI reports are identical; related places or fixes differ:')
const [before, after] =
  saved === report
    ? [byPath(savedExtra ? JSON.parse(savedExtra) : []), byPath(extras)]
    : [byPath(JSON.parse(saved)), byPath(parsed)]
for (const name of new Set([...before.keys(), ...after.keys()])) {
  const old = (before.get(name)?.messages ?? []).map((message) => JSON.stringify(message))
  const now = (after.get(name)?.messages ?? []).map((message) => JSON.stringify(message))
  if (!before.has(name) || !after.has(name)) {
    console.log(`${name}: ${before.has(name) ? 'no longer reported' : 'newly reported'}`)
    shown++
    continue
  }
  const removed = old.filter((message) => !now.includes(message))
  const added = now.filter((message) => !old.includes(message))
  if (removed.length === 0 && added.length === 0) {
    if (old.join('\n') !== now.join('\n')) console.log(`${name}: same messages in another order`)
    else if (JSON.stringify(before.get(name)) !== JSON.stringify(after.get(name)))
      console.log(`${name}: same messages, other file fields`)
    else continue
    shown++
    continue
  }
  console.log(name)
  for (const message of removed) console.log(`  - ${message}`)
  for (const message of added) console.log(`  + ${message}`)
  shown++
}
console.log(
  shown
    ? `${shown} documents differ from ${path.relative(root, savedPath)}.`
    : `The reports differ in layout only (same files and messages) from ${path.relative(root, savedPath)}.`,
)
process.exit(1)
