/**
 * The CLI as users run it: a child process on real files, its exit code, its
 * JSON report, configuration files, ignore files and message control, and the
 * same messages through plain remark-cli.
 */
import {spawnSync} from 'node:child_process'
import {cpSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {root} from './helpers.js'

const cli = path.join(root, 'dist', 'cli.js')
const temporary: string[] = []
afterAll(() => {
  for (const directory of temporary) rmSync(directory, {recursive: true, force: true})
})

function run(args: string[], cwd = root, env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [cli, ...args], {
    cwd,
    encoding: 'utf8',
    env: {...process.env, ...env},
  })
  return {code: result.status, stdout: result.stdout, stderr: result.stderr}
}

interface JsonMessage {
  line: number
  column: number
  ruleId: string
  source: string
  reason: string
  fatal: boolean
  note?: string
  related?: {reason: string; place: {start: {line: number; column: number}}; also?: boolean}[]
}

function jsonReport(output: string): {path: string; messages: JsonMessage[]}[] {
  return JSON.parse(output.slice(output.indexOf('['), output.lastIndexOf(']') + 1))
}

const summary = (messages: JsonMessage[]) =>
  messages
    .map((message) => `${message.line}:${message.column} ${message.ruleId} ${message.reason}`)
    .sort()

/** A throwaway project folder holding copies of fixtures. */
function project(files: Record<string, string>): string {
  const directory = mkdtempSync(path.join(tmpdir(), 'postmortem-lint-'))
  temporary.push(directory)
  for (const [name, content] of Object.entries(files))
    writeFileSync(path.join(directory, name), content)
  return directory
}

const broken = readFileSync(path.join(root, 'fixtures', 'atx-headings.broken.md'), 'utf8')
const clean = readFileSync(path.join(root, 'fixtures', 'atx-headings.clean.md'), 'utf8')

