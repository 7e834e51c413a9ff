/**
 * Fixes: each broken fixture fixed gives exactly its file in test/data/fixed;
 * a fix touches only flagged lines, is idempotent, keeps CRLF line endings,
 * writes nothing to files without fixes, and is atomic (a killed run leaves
 * the old file or the new one). The same on copies of the seeds.
 */
import {spawn, spawnSync} from 'node:child_process'
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import type {Preset} from 'unified'
import {afterAll, describe, expect, it} from 'vitest'
import {applyFixes} from '../src/fix.js'
import preset, {remarkLintPostmortemStatedDuration} from '../src/index.js'
import {fixMarker, isFixable} from '../src/rule.js'
import {fixture, hasSeeds, lintFile, root, seedFiles, seedsDir} from './helpers.js'

const cli = path.join(root, 'dist', 'cli.js')
const fixedDir = path.join(root, 'test', 'data', 'fixed')
const fixtureNames = readdirSync(path.join(root, 'fixtures')).filter((name) => name.endsWith('.md'))
const temporary: string[] = []
afterAll(() => {
  for (const directory of temporary) rmSync(directory, {recursive: true, force: true})
})

function scratch(): string {
  const directory = mkdtempSync(path.join(tmpdir(), 'postmortem-fix-'))
  temporary.push(directory)
  return directory
}

function run(args: string[], cwd: string) {
  const result = spawnSync(process.execPath, [cli, ...args], {cwd, encoding: 'utf8'})
  return {code: result.status, stdout: result.stdout, stderr: result.stderr}
}

/** Lines of `before` that `after` does not keep (a longest-common-subsequence diff). */
function changedLines(before: string, after: string): number[] {
  const a = before.split('\n')
  const b = after.split('\n')
  const width = b.length + 1
  const common = new Int32Array((a.length + 1) * width)
  const at = (i: number, j: number) => common[i * width + j] ?? 0
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--)
      common[i * width + j] =
        a[i] === b[j] ? at(i + 1, j + 1) + 1 : Math.max(at(i + 1, j), at(i, j + 1))
  const changed: number[] = []
  let i = 0
  let j = 0
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      i++
      j++
    } else if (at(i + 1, j) >= at(i, j + 1)) changed.push(++i)
    else j++
  }
  while (i < a.length) changed.push(++i)
  return changed
}

/** Fix a document in memory as `--fix` does, and check what a fix must never do. */
async function fixAndCheck(source: string, config?: Parameters<typeof lintFile>[1]) {
  const file = await lintFile(source, config)
  const fixable = file.messages.filter(isFixable)
  const fixed = applyFixes(source, file.messages)
  // Only lines that carry a fixable message change.
  const flaggedLines = new Set(
    fixable.map((message) => {
      const place = message.place
      return (place && 'start' in place ? place.start : place)?.line
    }),
  )
  for (const line of changedLines(source, fixed)) expect(flaggedLines).toContain(line)
  // A second run finds nothing left to fix.
  const again = await lintFile(fixed, config)
  expect(again.messages.filter(isFixable).map((message) => message.reason)).toEqual([])
  expect(applyFixes(fixed, again.messages)).toBe(fixed)
  return {fixed, fixable}
}

