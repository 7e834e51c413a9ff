/**
 * Hostile and odd input: each document ends with messages or a clean pass in
 * bounded time, never a throw, a hang or a stack overflow. Bounds are loose
 * (CI machines vary); docs/reliability.md has the measured times.
 */
import {spawnSync} from 'node:child_process'
import {mkdtempSync, rmSync, symlinkSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {lintFile, root} from './helpers.js'

const timeline = (count: number) =>
  `## Timeline\n\n${Array.from({length: count}, (_, index) => `- ${String(Math.floor(index / 60) % 24).padStart(2, '0')}:${String(index % 60).padStart(2, '0')} UTC: event ${index}`).join('\n')}\n`

const cases: [string, () => string, number][] = [
  ['an empty file', () => '', 8],
  ['only front matter', () => '---\nstart: 2024-01-01 10:00\nend: 2024-01-01 09:00\n---\n', 8],
  [
    'a byte order mark',
    () => '\uFEFF# Title\n\nTimeline:\n- 10:00 UTC: alert\n- 09:00 UTC: fix\n',
    8,
  ],
  [
    'CRLF line endings',
    () => '# Title\r\n\r\nTimeline:\r\n- 10:00 UTC: alert\r\n- 09:00 UTC: fix\r\n',
    8,
  ],
  ['a single 1 MB line', () => `Timeline:\n- 10:00 ${'word '.repeat(200_000)}\n`, 7],
  ['a time followed by 1 MB of spaces', () => `Timeline:\n- 10:00${' '.repeat(1_000_000)}x\n`, 7],
  ['10,000 timeline entries', () => timeline(10_000), 13],
  [
    'lists nested 200 deep',
    () =>
      `## Timeline\n\n${Array.from({length: 200}, (_, index) => `${' '.repeat(index * 2)}- 10:00 step`).join('\n')}\n`,
    7,
  ],
  [
    'HTML that never closes',
    () => `<h2>Timeline</h2>\n<ul><li><strong>10:00 UTC${'<div>'.repeat(10_000)}\n`,
    8,
  ],
  ['a timestamp like 99:99', () => '## Timeline\n- 99:99: x\n', 8],
  [
    'binary noise',
    () => String.fromCharCode(...Array.from({length: 5000}, (_, index) => (index * 7919) % 256)),
    8,
  ],
  ['`1 hour` repeated', () => `Timeline:\n- ${'1 hour '.repeat(40_000)}\n`, 7],
]

describe('hostile input', () => {
  for (const [name, make, messages] of cases) {
    it(`survives ${name}`, async () => {
      const file = await lintFile(make())
      // Errors of the mission rules; the warnings beyond the mission vary with wording and are not counted here.
      expect(file.messages.filter((message) => message.fatal).length).toBe(messages)
      expect(file.messages.every((message) => message.ruleId !== undefined)).toBe(true)
    })
  }

  it('survives lists nested 1,000 deep (remark parses them in quadratic time)', {
    timeout: 240_000,
  }, async () => {
    const file = await lintFile(
      `## Timeline\n\n${Array.from({length: 1000}, (_, index) => `${' '.repeat(index * 2)}- 10:00 step`).join('\n')}\n`,
    )
    expect(file.messages.filter((message) => message.fatal).length).toBe(7)
  })

  it('lints a 10 MB document', {timeout: 240_000}, async () => {
    const file = await lintFile(
      `# Big\n\n## Timeline\n\n${'- 10:00 UTC: event with some words here\n'.repeat(250_000)}`,
    )
    expect(file.messages.map((message) => message.ruleId)).toContain('postmortem-required-sections')
  })
})

describe('files that cannot be read', () => {
  const directory = mkdtempSync(path.join(tmpdir(), 'postmortem-unreadable-'))
  afterAll(() => rmSync(directory, {recursive: true, force: true}))

  it('gets one fatal message for that file while the others are linted', () => {
    writeFileSync(path.join(directory, 'good.md'), '# Title\n')
    symlinkSync(path.join(directory, 'missing-target.md'), path.join(directory, 'broken.md'))
    writeFileSync(
      path.join(directory, 'binary.md'),
      Buffer.from([0xff, 0xfe, 0x00, 0xc3, 0x28, 0xa0, 0xa1, 0x0a]),
    )
    const result = spawnSync(
      process.execPath,
      [path.join(root, 'dist', 'cli.js'), '--report', 'json', 'good.md', 'broken.md', 'binary.md'],
      {cwd: directory, encoding: 'utf8'},
    )
    expect(result.status).toBe(1)
    const report = JSON.parse(result.stderr.slice(result.stderr.indexOf('['))) as {
      path: string
      messages: {fatal: boolean; ruleId: string | null; reason: string}[]
    }[]
    const broken = report.find((file) => file.path === 'broken.md')
    expect(broken?.messages).toHaveLength(1)
    expect(broken?.messages[0]?.fatal).toBe(true)
    expect(broken?.messages[0]?.reason).toContain('No such file or folder')
    const errors = (name: string) =>
      report.find((file) => file.path === name)?.messages.filter((message) => message.fatal).length
    expect(errors('good.md')).toBe(8)
    expect(errors('binary.md')).toBe(8)
  })
})

describe('time invariance', () => {
  it('gives byte-identical reports with the clock moved to 2031', () => {
    const run = (preload: string[]) =>
      spawnSync(
        process.execPath,
        [...preload, path.join(root, 'dist', 'cli.js'), '--report', 'json', 'fixtures'],
        {cwd: root, encoding: 'utf8', env: {...process.env, TZ: 'Pacific/Kiritimati'}},
      ).stderr
    const now = run([])
    const moved = run(['--import', path.join(root, 'test', 'fake-clock.mjs')])
    expect(now.length).toBeGreaterThan(1000)
    expect(moved).toBe(now)
  })
})
