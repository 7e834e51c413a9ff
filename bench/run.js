#!/usr/bin/env node
/**
 * npm run bench: our preset side by side with bare remark parsing,
 * remark-preset-lint-recommended and markdownlint on the same synthetic
 * corpus and on the real postmortems of ../shared (bench/real-corpus.js),
 * plus scaling, CLI wall time and editor latency. Prints tables and writes
 * bench/results.json. Not a test: numbers depend on the machine.
 *
 * `npm run bench -- real` (or `BENCH_ONLY=real`) runs one part only; the
 * parts are corpus, scaling, cli, editor and real (`-- real side`,
 * `-- real profile`, `-- real cli`: one piece of the real part).
 */
import {spawn, spawnSync} from 'node:child_process'
import {mkdirSync, rmSync, writeFileSync} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {fileURLToPath, pathToFileURL} from 'node:url'
import {VFile} from 'vfile'
import {
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
} from 'vscode-languageserver/node.js'
import {processors, runnersFor} from './configurations.js'
import {generateCorpus, postmortem, random} from './generate.js'
import {realCorpus} from './real-corpus.js'

const here = path.dirname(fileURLToPath(import.meta.url))
const rounds = Number(process.env.BENCH_ROUNDS ?? 5)
/** `BENCH_ONLY=editor` or `npm run bench -- editor` (or corpus, scaling, cli, real) runs one part while working on it. */
const only = process.argv[2] ?? process.env.BENCH_ONLY
const runs = (part) => !only || only === part
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
const time = (run) => {
  const start = performance.now()
  run()
  return performance.now() - start
}

const machine = {
  cpus: os.cpus().length,
  model: os.cpus()[0]?.model,
  memoryGb: Math.round(os.totalmem() / 2 ** 30),
  node: process.version,
}
const writeResults = (results) => {
  writeFileSync(
    path.join(here, 'results.json'),
    `${JSON.stringify({date: new Date().toISOString(), machine, ...results}, null, 2)}\n`,
  )
  console.log('Wrote bench/results.json')
}
if (only === 'real') {
  // `npm run bench -- real cli` (or side, profile): one piece of it.
  writeResults({real: await realCorpus({rounds, only: process.argv[3]})})
  process.exit(0)
}

const corpus = generateCorpus({count: 1000, seed: 42})
const bytes = corpus.reduce((sum, file) => sum + Buffer.byteLength(file.text), 0)
const corpusDir = path.join(here, 'corpus')
rmSync(corpusDir, {recursive: true, force: true})
mkdirSync(corpusDir, {recursive: true})
for (const file of corpus) writeFileSync(path.join(corpusDir, file.name), file.text)

const runners = runnersFor(corpus.map((file) => file.text))

console.log(
  `Corpus: ${corpus.length} synthetic postmortems, ${(bytes / 1e6).toFixed(2)} MB; ${rounds} rounds, median.`,
)
const samples = Object.fromEntries(Object.keys(runners).map((name) => [name, []]))
runners['our preset']() // warm up every code path once
for (let round = 0; round < (runs('corpus') || runs('cli') ? rounds : 1); round++) {
  for (const [name, run] of Object.entries(runners)) samples[name].push(time(run))
}
const floor = median(samples['bare remark parse'])
const sideBySide = Object.entries(samples).map(([name, values]) => {
  const ms = median(values)
  return {
    name,
    ms: Math.round(ms),
    filesPerSecond: Math.round((corpus.length / ms) * 1000),
    mbPerSecond: Number((bytes / 1e6 / (ms / 1000)).toFixed(2)),
    ratio: Number((ms / floor).toFixed(2)),
  }
})
console.table(sideBySide)

// Scaling: timeline entries and sections.
const ours = processors['our preset']
const bare = processors['bare remark parse']
const lintTime = (processor, text, times = 9) =>
  median(
    Array.from({length: times}, () =>
      time(() => {
        const file = new VFile(text)
        processor.runSync(processor.parse(file), file)
      }),
    ),
  )
const entryDoc = (count) =>
  `# Incident\n\n## Summary\n\nDuration: 00:00 - 23:59 UTC\n\nImpact: 10% of users.\n\n## Timeline\n\n${Array.from({length: count}, (_, index) => `- ${String(Math.floor((index * 1440) / count / 60)).padStart(2, '0')}:${String(Math.floor((index * 1440) / count) % 60).padStart(2, '0')} UTC: event ${index} on the load balancer`).join('\n')}\n`
const sectionDoc = (count) =>
  Array.from({length: count}, (_, index) => postmortem('atx', random(index + 1), 2000)).join('\n')
/** One timeline entry with `count` nested detail lines (their text is joined to the entry's). */
const nestedDoc = (count) =>
  `# Incident\n\n## Summary\n\nDuration: 10:00 - 11:00 UTC\n\nImpact: 10% of users.\n\n## Timeline\n\n- 10:00 UTC: outage began\n${Array.from({length: count}, (_, index) => `  - detail ${index} about the load balancer`).join('\n')}\n- 11:00 UTC: resolved\n`
