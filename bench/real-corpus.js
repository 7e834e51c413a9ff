/**
 * The bench's real-corpus part: every postmortem of ../shared/corpus-dev and
 * ../shared/corpus-wild (real documents, mostly 2-10 KB, where each
 * document's fixed costs show), cycled to 1,000.
 *
 * 1. Side by side in this process: the bare parse, remark-preset-lint-recommended,
 *    our preset and markdownlint, in paired rounds (each round runs every
 *    configuration once, starting with a different one each round, after a
 *    full garbage collection), timed as CPU time (`process.cpuUsage()`, every
 *    thread of the process: the collector's and the compiler's included) and
 *    wall time. Ratios are taken within a round, then the median and the
 *    range over the rounds are reported.
 * 2. Where our share goes: a sampling profile (node:inspector) of our preset's
 *    passes, each sample given to the stage its stack is in (parse, model
 *    reading with the time module and chrono-node split out, each rule,
 *    message control, the rules' shared wrapper, garbage collection), and the
 *    functions that take the most of our share.
 * 3. The CLI as installed (`dist/bin/postmortem-lint.js --report json <folder>`,
 *    start-up, file reading and configuration lookup included) on the same
 *    1,000 documents copied into a temporary folder, in paired rounds with the
 *    in-process bare parse of the same texts.
 *
 * The documents are test data: they are read from ../shared, never copied
 * into the project (the CLI's copies live in the temporary folder only).
 */
