#!/usr/bin/env node
/**
 * postmortem-lint: the preset on unified-engine. Finds files, reads
 * `.remarkrc*` / `remarkConfig` (which may add to, reconfigure or turn off our
 * rules, never silently drop them), honours `.remarkignore`, and reports.
 */
import {readFileSync, writeFileSync} from 'node:fs'
import {resolve} from 'node:path'
import process from 'node:process'
import {parseArgs} from 'node:util'
import type {Root} from 'mdast'
import {remark} from 'remark'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import type {Processor} from 'unified'
import {type Options as EngineOptions, engine} from 'unified-engine'
import type {VFile} from 'vfile'
import {reporter as prettyReporter} from 'vfile-reporter'
import {withPreset} from './config.js'
import {remarkExplain} from './explain/explain.js'
import {explainReport} from './explain/format.js'
import {applyFixes, writeFileAtomic} from './fix.js'
import preset from './index.js'
import {htmlReport} from './report-html.js'
import {githubReporter} from './reporters/github.js'
import {jsonReporter} from './reporters/json.js'
import {sarifReporter} from './reporters/sarif.js'
import {forgetModels} from './rule.js'
import {formatStats, type IncidentMetrics, remarkIncidentMetrics} from './stats.js'

const packageJson = JSON.parse(
  readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
) as {version: string}

const help = `Usage: postmortem-lint [--fix] [options] <file|folder|glob ...>
       postmortem-lint stats [--format table|json|csv|html] [-o <file>] <file|folder|glob ...>
       postmortem-lint explain [--summary] [--format text|json] [-o <file>] <file|folder|glob ...>

Check incident postmortems written in Markdown.

Options:
  --report <name>      reporter: "pretty" (default), "json", "sarif" (SARIF 2.1.0)
                       or "github" (GitHub Actions annotations)
  --fix                apply the safe fixes (missing section headings, a missing
                       stated duration, timestamp forms), then report what is left
  --frail              exit 1 on warnings too, not only on errors
  --quiet              report only files that have messages
  --verbose            show each message's note (what the reason leaves out:
                       accepted names, candidates, how a value was computed)
                       and the link to its rule's page
  --silently-ignore    do not complain about files given but ignored by .remarkignore
  --ignore-path <file> use this ignore file instead of .remarkignore
  --no-config          do not look for .remarkrc* or remarkConfig
  --no-color           plain output
  -h, --help           show this help
  -v, --version        show the version

stats: for each postmortem its start, end, zone, duration, time to detect, to
mitigate and to resolve, and impact share, then the count, median and 90th percentile of each,
and what could not be measured and why. --format html writes one self-contained
page with each incident on a time axis, the distribution of durations and the
table; -o <file> writes the report there instead of to stdout.

explain: what the model read of each postmortem (sections, stated start, end,
length and zone with the text each came from, the timeline's entries and their
times, the impact shares) and its suspicious readings (docs/explain.md);
--summary prints how many documents show each kind. Always exits 0.

Configuration: .remarkrc, .remarkrc.json, .remarkrc.js/.mjs/.cjs, .remarkrc.yml or
"remarkConfig" in package.json. The postmortem preset always applies; a config adds
plugins and may set a rule's severity and options: ["remark-preset-lint-postmortem/rules/<rule-id>", ["error", {...}]].
Messages of one rule are silenced with <!-- lint disable <rule-id> -->.
Exit code: 0 when clean, 1 on errors (or warnings with --frail).`

type Reporter = (files: VFile[], options?: object) => string
const reporters: Record<string, Reporter> = {
  pretty: prettyReporter as Reporter,
  json: jsonReporter as Reporter,
  sarif: (files) => sarifReporter(files, {version: packageJson.version}),
  github: (files) => githubReporter(files),
}

function fail(message: string): never {
  process.stderr.write(`postmortem-lint: ${message}\n`)
  process.exit(1)
}

let parsed: ReturnType<typeof parseOptions>
function parseOptions() {
  return parseArgs({
    allowPositionals: true,
    options: {
      report: {type: 'string', default: 'pretty'},
      frail: {type: 'boolean', default: false},
      fix: {type: 'boolean', default: false},
      quiet: {type: 'boolean', default: false},
      verbose: {type: 'boolean', default: false},
      'silently-ignore': {type: 'boolean', default: false},
      'ignore-path': {type: 'string'},
      config: {type: 'boolean', default: true},
      'no-config': {type: 'boolean', default: false},
      color: {type: 'boolean', default: process.stderr.isTTY === true},
      'no-color': {type: 'boolean', default: false},
      format: {type: 'string', default: 'table'},
      summary: {type: 'boolean', default: false},
      output: {type: 'string', short: 'o'},
      help: {type: 'boolean', short: 'h', default: false},
      version: {type: 'boolean', short: 'v', default: false},
    },
  })
}

try {
  parsed = parseOptions()
} catch (error) {
  fail(`${(error as Error).message}\n\n${help}`)
}