const scaling = {entries: [], sections: [], nestedLines: []}
for (const count of runs('scaling') ? [10, 100, 1000, 10_000] : []) {
  const text = entryDoc(count)
  const total = lintTime(ours, text)
  scaling.entries.push({
    entries: count,
    ms: Number(total.toFixed(2)),
    bareMs: Number(lintTime(bare, text).toFixed(2)),
    msPerEntry: Number((total / count).toFixed(4)),
  })
}
for (const count of runs('scaling') ? [1, 10, 100] : []) {
  const text = sectionDoc(count)
  const total = lintTime(ours, text)
  scaling.sections.push({
    sections: count,
    ms: Number(total.toFixed(2)),
    bareMs: Number(lintTime(bare, text).toFixed(2)),
    msPerSection: Number((total / count).toFixed(3)),
  })
}
for (const count of runs('scaling') ? [100, 1000, 10_000] : []) {
  const text = nestedDoc(count)
  const total = lintTime(ours, text, 3)
  scaling.nestedLines.push({
    nestedLines: count,
    ms: Number(total.toFixed(2)),
    bareMs: Number(lintTime(bare, text, 3).toFixed(2)),
    msPerLine: Number((total / count).toFixed(4)),
  })
}
const perEntry = scaling.entries.map((row) => row.msPerEntry)
scaling.entryRatioLargestToSmallest = Number((perEntry.at(-1) / perEntry[0]).toFixed(2))
const perSection = scaling.sections.map((row) => row.msPerSection)
scaling.sectionRatioLargestToSmallest = Number((perSection.at(-1) / perSection[0]).toFixed(2))
const perNestedLine = scaling.nestedLines.map((row) => row.msPerLine)
scaling.nestedLineRatioLargestToSmallest = Number(
  (perNestedLine.at(-1) / perNestedLine[0]).toFixed(2),
)
console.log('Scaling (our preset, parse included):')
console.table(scaling.entries)
console.table(scaling.sections)
console.table(scaling.nestedLines)

// The CLI on the whole corpus, start-up and file reading included: the
// installed command (dist/bin, which starts the CLI with a larger young
// generation) and, for comparison, dist/cli.js run directly with V8's defaults.
const cliTime = (script) =>
  time(() =>
    spawnSync(
      process.execPath,
      [path.join(here, '..', 'dist', ...script), '--quiet', '--report', 'json', corpusDir],
      {encoding: 'utf8', maxBuffer: 1 << 28},
    ),
  )
const commandTimes = []
const directTimes = []
for (let run = 0; run < (runs('cli') ? 3 : 0); run++) {
  commandTimes.push(cliTime(['bin', 'postmortem-lint.js']))
  directTimes.push(cliTime(['cli.js']))
}
const cliMs = median(commandTimes)
const cli = {
  ms: Math.round(cliMs),
  ratioToInProcessBareParse: Number((cliMs / floor).toFixed(2)),
  directDefaultHeapMs: Math.round(median(directTimes)),
}
console.log(
  `CLI on ${corpus.length} files: ${cli.ms} ms, ${cli.ratioToInProcessBareParse}x the in-process bare parse (dist/cli.js with V8's default heap: ${cli.directDefaultHeapMs} ms)`,
)

// Editor latency: didChange on a 200 KB postmortem to its diagnostics.
/** A language server over stdio with one open document; `edit` times a change to its diagnostics. */
async function startServer(script, text) {
  const server = spawn(process.execPath, [script, '--stdio'], {cwd: os.tmpdir()})
  const connection = createProtocolConnection(server.stdout, server.stdin)
  let resolveNext
  connection.onNotification(PublishDiagnosticsNotification.type, () => resolveNext?.())
  connection.listen()
  const folder = pathToFileURL(os.tmpdir()).href
  await connection.sendRequest(InitializeRequest.type, {
    processId: null,
    rootUri: folder,
    capabilities: {},
    workspaceFolders: [{uri: folder, name: 'tmp'}],
  })
  await connection.sendNotification(InitializedNotification.type, {})
  const uri = pathToFileURL(path.join(os.tmpdir(), 'bench-postmortem.md')).href
  const published = () => new Promise((resolve) => (resolveNext = resolve))
  let wait = published()
  const opening = performance.now()
  await connection.sendNotification(DidOpenTextDocumentNotification.type, {
    textDocument: {uri, languageId: 'markdown', version: 1, text},
  })
  await wait
  const openMs = performance.now() - opening
  let version = 1
  return {
    openMs,
    async edit(changed) {
      wait = published()
      const start = performance.now()
      await connection.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: {uri, version: ++version},
        contentChanges: [{text: changed}],
      })
      await wait
      return performance.now() - start
    },
    /** Resolves once the process (and, through our launcher, its program) has exited. */
    close() {
      connection.dispose()
      const exited = new Promise((resolve) => server.once('exit', resolve))
      server.kill()
      return exited
    },
  }
}
/**
 * 50 edits, each sent to our server and to the same language server with a
 * bare processor (remark-parse + frontmatter + gfm, no rules), alternating
 * which goes first: both see the same document in the same conditions. Each
 * edit types ` (edit N)` at the end of a line, moving from the top of the
 * document to its end over the 50 edits (our server parses again only the
 * part of the document that changed). The edits are spread over five fresh
 * pairs of processes: the ratio between two server processes moves from run
 * to run far more than the code does (ours against the bare one in single
 * pairs: 0.89x-1.35x), which one pair would take for a difference in the
 * code. Each server is timed warm, as an editor's long-lived server mostly
 * is; opening the document (a full parse) is timed on its own.
 */
