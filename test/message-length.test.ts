/**
 * Messages as short as remark-lint's (issue 17): the reasons' median and 90th
 * percentile length over the fixtures (and, when ../shared exists, over the
 * real postmortems with the broken fixtures), and the widest line of the
 * CLI's default report on the broken fixtures, which `npm run examples` shows.
 */
import {spawnSync} from 'node:child_process'
import {existsSync, readdirSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {lintFile, root, sharedDir} from './helpers.js'

/** Nearest-rank percentile of sorted numbers (as scripts/message-lengths.js computes it). */
function percentile(sorted: readonly number[], share: number): number {
  return sorted[Math.max(0, Math.ceil(share * sorted.length) - 1)] ?? 0
}

function markdownIn(folder: string, keep: (name: string) => boolean = () => true): string[] {
  return readdirSync(folder)
    .filter((name) => name.endsWith('.md') && name !== 'README.md' && keep(name))
    .sort()
    .map((name) => path.join(folder, name))
}

const broken = markdownIn(path.join(root, 'fixtures'), (name) => name.includes('.broken.'))
const kinds = markdownIn(path.join(root, 'fixtures', 'kinds'))
const corpora = ['corpus-dev', 'corpus-wild']
  .map((folder) => path.join(sharedDir, folder))
  .filter((folder) => existsSync(folder))

async function reasonLengths(files: readonly string[]) {
  const lengths: number[] = []
  for (const name of files) {
    const file = await lintFile(readFileSync(name, 'utf8'), undefined, name)
    for (const message of file.messages) lengths.push(message.reason.length)
  }
  const sorted = lengths.sort((a, b) => a - b)
  return {count: sorted.length, median: percentile(sorted, 0.5), p90: percentile(sorted, 0.9)}
}

describe('reason length', () => {
  it('computes percentiles by nearest rank', () => {
    expect(percentile([10, 20, 30, 40, 50, 60, 70, 80, 90, 100], 0.5)).toBe(50)
    expect(percentile([10, 20, 30, 40, 50, 60, 70, 80, 90, 100], 0.9)).toBe(90)
    expect(percentile([7], 0.9)).toBe(7)
  })

  it('has a median of at most 90 and a 90th percentile of at most 130 over the fixtures', async () => {
    const stats = await reasonLengths([...broken, ...kinds])
    // Enough messages for the percentiles to mean something.
    expect(stats.count).toBeGreaterThan(40)
    expect(stats.median).toBeLessThanOrEqual(90)
    expect(stats.p90).toBeLessThanOrEqual(130)
  })

  it.skipIf(corpora.length === 0)(
    'has a median of at most 90 and a 90th percentile of at most 130 over ../shared and the broken fixtures',
    async () => {
      const files = [...corpora.flatMap((folder) => markdownIn(folder)), ...broken]
      const stats = await reasonLengths(files)
      console.log(
        `reasons over ${corpora.map((folder) => path.basename(folder)).join(', ')} and fixtures/*.broken.md: ${stats.count} messages, median ${stats.median}, p90 ${stats.p90}`,
      )
      expect(stats.count).toBeGreaterThan(500)
      expect(stats.median).toBeLessThanOrEqual(90)
      expect(stats.p90).toBeLessThanOrEqual(130)
    },
  )
})

describe('the default report', () => {
  it('is no wider than 160 columns on the broken fixtures', () => {
    const result = spawnSync(
      process.execPath,
      [
        path.join(root, 'dist', 'cli.js'),
        '--no-color',
        ...broken.map((name) => path.relative(root, name)),
      ],
      {cwd: root, encoding: 'utf8'},
    )
    expect(result.status).toBe(1)
    const lines = result.stderr.trimEnd().split('\n')
    // Every broken fixture is reported, one line per message and per related place at least.
    expect(lines.length).toBeGreaterThan(40)
    const widest = Math.max(...lines.map((line) => [...line].length))
    expect(widest).toBeLessThanOrEqual(160)
  })
})