describe('fixes on the fixtures', () => {
  for (const name of fixtureNames) {
    it(`${name}: fixed as in test/data/fixed, only flagged lines, idempotent`, async () => {
      const {fixed, fixable} = await fixAndCheck(fixture(name))
      const expectedPath = path.join(fixedDir, name)
      if (existsSync(expectedPath)) {
        expect(fixable.length).toBeGreaterThan(0)
        expect(fixed).toBe(readFileSync(expectedPath, 'utf8'))
      } else {
        expect(fixable).toEqual([])
        expect(fixed).toBe(fixture(name))
      }
    })
  }

  it('keeps CRLF line endings, in what it inserts too', async () => {
    const crlf = fixture('start-end-fields.broken.md').replaceAll('\n', '\r\n')
    const {fixed} = await fixAndCheck(crlf)
    expect(fixed).toBe(
      readFileSync(path.join(fixedDir, 'start-end-fields.broken.md'), 'utf8').replaceAll(
        '\n',
        '\r\n',
      ),
    )
    expect(fixed.replaceAll('\r\n', '')).not.toContain('\n')
  })

  it('puts a missing section before a higher-level later one, written like its level', async () => {
    const source = [
      '# Cache stampede',
      '',
      '### Summary',
      '',
      'The cache expired at once.',
      '',
      '## Timeline',
      '',
      '- 10:00 UTC: errors fire',
      '- 10:30 UTC: service restored',
      '',
      '### Root cause',
      '',
      'Every key shared one expiry.',
      '',
      '### Resolution',
      '',
      'Warmed the cache.',
      '',
      '### Corrective and Preventative Measures',
      '',
      '- Jitter expiries.',
      '',
    ].join('\n')
    const {fixed} = await fixAndCheck(source)
    expect(fixed).toBe(
      source.replace('## Timeline', '### Duration\n\nTODO\n\n### Impact\n\nTODO\n\n## Timeline'),
    )
  })

  it('leaves an edit that overlaps an earlier one for the next run', () => {
    const message = (start: number, end: number, text: string) =>
      Object.assign(
        {
          place: {
            start: {line: 1, column: start + 1, offset: start},
            end: {line: 1, column: end + 1, offset: end},
          },
          expected: [text],
        },
        {[fixMarker]: true},
      ) as unknown as Parameters<typeof applyFixes>[1][number]
    expect(applyFixes('abcdef', [message(1, 3, 'X'), message(2, 4, 'Y'), message(5, 5, '!')])).toBe(
      'aXde!f',
    )
  })
})