async function editorLatency(text, edits, pairs = 5) {
  const latencies = []
  const bareLatencies = []
  const opens = []
  const bareOpens = []
  for (let pair = 0; pair < pairs; pair++) {
    const ours = await startServer(
      path.join(here, '..', 'dist', 'bin', 'postmortem-language-server.js'),
      text,
    )
    const bareServer = await startServer(path.join(here, 'bare-language-server.js'), text)
    opens.push(ours.openMs)
    bareOpens.push(bareServer.openMs)
    // An editor's server lives long: time it warm, after a few untimed edits.
    for (let warmUp = 0; warmUp < 5; warmUp++) {
      await ours.edit(`${text}\n<!-- warm-up ${warmUp} -->\n`)
      await bareServer.edit(`${text}\n<!-- warm-up ${warmUp} -->\n`)
    }
    for (let edit = pair; edit < edits; edit += pairs) {
      const changed = typedInto(text, edit, edits)
      if (edit % 2 === 0) {
        latencies.push(await ours.edit(changed))
        bareLatencies.push(await bareServer.edit(changed))
      } else {
        bareLatencies.push(await bareServer.edit(changed))
        latencies.push(await ours.edit(changed))
      }
    }
    await ours.close()
    await bareServer.close()
  }
  return {
    medianMs: Number(median(latencies).toFixed(1)),
    worstMs: Number(Math.max(...latencies).toFixed(1)),
    bareServerMs: Number(median(bareLatencies).toFixed(1)),
    openMs: Number(median(opens).toFixed(1)),
    bareServerOpenMs: Number(median(bareOpens).toFixed(1)),
  }
}
/** The document with ` (edit N)` typed at the end of a line, `edit / edits` of the way down. */
function typedInto(text, edit, edits) {
  const lineEnd = text.indexOf('\n', Math.floor((text.length * edit) / edits))
  const at = lineEnd === -1 ? text.length : lineEnd
  return `${text.slice(0, at)} (edit ${edit})${text.slice(at)}`
}
/** A postmortem of at least `bytes` characters (the generator's size is approximate). */
function sized(shape, seed, bytes) {
  let text = postmortem(shape, random(seed), bytes)
  for (let asked = bytes; text.length < bytes; ) {
    asked = Math.ceil((asked * bytes) / text.length) + 100
    text = postmortem(shape, random(seed), asked)
  }
  return text
}
const big = sized('atx', 7, 200_000)
const typical = sized('bold', 8, 15_000)
console.log(`Editor documents: ${big.length} and ${typical.length} characters.`)
const editor = {}
if (runs('editor')) {
  // A second reference: the same document parsed 50 times in this warm, otherwise idle process.
  const bareReference = (text) => {
    lintTime(bare, text)
    return median(
      Array.from({length: 50}, (_, edit) => lintTime(bare, typedInto(text, edit, 50), 1)),
    )
  }
  editor['200 KB'] = {
    ...(await editorLatency(big, 50)),
    bareParseMs: Number(bareReference(big).toFixed(1)),
  }
  editor['15 KB'] = {
    ...(await editorLatency(typical, 50)),
    bareParseMs: Number(bareReference(typical).toFixed(1)),
  }
  for (const row of Object.values(editor)) {
    row.ratioToBareServer = Number((row.medianMs / row.bareServerMs).toFixed(2))
    row.ratioToBareParse = Number((row.medianMs / row.bareParseMs).toFixed(2))
  }
}
console.log('Editor latency (didChange to diagnostics, 50 edits):')
console.table(editor)

// The real postmortems of ../shared (bench/real-corpus.js).
const real = runs('real') ? await realCorpus({rounds}) : undefined

writeResults({
  corpus: {files: corpus.length, megabytes: Number((bytes / 1e6).toFixed(2)), seed: 42},
  rounds,
  sideBySide,
  scaling,
  cli,
  editor,
  ...(real ? {real} : {}),
})
