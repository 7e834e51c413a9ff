/**
 * Pins the incident model on the seeds and fixtures: sections found, the
 * stated start and end as ISO instants, impact percentages, and every
 * timeline entry's instant.
 */
import {readFileSync} from 'node:fs'
import path from 'node:path'
import type {Root} from 'mdast'
import {remark} from 'remark'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import {VFile} from 'vfile'
import {describe, expect, it} from 'vitest'
import {readIncident} from '../src/model/index.js'
import {missionSections} from '../src/model/vocabulary.js'
import {fixture, hasSeeds, seedsDir} from './helpers.js'

function model(value: string) {
  const file = new VFile({value})
  const processor = remark().use(remarkFrontmatter, ['yaml', 'toml']).use(remarkGfm)
  const tree = processor.runSync(processor.parse(file), file) as Root
  const incident = readIncident(tree, file)
  const iso = (ms: number | undefined) =>
    ms === undefined ? undefined : new Date(ms).toISOString()
  return {
    incident,
    kinds: [...incident.sections.keys()].sort(),
    start: iso(incident.duration?.start?.epochMs),
    end: iso(incident.duration?.end?.epochMs),
    percentages: incident.impact.flatMap((statement) =>
      statement.shares.flatMap((reading) => reading.percentages.map((p) => p.value)),
    ),
    entries: (incident.timeline?.entries ?? [])
      .filter((entry) => entry.timestamp)
      .map((entry) => iso(entry.timestamp?.epochMs)),
  }
}

const mission = [...missionSections].sort()

describe.skipIf(!hasSeeds)('the model on the seeds', () => {
  const seed = (prefix: string) => {
    const name = [
      '000_9b427203157b52ef.md',
      '001_5fd7a72d1b423ad2.md',
      '002_d01cdc62747c0a92.md',
      '003_8927288601199a66.md',
      '004_1950b6693e6dc095.md',
    ].find((file) => file.startsWith(prefix)) as string
    return model(readFileSync(path.join(seedsDir, name), 'utf8'))
  }

  it('reads seed 000 (plain Label: lines, dated entries, PST)', () => {
    const read = seed('000')
    expect(read.kinds).toEqual(mission)
    expect([read.start, read.end]).toEqual(['2023-06-15T17:00:00.000Z', '2023-06-16T21:00:00.000Z'])
    expect(read.percentages).toEqual([75])
    expect(read.entries).toEqual([
      '2023-06-15T17:15:00.000Z',
      '2023-06-15T18:30:00.000Z',
      '2023-06-16T21:00:00.000Z',
    ])
    expect(read.incident.timeline?.entries).toHaveLength(10)
  })

  it('reads seed 001 (ATX headings with colons, bold list labels)', () => {
    const read = seed('001')
    expect(read.kinds).toEqual(mission)
    expect([read.start, read.end]).toEqual(['2024-03-15T10:00:00.000Z', '2024-03-15T12:00:00.000Z'])
    expect(read.percentages).toEqual([70])
    expect(read.entries).toEqual(
      ['10:00', '10:05', '10:20', '10:40', '11:00', '11:30', '12:00'].map(
        (time) => `2024-03-15T${time}:00.000Z`,
      ),
    )
  })

  it('reads seed 002 (bold pseudo-headings, a range with an inherited date)', () => {
    const read = seed('002')
    expect(read.kinds).toEqual(mission)
    expect([read.start, read.end]).toEqual(['2023-11-10T14:00:00.000Z', '2023-11-10T18:30:00.000Z'])
    expect(read.percentages).toEqual([80])
    expect(read.entries).toEqual(
      [
        '13:45',
        '13:50',
        '14:00',
        '14:15',
        '15:00',
        '16:30',
        '17:00',
        '17:45',
        '18:00',
        '18:30',
      ].map((time) => `2023-11-10T${time}:00.000Z`),
    )
  })

  it('reads seed 003 (sub-headings inside the timeline, GMT+1)', () => {
    const read = seed('003')
    expect(read.kinds).toEqual([...mission, 'detection'].sort())
    expect([read.start, read.end]).toEqual(['2023-12-09T09:00:00.000Z', '2023-12-09T11:30:00.000Z'])
    expect(read.percentages).toEqual([30])
    expect(read.entries).toEqual(['2023-12-09T09:00:00.000Z'])
  })

  it('reads seed 004 (raw HTML) into the same structure as seed 001', () => {
    const html = seed('004')
    const markdown = seed('001')
    // The same sections; 004 states its duration as Start/End fields, 001 as one range.
    expect(html.kinds.filter((kind) => mission.includes(kind))).toEqual(markdown.kinds)
    expect([html.start, html.end]).toEqual(['2024-03-08T14:00:00.000Z', '2024-03-08T17:30:00.000Z'])
    expect(html.percentages).toEqual([40])
    expect(html.entries).toEqual(
      ['14:00', '14:15', '14:30', '15:00', '15:45', '16:30', '17:00', '17:30'].map(
        (time) => `2024-03-08T${time}:00.000Z`,
      ),
    )
    // Positions map back into the Markdown file: the first entry's timestamp.
    const first = html.incident.timeline?.entries[0]?.timestamp?.text
    const source = readFileSync(path.join(seedsDir, '004_1950b6693e6dc095.md'), 'utf8')
    const offset = first?.fileOffset(0) ?? -1
    expect(source.slice(offset, offset + 9)).toBe('14:00 UTC')
  })
})

describe('the model on the fixtures', () => {
  it('reads a table timeline with front matter start, end and zone', () => {
    const read = model(fixture('table-timeline.clean.md'))
    expect([read.start, read.end]).toEqual(['2024-02-12T06:00:00.000Z', '2024-02-12T08:00:00.000Z'])
    expect(read.entries).toEqual(
      ['06:00', '06:20', '07:10', '08:00'].map((time) => `2024-02-12T${time}:00.000Z`),
    )
    expect(read.percentages).toEqual([100])
  })

  it('rolls bare times over midnight when the stated duration crosses it', () => {
    const read = model(fixture('bold-pseudo-headings.clean.md'))
    expect(read.entries).toEqual([
      '2024-03-03T22:30:00.000Z',
      '2024-03-03T22:41:00.000Z',
      '2024-03-03T23:20:00.000Z',
      '2024-03-04T00:50:00.000Z',
      '2024-03-04T01:15:00.000Z',
    ])
  })

  it('reads indented prose (a code block in Markdown) and setext headings', () => {
    const read = model(fixture('setext-indented.clean.md'))
    expect(read.kinds).toEqual(
      expect.arrayContaining([
        'summary',
        'duration',
        'impact',
        'timeline',
        'root cause',
        'resolution',
        'corrective actions',
      ]),
    )
    expect([read.start, read.end]).toEqual(['2024-01-20T23:30:00.000Z', '2024-01-21T00:45:00.000Z'])
  })

  it('applies the declared zone to bare times (CET is UTC+1)', () => {
    const read = model(fixture('plain-labels.clean.md'))
    expect([read.start, read.end]).toEqual(['2024-01-04T13:00:00.000Z', '2024-01-04T14:30:00.000Z'])
    expect(read.entries[0]).toBe('2024-01-04T13:00:00.000Z')
    expect(read.percentages).toEqual([40])
  })

  it('reads the same document once per file (cached)', () => {
    const file = new VFile({value: fixture('atx-headings.clean.md')})
    const processor = remark().use(remarkFrontmatter).use(remarkGfm)
    const tree = processor.runSync(processor.parse(file), file) as Root
    expect(readIncident(tree, file)).toBe(readIncident(tree, file))
  })
})