describe('postmortem-lint --fix', () => {
  it('fixes the broken fixtures, reports what is left, and writes nothing else', () => {
    const directory = scratch()
    for (const name of fixtureNames)
      cpSync(path.join(root, 'fixtures', name), path.join(directory, name))
    const untouched = fixtureNames.filter((name) => !existsSync(path.join(fixedDir, name)))
    const before = new Map(
      untouched.map((name) => [name, statSync(path.join(directory, name)).mtimeMs]),
    )
    const first = run(['--fix', '--no-config', '--report', 'json', '.'], directory)
    expect(first.code).toBe(1)
    for (const name of fixtureNames) {
      const written = readFileSync(path.join(directory, name), 'utf8')
      const expectedPath = path.join(fixedDir, name)
      expect(written).toBe(
        existsSync(expectedPath) ? readFileSync(expectedPath, 'utf8') : fixture(name),
      )
    }
    for (const name of untouched)
      expect(statSync(path.join(directory, name)).mtimeMs).toBe(before.get(name))
    // The report is of the fixed files: what --fix cannot fix, and the placeholders it left.
    const report = JSON.parse(first.stderr) as {messages: {ruleId: string}[]}[]
    const rules = new Set(report.flatMap((file) => file.messages.map((message) => message.ruleId)))
    expect(rules).not.toContain('postmortem-required-sections')
    expect(rules).not.toContain('postmortem-timestamp-form')
    expect(rules).toContain('postmortem-no-placeholders')
    expect(readdirSync(directory).filter((name) => name.includes('postmortem-fix'))).toEqual([])

    // A second run changes nothing, not even a file's time.
    const times = new Map(
      fixtureNames.map((name) => [name, statSync(path.join(directory, name)).mtimeMs]),
    )
    run(['--fix', '--no-config', '.'], directory)
    for (const name of fixtureNames)
      expect(statSync(path.join(directory, name)).mtimeMs).toBe(times.get(name))
  })

  it('does not write a file that is not UTF-8', () => {
    const directory = scratch()
    // Latin-1 `é` (0xe9) in a postmortem that misses sections: decoding would replace it.
    const bytes = Buffer.concat([
      Buffer.from('# Caf'),
      Buffer.from([0xe9]),
      Buffer.from(' outage\n\n## Summary\n\nDown.\n\n## Timeline\n\n- 10:00 UTC: errors\n'),
    ])
    writeFileSync(path.join(directory, 'latin1.md'), bytes)
    run(['--fix', '--no-config', 'latin1.md'], directory)
    expect(readFileSync(path.join(directory, 'latin1.md')).equals(bytes)).toBe(true)
  })

  it('refuses --fix with stats', () => {
    const result = run(['stats', '--fix', 'fixtures'], root)
    expect(result.code).toBe(1)
    expect(result.stderr).toBe(
      'postmortem-lint: Unexpected option `--fix` for `stats`, expected it without `--fix`\n',
    )
  })

  it('is atomic: a run killed at any moment leaves the old file or the new one', async () => {
    const directory = scratch()
    // A big postmortem: the write takes long enough to be interrupted.
    const entries = Array.from(
      {length: 60_000},
      (_, index) =>
        `- ${String(Math.floor(index / 60) % 24).padStart(2, '0')}:${String(index % 60).padStart(2, '0')} UTC: step ${index}`,
    )
    const original = `# Incident\n\n## Summary\n\nDuration: 00:00 - 23:59 UTC\n\nImpact: 10% of users.\n\n## Timeline\n\n${entries.join('\n')}\n\n## Resolution\n\nRolled back.\n`
    const target = path.join(directory, 'big.md')
    writeFileSync(target, original)
    const fixed = applyFixes(original, (await lintFile(original)).messages)
    expect(fixed).not.toBe(original)
    const outcomes = new Set<string>()
    for (const delay of [150, 400, 700, 1000, 1300, 1600, 2000, 2500]) {
      writeFileSync(target, original)
      const child = spawn(process.execPath, [cli, '--fix', '--no-config', 'big.md'], {
        cwd: directory,
        stdio: 'ignore',
      })
      await new Promise((resolve) => setTimeout(resolve, delay))
      child.kill('SIGKILL')
      await new Promise((resolve) => child.once('exit', resolve))
      const now = readFileSync(target, 'utf8')
      expect(now === original || now === fixed).toBe(true)
      outcomes.add(now === original ? 'old' : 'new')
    }
    // Some runs were killed before the rename; the file was whole every time.
    expect(outcomes.has('old')).toBe(true)
  }, 60_000)
})

describe.skipIf(!hasSeeds)('fixes on copies of the seeds', () => {
  const ranges: Preset = {
    plugins: [preset, [remarkLintPostmortemStatedDuration, ['warn', {ranges: true}]]],
  }
  for (const name of seedFiles()) {
    it(`${name}: only flagged lines change, and a second run changes nothing`, async () => {
      const source = readFileSync(path.join(seedsDir, name), 'utf8')
      await fixAndCheck(source)
      const {fixed, fixable} = await fixAndCheck(source, ranges)
      // Every seed states start and end; with `ranges`, each gets its length.
      expect(fixable.some((message) => message.ruleId === 'postmortem-stated-duration')).toBe(true)
      expect(fixed).not.toBe(source)
    })
  }

  it('writes the same through the CLI on a copy with CRLF line endings', () => {
    const directory = scratch()
    const name = seedFiles()[0] as string
    const crlf = readFileSync(path.join(seedsDir, name), 'utf8').replaceAll('\n', '\r\n')
    writeFileSync(path.join(directory, name), crlf)
    writeFileSync(
      path.join(directory, '.remarkrc.json'),
      JSON.stringify({
        plugins: [[path.join(root, 'dist/rules/postmortem-stated-duration.js'), {ranges: true}]],
      }),
    )
    run(['--fix', name], directory)
    const written = readFileSync(path.join(directory, name), 'utf8')
    expect(written).not.toBe(crlf)
    expect(written.replaceAll('\r\n', '')).not.toContain('\n')
  })
})
