/**
 * `postmortem-lint explain`: what the model read of each postmortem and its
 * suspicious readings, on fixtures written for it (fixtures/explain/: one
 * per kind of suspicious reading, each triggering its kind, and a clean one
 * triggering none). The fixtures show how today's model reads them: when a
 * reader learns to read one right, its detector stops firing there, and the
 * expected lines below change with it.
 */
import {spawnSync} from 'node:child_process'
import {existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {formatMinutes} from '../src/explain/format.js'
import {detectors} from '../src/explain/suspicious.js'
import {root, sharedDir} from './helpers.js'

const cli = path.join(root, 'dist', 'cli.js')
const run = (args: string[], cwd = root) =>
  spawnSync(process.execPath, [cli, ...args], {cwd, encoding: 'utf8'})
const explain = (...args: string[]) => run(['explain', ...args])
const lines = (text: string) => text.replace(/\n$/, '').split('\n')

const temporary: string[] = []
afterAll(() => {
  for (const directory of temporary) rmSync(directory, {recursive: true, force: true})
})

/** The `suspicious` block of a document's text report. */
function suspicious(output: string): string[] {
  const all = lines(output)
  return all.slice(all.findIndex((line) => line.startsWith('  suspicious')))
}

describe('postmortem-lint explain', () => {
  it('prints what the model read of a clean document, and no suspicious reading', () => {
    const result = explain('fixtures/explain/clean.md')
    expect(result.status).toBe(0)
    expect(result.stderr).toBe('')
    expect(lines(result.stdout)).toEqual([
      'fixtures/explain/clean.md',
      '  sections    summary 3:4, duration 5:1, impact 7:1, timeline 9:4, root cause 17:4, resolution 21:4,',
      '              corrective actions 25:4',
      '  start       2024-05-02 09:10 UTC  ← duration field 5:11 “09:10” (date: the incident’s)',
      '  end         2024-05-02 10:40 UTC  ← duration field 5:20 “10:40 UTC” (date: the incident’s)',
      '  length      1 h 30 min  ← duration field 5:46 “1 hour 30 minutes”',
      '  zone        UTC  ← the stated start or end',
      '  timeline    9:4 “Timeline”, lines 9-15: 5 entries, 5 with a time',
      '    11:3    09:05 UTC               «09:05 UTC»: Pool limit change deployed.',
      '    12:3    09:10 UTC               «09:10 UTC»: Checkout error rate rises.',
      '    13:3    09:14 UTC               «09:14 UTC»: On-call paged by the error alert.',
      '    14:3    10:20 UTC               «10:20 UTC»: Previous limit restored.',
      '    15:3    10:40 UTC               «10:40 UTC»: Error rate back to normal, incident resolved.',
      '  impact      7:1 “Impact”: 18% 7:9',
      '  suspicious  none',
    ])
  })

  it('shows where a zone, a date and an impact came from when the body does not say', () => {
    expect(lines(explain('fixtures/table-timeline.clean.md').stdout)).toEqual([
      'fixtures/table-timeline.clean.md',
      '  sections    summary 11:4, timeline 15:4, root cause 24:4, resolution 28:4, corrective actions 32:4',
      '  start       2024-02-12 06:00 UTC  ← front matter 3:8 “2024-02-12 06:00” (zone: the document’s)',
      '  end         2024-02-12 08:00 UTC  ← front matter 4:6 “2024-02-12 08:00” (zone: the document’s)',
      '  length      none',
      '  zone        UTC  ← table header 17:3 “Time (UTC)”',
      '  timeline    15:4 “Timeline”, lines 15-22: 4 entries, 4 with a time',
      '    19:3    06:00 UTC               «06:00»',
      '    20:3    06:20 UTC               «06:20»',
      '    21:3    07:10 UTC               «07:10»',
      '    22:3    08:00 UTC               «08:00»',
      '  impact      front matter 6:9: 100% 6:9',
      '  suspicious  none',
    ])
  })

  const cases: Record<string, string[]> = {
    'unused-time-in-duration': [
      '    5:74    unused-time-in-duration  “08:45”',
      '            a time in the duration field that no reading used; read from `08:00 UTC`, `08:20 UTC`',
    ],
    'stated-time-without-zone': [
      '    5:13    stated-time-without-zone  “March 12, 2024, 09:00”',
      '            the stated start has no zone and was read in UTC, but the document writes its times in',
      '            +03:00',
      '    6:11    stated-time-without-zone  “March 12, 2024, 10:00”',
      '            the stated end has no zone and was read in UTC, but the document writes its times in',
      '            +03:00',
    ],
    'zone-in-words-unread': [
      '    5:48    zone-in-words-unread  “South African Standard Time”',
      '            South African Standard Time names Africa/Johannesburg; no zone was read (times are',
      '            placed in UTC)',
    ],
    'written-length-unread': [
      '    5:36    written-length-unread  “was down for 66 minutes”',
      '            a written length of the outage, but no stated length was read',
    ],
    'timeline-times-unread': [
      '    9:1     timeline-times-unread  “14:20”',
      '            a time at the head of a timeline line, but no entry read a time on this line',
      '    10:1    timeline-times-unread  “15:00”',
      '            a time at the head of a timeline line, but no entry read a time on this line',
    ],
    'timeline-short': [
      '    16:1    timeline-short  “- 10:30 UTC: Expired certificate identi…”',
      '            the timeline section runs to line 17, but was read to line 12; 2 lines after it hold',
      '            times',
    ],
    'time-from-narrative': [
      '    13:69   time-from-narrative  “07:15”',
      '            the entry’s time was read from inside its text (after “the restart, peaking around”),',
      '            while 3 other entries give theirs at the head',
    ],
    'meridiem-missing': [
      '    14:3    meridiem-missing  “1:17”',
      '            no AM or PM after `11:57 PM` (line 13); read as 01:17 on the next day',
    ],
    'year-crossing': [
      '    13:3    year-crossing  “Jan 2”',
      '            the dates cross into a new year after line 12, but this one was read in the same year',
      '            (2000)',
    ],
    'day-month-order': [
      '    13:3    day-month-order  “03/10/2024”',
      '            read as month 3, day 10, but the document’s other numeric dates are day-first (4 of them',
      '            cannot be read the other way)',
    ],
    'date-after-time': [
      '    5:27    date-after-time  “14:30 UTC, March 6, 2025”',
      '            the stated end was read from the date alone, without the time before it: 2025-03-06',
      '            midnight',
    ],
    'number-read-as-time': [
      '    12:18   number-read-as-time  “20 to 3.1.21”',
      '            `3.1.20 to` looks like a version, but was read as the entry’s time (`20 to 3.1.21`)',
    ],
    'impact-share-unread': [
      '    7:9     impact-share-unread  “all students”',
      '            `all students` states a share of students, but was not read as one',
    ],
    'count-read-as-share': [
      '    7:45    count-read-as-share  “40%”',
      '            read as a share: a growth (`grew by`), not a share of users or requests',
    ],
  }

  it('has one fixture per kind of suspicious reading, and a clean one', () => {
    const kinds = detectors.map((detector) => detector.kind)
    expect(new Set(kinds).size).toBe(kinds.length)
    expect(Object.keys(cases)).toEqual(kinds)
    expect(
      readdirSync(path.join(root, 'fixtures', 'explain'))
        .map((name) => name.replace(/\.md$/, ''))
        .sort(),
    ).toEqual(['clean', ...kinds].sort())
    for (const detector of detectors) expect(detector.description).toMatch(/^[a-z`].{20,130}$/)
  })

  for (const [kind, expected] of Object.entries(cases)) {
    it(`finds ${kind} on fixtures/explain/${kind}.md`, () => {
      const block = suspicious(explain(`fixtures/explain/${kind}.md`).stdout)
      expect(block).toEqual([
        `  suspicious  ${expected.filter((line) => /^ {4}\d/.test(line)).length}`,
        ...expected,
      ])
    })
  }

  it('writes one JSON object per file, with the same content and stable keys', () => {
    const result = explain(
      '--format',
      'json',
      'fixtures/explain/clean.md',
      'fixtures/explain/meridiem-missing.md',
    )
    expect(result.status).toBe(0)
    const [clean, meridiem] = JSON.parse(result.stdout)
    expect(Object.keys(clean)).toEqual([
      'path',
      'problem',
      'sections',
      'start',
      'end',
      'length',
      'zone',
      'timeline',
      'impact',
      'suspicious',
    ])
    expect(clean.path).toBe('fixtures/explain/clean.md')
    expect(clean.problem).toBe(null)
    expect(clean.sections[0]).toEqual({kind: 'summary', line: 3, column: 4, text: 'Summary'})
    expect(clean.start).toEqual({
      time: '2024-05-02 09:10 UTC',
      instant: '2024-05-02T09:10:00.000Z',
      zone: 'UTC',
      zoneFrom: 'written',
      dateFrom: 'incident',
      from: 'duration field',
      line: 5,
      column: 11,
      text: '09:10',
    })
    expect(clean.length).toEqual({
      minutes: 90,
      from: 'duration field',
      line: 5,
      column: 46,
      text: '1 hour 30 minutes',
    })
    expect(clean.zone).toEqual({
      zone: 'UTC',
      from: 'duration',
      line: null,
      column: null,
      text: null,
    })
    expect({...clean.timeline, items: clean.timeline.items.length}).toEqual({
      line: 9,
      column: 4,
      text: 'Timeline',
      endLine: 15,
      entries: 5,
      withTime: 5,
      items: 5,
    })
    expect(clean.timeline.items[0]).toEqual({
      line: 11,
      column: 3,
      time: '09:05 UTC',
      instant: '2024-05-02T09:05:00.000Z',
      timeText: '09:05 UTC',
      timeAt: 0,
      timeLine: 11,
      timeColumn: 3,
      text: '09:05 UTC: Pool limit change deployed.',
    })
    expect(clean.impact).toEqual([
      {
        line: 7,
        column: 1,
        label: 'Impact',
        from: 'label',
        shares: [{kind: 'percentage', value: 18, line: 7, column: 9, text: '18%'}],
      },
    ])
    expect(clean.suspicious).toEqual([])
    expect(meridiem.suspicious).toEqual([
      {
        kind: 'meridiem-missing',
        line: 14,
        column: 3,
        text: '1:17',
        detail: 'no AM or PM after `11:57 PM` (line 13); read as 01:17 on the next day',
      },
    ])
    expect(meridiem.timeline.items.map((item: {time: string}) => item.time)).toEqual([
      '23:40 UTC',
      '23:57 UTC',
      '01:17 UTC',
      '01:30 UTC',
    ])
  })

  it('prints a summary table: per kind, the documents showing it and its occurrences', () => {
    const result = explain('--summary', 'fixtures/explain')
    expect(result.status).toBe(0)
    expect(lines(result.stdout)).toEqual([
      'kind                      documents  occurrences',
      'unused-time-in-duration           1            1',
      'stated-time-without-zone          1            2',
      'zone-in-words-unread              1            1',
      'written-length-unread             1            1',
      'timeline-times-unread             1            2',
      'timeline-short                    1            1',
      'time-from-narrative               1            1',
      'meridiem-missing                  1            1',
      'year-crossing                     1            1',
      'day-month-order                   1            1',
      'date-after-time                   1            1',
      'number-read-as-time               1            1',
      'impact-share-unread               1            1',
      'count-read-as-share               1            1',
      'any kind                         14           16',
      'documents                        15',
    ])
    const json = JSON.parse(explain('--summary', '--format', 'json', 'fixtures/explain').stdout)
    expect(Object.keys(json)).toEqual(['documents', 'notExplained', 'withSuspicious', 'kinds'])
    expect(json.documents).toBe(15)
    expect(json.withSuspicious).toBe(14)
    expect(json.kinds[1]).toEqual({
      kind: 'stated-time-without-zone',
      description: detectors[1]?.description,
      documents: 1,
      occurrences: 2,
    })
  })

  it('gives bad input a clear line and exits 0', () => {
    const directory = mkdtempSync(path.join(tmpdir(), 'postmortem-explain-'))
    temporary.push(directory)
    writeFileSync(
      path.join(directory, 'binary.md'),
      Buffer.from([0xff, 0xfe, 0x00, 0xc3, 0x28, 0xa0, 0xa1, 0x0a]),
    )
    writeFileSync(path.join(directory, 'empty.md'), '')
    writeFileSync(path.join(directory, 'blank.md'), '\n  \n')
    writeFileSync(
      path.join(directory, 'huge.md'),
      `# Big\n\n## Timeline\n\n${'- 10:00 UTC: event with some words here\n'.repeat(150_000)}`,
    )
    const result = run(
      ['explain', 'binary.md', 'blank.md', 'empty.md', 'huge.md', 'missing.md'],
      directory,
    )
    expect(result.status).toBe(0)
    expect(lines(result.stdout)).toEqual([
      'binary.md',
      '  not explained: not a text document (binary or not UTF-8)',
      '',
      'blank.md',
      '  empty document: nothing to explain',
      '',
      'empty.md',
      '  empty document: nothing to explain',
      '',
      'huge.md',
      '  not explained: 6.0 MB is more than the 5 MB explain reads',
      '',
      'missing.md',
      '  not explained: No such file or folder',
    ])
    const summary = run(['explain', '--summary', 'binary.md', 'empty.md', 'missing.md'], directory)
    expect(lines(summary.stdout).slice(-3)).toEqual([
      'any kind                          0            0',
      'documents                         3',
      'not explained                     3',
    ])
  })

  it('keeps every line of the text report within 100 columns', () => {
    const output = lines(explain('fixtures', 'fixtures/explain').stdout)
    expect(output.length).toBeGreaterThan(200)
    expect(output.filter((line) => [...line].length > 100)).toEqual([])
  })

  it('is listed in the help, and refuses other formats and --fix', () => {
    expect(run(['--help']).stdout).toContain(
      'postmortem-lint explain [--summary] [--format text|json] [-o <file>] <file|folder|glob ...>',
    )
    expect(explain('--format', 'csv', 'fixtures').stderr).toContain(
      'Unexpected value `csv` for `--format`, expected `text`, `json`',
    )
    const fix = explain('--fix', 'fixtures')
    expect(fix.status).toBe(1)
    expect(fix.stderr).toBe(
      'postmortem-lint: Unexpected option `--fix` for `explain`, expected it without `--fix`\n',
    )
  })

  it('formats lengths as the rules do', () => {
    expect([0, 45, 90, 1440, 1505].map(formatMinutes)).toEqual([
      '0 min',
      '45 min',
      '1 h 30 min',
      '1 d',
      '1 d 1 h 5 min',
    ])
  })

  it('documents every kind in docs/explain.md, with an example that gives what the doc shows', () => {
    const doc = readFileSync(path.join(root, 'docs', 'explain.md'), 'utf8')
    const sections = doc.split(/^### /m).slice(1)
    expect(sections.map((section) => section.slice(0, section.indexOf('\n')))).toEqual(
      detectors.map((detector) => detector.kind),
    )
    const directory = mkdtempSync(path.join(tmpdir(), 'postmortem-explain-doc-'))
    temporary.push(directory)
    const expected: string[] = []
    for (const section of sections) {
      const kind = section.slice(0, section.indexOf('\n'))
      const markdown = /```markdown\n([\s\S]*?)\n```/.exec(section)?.[1] ?? ''
      const text = /```text\n([\s\S]*?)\n```/.exec(section)?.[1] ?? ''
      writeFileSync(path.join(directory, `${kind}.md`), `${markdown}\n`)
      expected.push(kind, ...text.split('\n'))
    }
    const output = run(['explain', '.'], directory).stdout.split(/\n\n(?=\S)/)
    const shown = output.flatMap((report) => [
      report.slice(0, report.indexOf('.md')),
      ...suspicious(report)
        .slice(1)
        .map((line) => line.slice(4)),
    ])
    const byKind = (list: string[]) => {
      const groups: Record<string, string[]> = {}
      let kind = ''
      for (const line of list) {
        if (/^[a-z-]+$/.test(line)) {
          kind = line
          groups[kind] = []
        } else groups[kind]?.push(line)
      }
      return groups
    }
    expect(byKind(shown)).toEqual(byKind(expected))
  })

  it.skipIf(!existsSync(path.join(sharedDir, 'corpus-wild')))(
    'explains every real postmortem in ../shared without a failed detector, within 100 columns',
    () => {
      const result = explain(
        path.join(sharedDir, 'corpus-wild'),
        path.join(sharedDir, 'corpus-dev'),
      )
      expect(result.status).toBe(0)
      const output = lines(result.stdout)
      expect(output.filter((line) => line.includes('the detector failed'))).toEqual([])
      expect(output.filter((line) => [...line].length > 100)).toEqual([])
    },
  )
})