import {spawnSync} from 'node:child_process'
import {existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {Session} from 'node:inspector/promises'
import os from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import v8 from 'node:v8'
import {runInNewContext} from 'node:vm'
import {runnersFor} from './configurations.js'

const here = path.dirname(fileURLToPath(import.meta.url))
const root = path.join(here, '..')
const sharedDir = path.join(root, '..', 'shared')
const folders = ['corpus-dev', 'corpus-wild']
const count = 1000

v8.setFlagsFromString('--expose-gc')
/** A full collection between passes, so that no pass pays for the garbage of the one before. */
const collect = runInNewContext('gc')

const sorted = (values) => [...values].sort((a, b) => a - b)
const median = (values) => {
  const ordered = sorted(values)
  const middle = Math.floor(ordered.length / 2)
  return ordered.length % 2 ? ordered[middle] : (ordered[middle - 1] + ordered[middle]) / 2
}
const round1 = (value) => Number(value.toFixed(1))
const round2 = (value) => Number(value.toFixed(2))
const summary = (values, digits = 0) => {
  const fix = (value) => Number(value.toFixed(digits))
  return {median: fix(median(values)), min: fix(Math.min(...values)), max: fix(Math.max(...values))}
}
const spread = ({median, min, max}) => `${median} (${min}–${max})`

/** CPU time (every thread of this process) and wall time of one call, in ms. */
function measure(run) {
  collect()
  const cpu = process.cpuUsage()
  const start = performance.now()
  run()
  const wall = performance.now() - start
  const used = process.cpuUsage(cpu)
  return {cpu: (used.user + used.system) / 1000, wall}
}

/** Every document of the real corpora that exist, in a stable order; `missing` names the others. */
function readDocuments() {
  const documents = []
  const missing = []
  for (const folder of folders) {
    const dir = path.join(sharedDir, folder)
    if (!existsSync(dir)) {
      missing.push(folder)
      continue
    }
    const names = readdirSync(dir)
      .filter((name) => name.endsWith('.md') && name !== 'README.md')
      .sort()
    for (const name of names)
      documents.push({folder, name, text: readFileSync(path.join(dir, name), 'utf8')})
  }
  return {documents, missing}
}

/** Paired rounds of every configuration over the texts. */
function sideBySide(texts, rounds) {
  const runners = runnersFor(texts)
  const names = Object.keys(runners)
  const samples = Object.fromEntries(names.map((name) => [name, []]))
  // Warm every configuration up once (the JIT), untimed.
  for (const run of Object.values(runners)) run()
  for (let round = 0; round < rounds; round++) {
    for (let step = 0; step < names.length; step++) {
      const name = names[(round + step) % names.length]
      samples[name].push(measure(runners[name]))
    }
  }
  const bare = samples['bare remark parse']
  const bytes = texts.reduce((sum, text) => sum + Buffer.byteLength(text), 0)
  return names.map((name) => {
    const values = samples[name]
    const cpu = summary(values.map((sample) => sample.cpu))
    const wall = summary(values.map((sample) => sample.wall))
    return {
      name,
      cpuMs: cpu,
      wallMs: wall,
      cpuRatio: summary(
        values.map((sample, round) => sample.cpu / bare[round].cpu),
        2,
      ),
      wallRatio: summary(
        values.map((sample, round) => sample.wall / bare[round].wall),
        2,
      ),
      mbPerCpuSecond: round2(bytes / 1e6 / (cpu.median / 1000)),
    }
  })
}

const parsePackages =
  /\/node_modules\/(?:micromark[^/]*|mdast-util-(?:from-markdown|gfm[^/]*|frontmatter|find-and-replace)|remark-parse|decode-named-character-reference|character-entities[^/]*|parse-entities|markdown-table)\//
const ownScript = /\/dist\/(model|time|rules)\/([^/]+)\.js$/

/**
 * The stage a sample's stack belongs to, read from the root down: the first
 * frame that opens a stage decides (the model is read from inside the first
 * rule's wrapper, so `readIncident` is a stage of its own, whoever calls it);
 * frames of the rules' wrapper (src/rule.ts, unified-lint-rule, vfile's
 * messages) count only when no stage opens beneath them.
 */
function stageOf(stack) {
  let wrapper = false
  for (const frame of stack) {
    const {url, functionName} = frame
    if (functionName === '(garbage collector)') return 'garbage collection'
    if (functionName === '(program)' || functionName === '(idle)') return 'V8 (program)'
    if (url.endsWith('/dist/model/incident.js') && functionName === 'readIncident') return 'model'
    const own = ownScript.exec(url)
    if (own?.[1] === 'rules') return `rule ${own[2]}`
    if (
      url.endsWith('/dist/message-control.js') ||
      /\/(?:remark|unified)-message-control\//.test(url)
    )
      return 'message control'
    if (parsePackages.test(url)) return 'parse'
    if (
      url.endsWith('/dist/rule.js') ||
      /\/node_modules\/(?:unified-lint-rule|vfile-message|vfile-location)\//.test(url)
    )
      wrapper = true
  }
  return wrapper ? 'rule wrapper (src/rule.ts, unified-lint-rule, messages)' : 'other'
}

/**
 * Which of the model's readers (src/model/incident.ts calls them in order) a
 * sample of the model is in: the function `buildIncident` called. The times of
 * a text are read when a reader first asks for them, so time recognition shows
 * under the reader that asked first.
 */
function readerOf(stack) {
  const index = stack.findIndex(
    (frame) =>
      frame.functionName === 'buildIncident' && frame.url.endsWith('/dist/model/incident.js'),
  )
  if (index === -1) return 'readIncident (the cache)'
  const reader = stack[index + 1]
  return reader ? reader.functionName || '(anonymous)' : 'buildIncident itself'
}

/** The module of the innermost frame that is ours or a library our share calls. */
function moduleOf(stack) {
  for (let index = stack.length - 1; index >= 0; index--) {
    const {url} = stack[index]
    if (url.includes('/node_modules/chrono-node/')) return 'chrono-node'
    if (url.includes('/node_modules/temporal-polyfill/')) return 'temporal-polyfill'
    if (url.includes('/node_modules/unist-util-visit-parents/')) return 'unist-util-visit-parents'
    if (/\/node_modules\/(?:parse5|hast-util-from-html|hast-util-from-parse5)\//.test(url))
      return 'HTML parsing (hast-util-from-html)'
    const own = ownScript.exec(url)
    if (own?.[1] === 'time') return 'time module'
    if (own?.[1] === 'model') return 'model'
    if (own?.[1] === 'rules') return 'rule'
  }
  return 'other'
}

/** Calls `each(stack, ms)` for every sample of a profile, with its stack from the root down. */
function readProfile(profile, each) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]))
  const parent = new Map()
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parent.set(child, node.id)
  const stacks = new Map()
  const stackOf = (id) => {
    let stack = stacks.get(id)
    if (!stack) {
      stack = []
      for (let at = id; at !== undefined; at = parent.get(at)) stack.push(byId.get(at).callFrame)
      stack.reverse()
      stacks.set(id, stack)
    }
    return stack
  }
  const {samples, timeDeltas} = profile
  // A sample lasts until the next one.
  for (let index = 0; index < samples.length; index++)
    each(stackOf(samples[index]), (timeDeltas[index + 1] ?? 0) / 1000)
}