const {values, positionals} = parsed
if (values.help) {
  process.stdout.write(`${help}\n`)
  process.exit(0)
}
if (values.version) {
  process.stdout.write(`${packageJson.version}\n`)
  process.exit(0)
}
const reporter = reporters[values.report ?? 'pretty']
if (!reporter)
  fail(
    `Unexpected value \`${values.report}\` for \`--report\`, expected ${Object.keys(reporters)
      .map((name) => `\`${name}\``)
      .join(', ')}`,
  )
if (positionals.length === 0) fail(`no input: give files, folders or globs\n\n${help}`)

const isStats = positionals[0] === 'stats'
const isExplain = positionals[0] === 'explain'
/** `stats` and `explain` read the incident model only: no rules, no configuration, exit code 0. */
const readsModel = isStats || isExplain
const files = readsModel ? positionals.slice(1) : positionals
const formats = ['table', 'json', 'csv', 'html'] as const
const format = values.format as (typeof formats)[number]
if (isStats && !formats.includes(format))
  fail(
    `Unexpected value \`${values.format}\` for \`--format\`, expected \`table\`, \`json\`, \`csv\`, \`html\``,
  )
if (isExplain && !['table', 'text', 'json'].includes(format))
  fail(`Unexpected value \`${values.format}\` for \`--format\`, expected \`text\`, \`json\``)
if (files.length === 0) fail(`no input: give files, folders or globs\n\n${help}`)
if (readsModel && values.fix)
  fail(`Unexpected option \`--fix\` for \`${positionals[0]}\`, expected it without \`--fix\``)

/** `stats` reads the incident model only (no rules, no configuration) and prints metrics to stdout. */
const statsReporter = (vfiles: VFile[]) => {
  const rows = vfiles.map(
    (file) =>
      (file.data.incidentMetrics as IncidentMetrics | undefined) ?? {
        path: file.path,
        problems: file.messages.map((message) => message.reason),
      },
  )
  const report = format === 'html' ? htmlReport(rows) : formatStats(rows, format)
  if (!values.output) return report
  writeFileSync(values.output, report.endsWith('\n') ? report : `${report}\n`)
  return ''
}

/**
 * The CLI reports messages only, so once they are final each tree and its
 * incident model are dropped instead of being kept until every file is done:
 * fewer objects for the collector to copy (scavenges over the bench corpus
 * 720–750 → 600–640 ms). Attached from inside its attacher, like message
 * control, so that it runs after it.
 */
function releaseTrees(this: Processor) {
  this.use(() => (tree: Root, file: VFile) => {
    tree.children = []
    forgetModels(file)
  })
}

/** `explain` prints what the model read and its suspicious readings, to stdout. */
const explainReporter = (vfiles: VFile[]) => {
  const report = explainReport(vfiles, {
    format: format === 'json' ? 'json' : 'text',
    summary: values.summary === true,
  })
  if (!values.output) return report
  writeFileSync(values.output, `${report}\n`)
  return ''
}

const engineOptions: EngineOptions = {
  processor: readsModel
    ? remark()
        .use(remarkFrontmatter, ['yaml', 'toml'])
        .use(remarkGfm)
        .use(isExplain ? remarkExplain : remarkIncidentMetrics)
    : remark(),
  files,
  cwd: process.cwd(),
  extensions: ['md', 'markdown', 'mdown', 'mkdn', 'mkd', 'mdwn', 'mkdown', 'ron'],
  ignoreName: '.remarkignore',
  ...(values['ignore-path'] ? {ignorePath: values['ignore-path']} : {}),
  rcName: '.remarkrc',
  packageField: 'remarkConfig',
  pluginPrefix: 'remark',
  detectConfig: !readsModel && values.config && !values['no-config'],
  ...(readsModel
    ? {}
    : {defaultConfig: preset, configTransform: withPreset, plugins: [releaseTrees]}),
  silentlyIgnore: values['silently-ignore'],
  quiet: values.quiet,
  // vfile-reporter prints notes and links with `verbose`, as `remark --verbose` does.
  verbose: values.verbose,
  frail: values.frail,
  output: false,
  out: false,
  color: values.color && !values['no-color'],
  reporter: isExplain ? explainReporter : isStats ? statsReporter : reporter,
  // Machine-read reports (SARIF, workflow commands) go to stdout; the others to stderr as in remark-cli.
  streamError:
    readsModel || values.report === 'sarif' || values.report === 'github'
      ? process.stdout
      : process.stderr,
}

/** One run of unified-engine over the inputs; resolves with the files it read. */
function lint(overrides: Partial<EngineOptions> = {}): Promise<{code: number; files: VFile[]}> {
  return new Promise((resolveRun) => {
    engine({...engineOptions, ...overrides}, (error, code, context) => {
      if (error) fail(error.message)
      resolveRun({code: code ?? 0, files: context?.files ?? []})
    })
  })
}

/**
 * Apply the safe fixes, again on the result until nothing is left to fix (a
 * fix can only reveal another in a later run), at most a few rounds.
 */
async function fixFiles(): Promise<void> {
  for (let round = 0; round < 4; round++) {
    const {files: linted} = await lint({reporter: () => '', quiet: true})
    let changed = false
    for (const file of linted) {
      if (!file.data.unifiedEngineGiven || file.data.unifiedEngineIgnored || !file.path) continue
      const before = String(file)
      const after = applyFixes(before, file.messages)
      if (after === before) continue
      const path = resolve(file.cwd, file.path)
      // Never overwrite an edit made while we were reading, nor a file that is not UTF-8.
      if (!readFileSync(path).equals(Buffer.from(before, 'utf8'))) continue
      writeFileAtomic(path, after)
      changed = true
    }
    if (!changed) return
  }
}

if (values.fix) await fixFiles()
const {code} = await lint()
process.exitCode = readsModel ? 0 : code