describe('postmortem-lint', () => {
  it('exits 0 on a clean file and prints nothing of the document', () => {
    const result = run(['fixtures/atx-headings.clean.md'])
    expect(result.code).toBe(0)
    expect(result.stdout).toBe('')
    expect(result.stderr).toContain('no issues found')
  })

  it('exits 1 on errors and writes a JSON report in vfile-reporter-json shape', () => {
    const result = run(['--report', 'json', 'fixtures'])
    expect(result.code).toBe(1)
    const report = jsonReport(result.stderr)
    expect(report.map((file) => file.path).sort()).toContain('fixtures/atx-headings.broken.md')
    const file = report.find((entry) => entry.path === 'fixtures/atx-headings.broken.md')
    expect(
      file?.messages.every((message) => message.source === 'remark-lint' && message.fatal === true),
    ).toBe(true)
    expect(summary(file?.messages ?? [])).toContain(
      '16:5 postmortem-timeline-timestamps Unexpected impossible time `25:10`, expected an hour from 0 to 23',
    )
    // The note (vfile-reporter-json's own field) and the related places (ours).
    const impossible = file?.messages.find((message) => message.line === 16)
    expect(impossible?.note).toBe(
      '`25:10`: hour 25 does not exist. The entry cannot be placed in time, so no other rule checks it.',
    )
    const before = file?.messages.find((message) => message.line === 12)
    expect(before?.related).toEqual([
      {
        reason: 'The stated start',
        place: {start: {line: 7, column: 17, offset: 160}, end: {line: 7, column: 35, offset: 178}},
      },
    ])
  })

  it("prints each message's note with --verbose, and none without", () => {
    const file = 'fixtures/kinds/entries-outside-the-window.md'
    const plain = run([file]).stderr
    const verbose = run(['--verbose', file]).stderr
    expect(plain).not.toContain('[note]')
    const lines = verbose.split('\n')
    // Each message's row, then its cause, its rule's page and its note, as remark-cli prints them.
    const row = lines.findIndex((line) => line.includes('3 entries, `10:20 UTC` to `10:50 UTC`'))
    expect(row).toBeGreaterThan(-1)
    expect(
      lines.slice(row + 1, row + 10).map((line) => line.replace(/\s+/g, ' ').trimEnd()),
    ).toEqual([
      ' [cause]:',
      ' 5:11-5:30 info The stated start postmortem-duration-consistency remark-lint',
      ' [url]:',
      ' https://github.com/postmortem-lint/remark-preset-lint-postmortem/blob/main/docs/rules/postmortem-duration-consistency.md',
      ' [note]:',
      ' The stated start is `June 3, 2024, 11:00` (5:11); these entries are before it:',
      ' `10:20 UTC` (11:3), `10:35 UTC` (12:3), `10:50 UTC` (13:3)',
      ' An entry that only records a change (a deploy, a config push) may come before the start.',
      expect.stringContaining('2 entries, `12:20 UTC` and `12:40 UTC`'),
    ])
    // Every message of every broken fixture has a note, and --verbose prints each.
    const broken = run(['--report', 'json', 'fixtures']).stderr
    const notes = jsonReport(broken).flatMap((entry) =>
      entry.messages.map((message) => message.note),
    )
    expect(notes.length).toBeGreaterThan(30)
    const shown = run(['--verbose', 'fixtures']).stderr
    for (const note of notes) {
      expect(note).toBeTruthy()
      for (const line of note?.split('\n') ?? []) expect(shown).toContain(`    ${line}`)
    }
  })

  it('gives the same messages as remark-cli with the preset', () => {
    const ours = jsonReport(run(['--report', 'json', 'fixtures/atx-headings.broken.md']).stderr)
    const remarkCli = spawnSync(
      process.execPath,
      [
        path.join(root, 'node_modules', 'remark-cli', 'cli.js'),
        '--use',
        'remark-preset-lint-postmortem',
        '--no-stdout',
        '--report',
        'json',
        'fixtures/atx-headings.broken.md',
      ],
      {cwd: root, encoding: 'utf8'},
    )
    const theirs = jsonReport(remarkCli.stderr)
    expect(summary(ours[0]?.messages ?? []).length).toBeGreaterThan(3)
    expect(summary(theirs[0]?.messages ?? [])).toEqual(summary(ours[0]?.messages ?? []))
  })

  it('answers --help and --version, and refuses an unknown reporter', () => {
    expect(run(['--help']).stdout).toContain('Usage: postmortem-lint')
    expect(run(['--version']).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/)
    const bad = run(['--report', 'xml', 'fixtures'])
    expect(bad.code).toBe(1)
    expect(bad.stderr).toContain('Unexpected value `xml` for `--report`, expected `pretty`, `json`')
  })

  it('knows our preset and rules imported by a JavaScript config as ours (the CLI is a bundle)', () => {
    const index = JSON.stringify(path.join(root, 'dist', 'index.js'))
    const expected = summary(
      jsonReport(run(['--report', 'json', 'a.md'], project({'a.md': broken})).stderr)[0]
        ?.messages ?? [],
    ).filter((line) => !line.includes('postmortem-impact-percentage'))
    const imported = project({
      'a.md': broken,
      '.remarkrc.mjs': `import preset, {remarkLintPostmortemImpactPercentage} from ${index}\nexport default {plugins: [preset, [remarkLintPostmortemImpactPercentage, false]]}\n`,
    })
    const messages = jsonReport(run(['--report', 'json', 'a.md'], imported).stderr)[0]?.messages
    // Each message once (the preset is not applied twice), the rule turned off.
    expect(summary(messages ?? [])).toEqual(expected)
    expect(expected.length).toBeGreaterThan(0)
  })

  it('keeps the preset when a .remarkrc exists, and lets it turn a rule off or reconfigure it', () => {
    const withEmptyConfig = project({'a.md': broken, '.remarkrc.json': '{"plugins": []}'})
    expect(
      summary(
        jsonReport(run(['--report', 'json', 'a.md'], withEmptyConfig).stderr)[0]?.messages ?? [],
      ).length,
    ).toBe(8)

    const turnedOff = project({
      'a.md': broken,
      '.remarkrc.json': JSON.stringify({
        plugins: [
          ['remark-preset-lint-postmortem/rules/postmortem-impact-percentage', false],
          ['postmortem-required-sections', ['warn', {required: ['summary', 'timeline']}]],
        ],
      }),
    })
    const messages =
      jsonReport(run(['--report', 'json', 'a.md'], turnedOff).stderr)[0]?.messages ?? []
    expect(messages.some((message) => message.ruleId === 'postmortem-impact-percentage')).toBe(
      false,
    )
    expect(messages.some((message) => message.ruleId === 'postmortem-required-sections')).toBe(
      false,
    )
    expect(messages.length).toBe(5)
  })

  it('fails clearly on a wrong option, naming the rule and the option', () => {
    const directory = project({
      'a.md': clean,
      '.remarkrc.json': JSON.stringify({
        plugins: [['postmortem-duration-consistency', {tolerance: '5'}]],
      }),
    })
    const result = run(['a.md'], directory)
    expect(result.code).toBe(1)
    expect(result.stderr).toContain(
      'Unexpected value `"5"` for option `tolerance` of `postmortem-duration-consistency`, expected a number of minutes, 0 or more',
    )
    expect(result.stderr).not.toMatch(/\n\s+at /)
  })

  it('honours <!-- lint disable --> comments', () => {
    const directory = project({
      'a.md': `<!-- lint disable postmortem-timeline-timestamps postmortem-timeline-order -->\n\n${broken}`,
    })
    const messages =
      jsonReport(run(['--report', 'json', 'a.md'], directory).stderr)[0]?.messages ?? []
    expect(messages.map((message) => message.ruleId)).not.toContain(
      'postmortem-timeline-timestamps',
    )
    expect(messages.map((message) => message.ruleId)).not.toContain('postmortem-timeline-order')
    expect(messages.length).toBe(6)
  })

  it('skips files in .remarkignore, quietly with --silently-ignore', () => {
    const directory = project({'a.md': broken, 'b.md': clean, '.remarkignore': 'a.md\n'})
    const loud = run(['a.md', 'b.md'], directory)
    expect(loud.stderr).toContain('Cannot process specified file: it’s ignored')
    const quiet = run(['--silently-ignore', 'a.md', 'b.md'], directory)
    expect(quiet.code).toBe(0)
    expect(quiet.stderr).not.toContain('a.md')
  })

  it('exits 1 on warnings only with --frail', () => {
    const directory = project({
      'a.md': broken,
      '.remarkrc.json': JSON.stringify({
        plugins: Object.keys({
          'postmortem-required-sections': 1,
          'postmortem-timeline-timestamps': 1,
          'postmortem-timeline-order': 1,
          'postmortem-duration-consistency': 1,
          'postmortem-impact-percentage': 1,
        }).map((rule) => [rule, ['warn']]),
      }),
    })
    expect(run(['a.md'], directory).code).toBe(0)
    expect(run(['--frail', 'a.md'], directory).code).toBe(1)
  })

  it('never writes to the linted files', () => {
    const directory = project({})
    cpSync(path.join(root, 'fixtures'), directory, {recursive: true})
    const before = statSync(path.join(directory, 'atx-headings.broken.md'))
    run(['.'], directory)
    const after = statSync(path.join(directory, 'atx-headings.broken.md'))
    expect(after.mtimeMs).toBe(before.mtimeMs)
    expect(readFileSync(path.join(directory, 'atx-headings.broken.md'), 'utf8')).toBe(broken)
  })

  it('gives byte-identical reports whatever the host zone', () => {
    const reports = ['UTC', 'America/Los_Angeles', 'Asia/Kolkata', 'Pacific/Kiritimati'].map(
      (zone) => run(['--report', 'json', 'fixtures'], root, {TZ: zone, LANG: 'de_DE.UTF-8'}).stderr,
    )
    expect(new Set(reports).size).toBe(1)
  })
})