/** A sampling profile of one call, through node:inspector. */
async function profileOf(session, run) {
  collect()
  await session.post('Profiler.start')
  run()
  const {profile} = await session.post('Profiler.stop')
  return profile
}

/**
 * A sampling profile of `passes` passes of our preset over the texts,
 * summed per stage (ms per pass), and the functions that take most of our
 * share; the bare parse is profiled in alternation with it, so that the
 * garbage collection our share adds can be told from the parser's.
 */
async function profileStages(texts, passes) {
  const runners = runnersFor(texts)
  const run = runners['our preset']
  const bare = runners['bare remark parse']
  run()
  bare()
  const session = new Session()
  session.connect()
  await session.post('Profiler.enable')
  await session.post('Profiler.setSamplingInterval', {interval: 250})
  const stageMs = new Map()
  const bareStageMs = new Map()
  const modulesByStage = new Map()
  const functions = new Map()
  const readers = new Map()
  const add = (map, key, ms) => map.set(key, (map.get(key) ?? 0) + ms)
  for (let pass = 0; pass < passes; pass++) {
    for (const [profile, stages] of [
      [await profileOf(session, run), stageMs],
      [await profileOf(session, bare), bareStageMs],
    ])
      readProfile(profile, (stack, ms) => {
        const stage = stageOf(stack)
        add(stages, stage, ms / passes)
        if (stages !== stageMs || !isOurs(stage)) return
        if (!modulesByStage.has(stage)) modulesByStage.set(stage, new Map())
        add(modulesByStage.get(stage), moduleOf(stack), ms / passes)
        if (stage === 'model') {
          const reader = readerOf(stack)
          if (!readers.has(reader)) readers.set(reader, new Map())
          add(readers.get(reader), moduleOf(stack), ms / passes)
        }
        const leaf = stack.at(-1)
        const file = leaf.url.includes('/node_modules/')
          ? leaf.url.replace(/^.*\/node_modules\//, '')
          : leaf.url.replace(/^.*\/dist\//, 'dist/')
        const where = leaf.url ? `${file}:${leaf.lineNumber + 1}` : ''
        add(
          functions,
          `${(leaf.functionName || '(anonymous)').slice(0, 60)} ${where}\t${stage}`,
          ms / passes,
        )
      })
  }
  session.disconnect()
  const ours = [...stageMs].filter(([stage]) => isOurs(stage))
  const oursMs = ours.reduce((sum, [, ms]) => sum + ms, 0)
  const totalMs = [...stageMs.values()].reduce((sum, ms) => sum + ms, 0)
  const bareMs = [...bareStageMs.values()].reduce((sum, ms) => sum + ms, 0)
  const stages = [...stageMs]
    .sort((a, b) => b[1] - a[1])
    .map(([stage, ms]) => ({
      stage,
      ms: round1(ms),
      percentOfPass: round1((ms / totalMs) * 100),
      percentOfOurs: isOurs(stage) ? round1((ms / oursMs) * 100) : undefined,
      bareParseMs: bareStageMs.has(stage) ? round1(bareStageMs.get(stage)) : undefined,
    }))
  const extraGcMs =
    (stageMs.get('garbage collection') ?? 0) - (bareStageMs.get('garbage collection') ?? 0)
  const model = modulesByStage.get('model') ?? new Map()
  const modelSplit = [
    'model',
    'time module',
    'chrono-node',
    'temporal-polyfill',
    'HTML parsing (hast-util-from-html)',
    'other',
  ].map((module) => ({
    module,
    ms: round1(model.get(module) ?? 0),
    percentOfOurs: round1(((model.get(module) ?? 0) / oursMs) * 100),
  }))
  const modelMs = stageMs.get('model') ?? 0
  // The readers, each split by module; those under 1% of the model summed as one row.
  const readerRows = [...readers].map(([reader, modules]) => {
    const ms = [...modules.values()].reduce((sum, value) => sum + value, 0)
    return {reader, ms, modules}
  })
  const small = readerRows.filter((row) => row.ms < modelMs / 100)
  const rest = {reader: `${small.length} others`, ms: 0, modules: new Map()}
  for (const row of small) {
    rest.ms += row.ms
    for (const [module, ms] of row.modules) add(rest.modules, module, ms)
  }
  const modelReaders = [...readerRows.filter((row) => row.ms >= modelMs / 100), rest]
    .filter((row) => row.ms > 0)
    .sort((a, b) => b.ms - a.ms)
    .map(({reader, ms, modules}) => ({
      reader,
      ms: round1(ms),
      percentOfModel: round1((ms / modelMs) * 100),
      ...Object.fromEntries(
        [
          'model',
          'time module',
          'chrono-node',
          'temporal-polyfill',
          'HTML parsing (hast-util-from-html)',
        ].map((module) => [module, round1(modules.get(module) ?? 0)]),
      ),
    }))
  // What each stage of ours spends in the time module, chrono-node and the tree walker.
  const libraries = [...modulesByStage]
    .map(([stage, modules]) => ({
      stage,
      ...Object.fromEntries(
        ['time module', 'chrono-node', 'temporal-polyfill', 'unist-util-visit-parents'].map(
          (module) => [module, round1(modules.get(module) ?? 0)],
        ),
      ),
    }))
    .filter((row) => Object.values(row).some((value) => typeof value === 'number' && value > 0))
  const hottest = [...functions]
    .sort((a, b) => b[1] - a[1])
    .slice(0, Number(process.env.BENCH_PROFILE_TOP ?? 20))
    .map(([key, ms]) => {
      const [name, stage] = key.split('\t')
      return {function: name, stage, ms: round1(ms), percentOfOurs: round1((ms / oursMs) * 100)}
    })
  return {
    passes,
    samplingIntervalUs: 250,
    passMs: round1(totalMs),
    bareParsePassMs: round1(bareMs),
    oursMs: round1(oursMs),
    extraGcMs: round1(extraGcMs),
    stages,
    modelSplit,
    modelReaders,
    libraries,
    hottest,
  }
}

function isOurs(stage) {
  return stage === 'model' || stage.startsWith('rule') || stage === 'message control'
}

/** CPU (user + system, every process it started) and wall time of the installed CLI, via bash's `time`. */
function cliRun(folder, reportPath) {
  const command = [
    process.execPath,
    path.join(root, 'dist', 'bin', 'postmortem-lint.js'),
    '--report',
    'json',
    folder,
  ]
    .map((part) => `'${part.replaceAll("'", "'\\''")}'`)
    .join(' ')
  const result = spawnSync(
    'bash',
    ['-c', `TIMEFORMAT='%3R %3U %3S'; time ${command} >/dev/null 2>'${reportPath}'`],
    {encoding: 'utf8', cwd: folder},
  )
  const [wall, user, system] = result.stderr.trim().split(/\s+/).map(Number)
  // Exit code 1: some document has an error, as most real postmortems do.
  if (result.status > 1 || !Number.isFinite(wall))
    throw new Error(`The CLI run failed: ${result.stderr || result.error}`)
  return {cpu: (user + system) * 1000, wall: wall * 1000}
}

/** Paired rounds of the CLI on the documents copied into a folder and the in-process bare parse. */
function cliPart(texts, names, rounds) {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'postmortem-bench-'))
  const reportPath = path.join(os.tmpdir(), `${path.basename(folder)}.json`)
  try {
    for (const [index, text] of texts.entries())
      writeFileSync(path.join(folder, names[index]), text)
    const bare = runnersFor(texts)['bare remark parse']
    bare()
    cliRun(folder, reportPath) // warms the file system cache
    const reported = JSON.parse(readFileSync(reportPath, 'utf8'))
    if (reported.length !== texts.length)
      throw new Error(`The CLI reported ${reported.length} files of ${texts.length}`)
    const cli = []
    const inProcess = []
    for (let round = 0; round < rounds; round++) {
      if (round % 2 === 0) {
        inProcess.push(measure(bare))
        cli.push(cliRun(folder, reportPath))
      } else {
        cli.push(cliRun(folder, reportPath))
        inProcess.push(measure(bare))
      }
    }
    return {
      command: 'node dist/bin/postmortem-lint.js --report json <folder>',
      cliWallMs: summary(cli.map((sample) => sample.wall)),
      cliCpuMs: summary(cli.map((sample) => sample.cpu)),
      bareParseWallMs: summary(inProcess.map((sample) => sample.wall)),
      bareParseCpuMs: summary(inProcess.map((sample) => sample.cpu)),
      wallRatio: summary(
        cli.map((sample, round) => sample.wall / inProcess[round].wall),
        2,
      ),
      cpuRatio: summary(
        cli.map((sample, round) => sample.cpu / inProcess[round].cpu),
        2,
      ),
    }
  } finally {
    rmSync(folder, {recursive: true, force: true})
    rmSync(reportPath, {force: true})
  }
}

