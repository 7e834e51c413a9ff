/** `postmortem-lint stats`: per-incident metrics and the set's count, median and 90th percentile. */
import {spawnSync} from 'node:child_process'
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {summarise} from '../src/stats.js'
import {root} from './helpers.js'

const stats = (...args: string[]) =>
  spawnSync(process.execPath, [path.join(root, 'dist', 'cli.js'), 'stats', ...args], {
    cwd: root,
    encoding: 'utf8',
  })

describe('summarise', () => {
  it('gives count, median and nearest-rank 90th percentile, ignoring what was not measured', () => {
    expect(summarise([10, undefined, 30, 20, 40])).toEqual({count: 4, median: 25, p90: 40})
    expect(summarise(Array.from({length: 10}, (_, index) => index + 1))).toEqual({
      count: 10,
      median: 5.5,
      p90: 9,
    })
    expect(summarise([undefined])).toEqual({count: 0})
  })
})

describe('postmortem-lint stats', () => {
  it('measures each postmortem (JSON)', () => {
    const result = stats(
      '--format',
      'json',
      'fixtures/html-blocks.clean.md',
      'fixtures/atx-headings.clean.md',
      'fixtures/plain-labels.broken.md',
    )
    expect(result.status).toBe(0)
    const {incidents, summary} = JSON.parse(result.stdout)
    expect(incidents).toEqual([
      {
        path: 'fixtures/atx-headings.clean.md',
        problems: [],
        start: '2024-05-02T09:10:00.000Z',
        end: '2024-05-02T10:40:00.000Z',
        zone: 'UTC',
        durationMinutes: 90,
        timeToDetectMinutes: 4,
        // `10:20 UTC: Previous limit restored; errors begin to drop.`
        timeToMitigateMinutes: 70,
        timeToResolveMinutes: 90,
        impactPercent: 18,
      },
      {
        path: 'fixtures/html-blocks.clean.md',
        problems: [],
        start: '2024-04-09T08:00:00.000Z',
        end: '2024-04-09T09:30:00.000Z',
        zone: 'UTC',
        durationMinutes: 90,
        timeToDetectMinutes: 0,
        timeToMitigateMinutes: 90,
        timeToResolveMinutes: 90,
        impactPercent: 50,
      },
      {
        path: 'fixtures/plain-labels.broken.md',
        problems: ['no impact share'],
        start: '2024-01-04T13:00:00.000Z',
        end: '2024-01-04T14:30:00.000Z',
        zone: '+01:00',
        durationMinutes: 90,
        timeToDetectMinutes: 6,
        timeToMitigateMinutes: 90,
        timeToResolveMinutes: 90,
      },
    ])
    expect(summary.durationMinutes).toEqual({count: 3, median: 90, p90: 90})
    expect(summary.impactPercent).toEqual({count: 2, median: 34, p90: 50})
    expect(summary.timeToMitigateMinutes).toEqual({count: 3, median: 90, p90: 90})
  })

  it('tells mitigation (a rollback, a failover) from resolution, and an attempt that failed from both', () => {
    const directory = mkdtempSync(path.join(tmpdir(), 'postmortem-stats-'))
    const incident = (line: string) =>
      `# Incident\n\n## Summary\n\nDuration: 10:00 - 11:00 UTC\n\n## Timeline\n\n- 10:05 UTC: error alert fires\n- 10:20 UTC: ${line}\n- 11:00 UTC: fix deployed, service restored\n`
    writeFileSync(path.join(directory, 'rollback.md'), incident('rolled back the deploy'))
    writeFileSync(
      path.join(directory, 'attempt.md'),
      incident('traffic rerouted to another region, but the problem persisted'),
    )
    const {incidents} = JSON.parse(stats('--format', 'json', directory).stdout)
    rmSync(directory, {recursive: true, force: true})
    expect(
      incidents.map((row: {path: string; timeToMitigateMinutes: number}) => [
        path.basename(row.path),
        row.timeToMitigateMinutes,
      ]),
    ).toEqual([
      ['attempt.md', 60],
      ['rollback.md', 20],
    ])
  })

  it('shows a start and end the document gives no date for as written (`10:00, no date`), in JSON, CSV and the table', () => {
    const directory = mkdtempSync(path.join(tmpdir(), 'postmortem-stats-'))
    writeFileSync(
      path.join(directory, 'no-date.md'),
      '# Incident\n\n## Summary\n\nDuration: 10:00 - 11:30 UTC\n\nImpact: 20% of users.\n\n## Timeline\n\n- 10:05 UTC: error alert fires\n- 11:30 UTC: fix deployed, service restored\n',
    )
    // A time written in another zone than the incident's says its own.
    writeFileSync(
      path.join(directory, 'other-zone.md'),
      '# Incident\n\nAll times PST.\n\nStart time: 10:00\nEnd time: 19:00 UTC\n\n## Timeline\n\n- 10:05: alert fires\n',
    )
    const json = JSON.parse(stats('--format', 'json', directory).stdout)
    const csv = stats('--format', 'csv', directory).stdout.trim().split('\n')
    const table = stats(directory).stdout
    rmSync(directory, {recursive: true, force: true})
    expect(
      json.incidents.map((row: {start: string; end: string; durationMinutes: number}) => [
        row.start,
        row.end,
        row.durationMinutes,
      ]),
    ).toEqual([
      ['10:00, no date', '11:30, no date', 90],
      ['10:00, no date', '19:00 UTC, no date', 60],
    ])
    expect(csv[1]).toMatch(/no-date\.md,"10:00, no date","11:30, no date",UTC,90,/)
    expect(csv[2]).toMatch(/other-zone\.md,"10:00, no date","19:00 UTC, no date",-08:00,60,/)
    expect(table).toMatch(/no-date\.md\s+10:00, no date\s+11:30, no date\s+UTC\s+90\s/)
    expect(`${json.incidents[0].start}${csv.join('')}${table}`).not.toContain('2000-01-01')
  })

  it('writes CSV and a table, and says what could not be measured', () => {
    const csv = stats('--format', 'csv', 'fixtures/plain-labels.broken.md')
      .stdout.trim()
      .split('\n')
    expect(csv).toEqual([
      'path,start,end,zone,duration_min,time_to_detect_min,time_to_mitigate_min,time_to_resolve_min,impact_percent,not_measured',
      'fixtures/plain-labels.broken.md,2024-01-04T13:00:00.000Z,2024-01-04T14:30:00.000Z,+01:00,90,6,90,90,,no impact share',
    ])
    const table = stats('fixtures/atx-headings.clean.md').stdout.trim().split('\n')
    expect(table[0]).toMatch(/^path\s+start\s+end\s+zone\s+duration_min/)
    expect(table.at(-2)).toMatch(/^median\s+90\s+4\s+70\s+90\s+18$/)
    expect(stats('--format', 'xml', 'fixtures').stderr).toContain(
      'Unexpected value `xml` for `--format`, expected `table`, `json`, `csv`, `html`',
    )
  })
})