/**
 * Runs the real-corpus part, prints its tables, and returns its results (or a
 * note why it was skipped). `only` (`side`, `profile` or `cli`) runs one piece.
 */
export async function realCorpus({rounds, only, profilePasses = 3}) {
  const {documents, missing} = readDocuments()
  if (documents.length === 0) {
    const note = `Real corpus skipped: no ${folders.join(' or ')} in ${sharedDir}.`
    console.log(note)
    return {skipped: note}
  }
  const note = missing.length ? ` (${missing.join(', ')} not found in ${sharedDir}: skipped)` : ''
  const cycled = Array.from({length: count}, (_, index) => documents[index % documents.length])
  const texts = cycled.map((document) => document.text)
  const bytes = texts.reduce((sum, text) => sum + Buffer.byteLength(text), 0)
  const present = folders.filter((folder) => !missing.includes(folder))
  console.log(
    `Real corpus: ${documents.length} documents of ${present.join(' and ')}${note}, cycled to ${count} (${(bytes / 1e6).toFixed(2)} MB); ${rounds} paired rounds, median (min–max).`,
  )
  const results = {
    documents: documents.length,
    folders: present,
    missing,
    files: count,
    megabytes: round2(bytes / 1e6),
    rounds,
  }

  const runs = (piece) => !only || only === piece
  if (runs('side')) results.sideBySide = sideBySide(texts, rounds)
  if (results.sideBySide)
    console.table(
      results.sideBySide.map((row) => ({
        configuration: row.name,
        'CPU ms': spread(row.cpuMs),
        'CPU ratio': spread(row.cpuRatio),
        'wall ms': spread(row.wallMs),
        'wall ratio': spread(row.wallRatio),
        'MB per CPU s': row.mbPerCpuSecond,
      })),
    )

  if (runs('profile')) {
    results.profile = await profileStages(texts, profilePasses)
    const {profile} = results
    console.log(
      `Where our preset's pass goes (sampling profile of ${profile.passes} passes alternating with the bare parse's, ms per pass of ${count} documents, so µs per document): ${profile.passMs} ms against the bare parse's ${profile.bareParsePassMs}; our stages ${profile.oursMs} ms, and ${profile.extraGcMs} ms more garbage collection than the bare parse's.`,
    )
    console.table(profile.stages)
    console.log('Model reading, by the module the time is spent in:')
    console.table(profile.modelSplit)
    console.log('Model reading, by reader (src/model/incident.ts) and module (ms per pass):')
    console.table(profile.modelReaders)
    if (profile.libraries.length) {
      console.log(
        'Time module, chrono-node, Temporal and tree walks per stage of ours (ms per pass):',
      )
      console.table(profile.libraries)
    }
    console.log('Functions taking most of our share (self time, ms per pass):')
    console.table(profile.hottest)
  }

  if (runs('cli')) {
    const names = cycled.map(
      (document, index) => `${String(index).padStart(4, '0')}-${document.folder}-${document.name}`,
    )
    results.cli = cliPart(texts, names, rounds)
    const {cli: row} = results
    console.log(
      `CLI on the ${count} real documents (${row.command}): wall ${spread(row.cliWallMs)} ms, ${spread(row.wallRatio)}x the in-process bare parse (${spread(row.bareParseWallMs)} ms); CPU ${spread(row.cliCpuMs)} ms, ${spread(row.cpuRatio)}x (${spread(row.bareParseCpuMs)} ms).`,
    )
  }
  return results
}
