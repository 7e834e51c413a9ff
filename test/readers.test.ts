/**
 * Each reader of the incident model on its own (src/model/*.ts): what it
 * reads from a few lines written for it. The rules' messages are pinned
 * elsewhere (rules, kinds, real documents); these pin the readings.
 */
import type {Root} from 'mdast'
import {remark} from 'remark'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import {VFile} from 'vfile'
import {describe, expect, it} from 'vitest'
import {readIncident} from '../src/model/index.js'
import type {Incident, StatedTime} from '../src/model/types.js'

function read(value: string): Incident {
  const file = new VFile({value})
  const processor = remark().use(remarkFrontmatter, ['yaml', 'toml']).use(remarkGfm)
  return readIncident(processor.runSync(processor.parse(file), file) as Root, file)
}

const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString())
const stated = (time: StatedTime | undefined) =>
  time && {at: iso(time.epochMs), text: time.text.value, from: time.from, dateFrom: time.dateFrom}
const entries = (incident: Incident) =>
  (incident.timeline?.entries ?? []).map((entry) => [
    iso(entry.timestamp?.epochMs) ?? entry.timestamp?.text.value ?? '-',
    entry.text.value.slice(0, 24),
  ])

describe('outline.ts: sections and the timeline label', () => {
  it('reads questions and clauses as section names', () => {
    const incident = read(
      '# X\n\n## What happened?\n\nx\n\n## Why did it happen?\n\nx\n\n## How did we fix it?\n\nx\n\n## Who was affected?\n\nx\n\n## What we’re doing about it\n\nx\n',
    )
    expect([...incident.sections.keys()].sort()).toEqual([
      'corrective actions',
      'impact',
      'resolution',
      'root cause',
      'summary',
    ])
  })

  it('names no section from an assignment’s instructions, but keeps a real one', () => {
    const brief = read(
      '# X\n\n- Timeline (format: `time - text`) must contain:\n  - when was the issue detected\n  - how the incident was resolved\n',
    )
    expect([...brief.sections.keys()]).toEqual([])
    const real = read(
      '# X\n\n## Root cause and resolution must contain:\n\nThe disk filled up; we freed it.\n',
    )
    expect([...real.sections.keys()].sort()).toEqual(['resolution', 'root cause'])
  })

  it('prefers a `Timeline` to a list of `Key events`, and takes a table of times when nothing is named', () => {
    const named = read('# X\n\n## Key events\n\n- 10:00 a\n\n## Timeline\n\n- 10:00 b\n- 10:05 c\n')
    expect(named.timeline?.label.text.value).toBe('Timeline')
    const table = read(
      '# X\n\n| Time (UTC) | Event |\n| --- | --- |\n| 10:00 | a |\n| 10:05 | b |\n',
    )
    expect(table.sections.has('timeline')).toBe(true)
    expect(entries(table).map(([at]) => at)).toEqual([
      '2000-01-01T10:00:00.000Z',
      '2000-01-01T10:05:00.000Z',
    ])
  })

  it('is not fooled by metrics, other lengths, lead-ins and commas', () => {
    const incident = read(
      '# X\n\nTime to recovery: 2 hours\n\nTesting window duration: 1 hour\n\nThe fix was simple: a restart.\n\nComplete, action items in progress\n',
    )
    expect([...incident.sections.keys()]).toEqual([])
  })
})

describe('front-matter.ts', () => {
  it('reads YAML and TOML start, end, zone and impact', () => {
    for (const [open, close, sep] of [
      ['---', '---', ':'],
      ['+++', '+++', ' ='],
    ]) {
      const incident = read(
        `${open}\nstart${sep} "2024-02-12 06:00"\nend${sep} "2024-02-12 08:00"\ntimezone${sep} "CET"\nimpact${sep} "40% of users"\n${close}\n\n# X\n`,
      )
      expect(stated(incident.duration?.start)?.at).toBe('2024-02-12T05:00:00.000Z')
      expect(stated(incident.duration?.end)?.from).toBe('front matter')
      expect(incident.zoneSource?.from).toBe('front matter')
      expect(incident.impact[0]?.shares[0]?.percentages[0]?.value).toBe(40)
    }
  })
})

describe('duration.ts: the stated start, end and length', () => {
  it('reads a Duration field range with its length, and says where each came from', () => {
    const incident = read('# X\n\nDuration: May 2, 2024, 09:10 to 10:40 UTC (1 hour 30 minutes)\n')
    expect(stated(incident.duration?.start)).toEqual({
      at: '2024-05-02T09:10:00.000Z',
      text: 'May 2, 2024, 09:10',
      from: 'duration field',
      dateFrom: 'written',
    })
    expect(stated(incident.duration?.end)?.dateFrom).toBe('written')
    expect(incident.duration?.stated?.ms).toBe(90 * 60_000)
  })

  it('says when a date is the incident’s and when there is none', () => {
    const dated = read(
      '# X\n\nDate: June 3, 2024\n\nStart time: 10:00 UTC\n\nEnd time: 11:00 UTC\n',
    )
    expect(dated.duration?.start?.dateFrom).toBe('incident')
    const bare = read('# X\n\nStart time: 10:00 UTC\n\nEnd time: 11:00 UTC\n')
    expect(bare.duration?.start?.dateFrom).toBe('none')
  })

  it('takes a date written after the times, and a year after a year’s end', () => {
    const after = read('# X\n\nDuration: 2:00 PM to 4:30 PM GMT on March 1, 2024\n')
    expect([after.duration?.start, after.duration?.end].map((time) => iso(time?.epochMs))).toEqual([
      '2024-03-01T14:00:00.000Z',
      '2024-03-01T16:30:00.000Z',
    ])
    const crossing = read('# X (2023)\n\nDuration: Dec 30th to Jan 02nd\n')
    expect(crossing.duration?.end?.date.year).toBe(2024)
  })

  it('reads outage markers as a pair, outages before incidents, and a resolution after a lone start', () => {
    const pair = read(
      '# X\n\n## Timeline\n\n- 10:00 UTC: INCIDENT BEGINS\n- 10:05 UTC: **OUTAGE BEGINS**\n- 11:00 UTC: OUTAGE ENDS\n- 11:30 UTC: INCIDENT ENDS\n',
    )
    expect([pair.duration?.start, pair.duration?.end].map((time) => iso(time?.epochMs))).toEqual([
      '2000-01-01T10:05:00.000Z',
      '2000-01-01T11:00:00.000Z',
    ])
    expect(pair.duration?.start?.from).toBe('timeline marker')
    const lone = read(
      '# X\n\n## Timeline\n\n- 10:00 UTC: a deploy\n- 10:05 UTC: Outage begins\n- 10:40 UTC: service restored\n',
    )
    expect(iso(lone.duration?.end?.epochMs)).toBe('2000-01-01T10:40:00.000Z')
    const none = read('# X\n\n## Timeline\n\n- 10:05 UTC: Outage begins\n- 10:40 UTC: a note\n')
    expect(none.duration?.start).toBeUndefined()
  })

  it('reads a length written in the summary, with how exactly it is meant', () => {
    const incident = read('# X\n\n## Summary\n\nSearch was down for approximately 66 minutes.\n')
    expect(incident.duration?.stated).toMatchObject({
      ms: 66 * 60_000,
      from: 'summary',
      bound: 'about',
    })
    expect(incident.duration?.label).toBeUndefined()
  })

  it('knows from the summary’s prose that the night passed', () => {
    const incident = read('# X\n\n## Summary\n\nFrom 10:30 PM to 1:30 AM the site was down.\n')
    expect(incident.writtenWindow?.crossesMidnight).toBe(true)
    expect(incident.duration).toBeUndefined()
  })
})

describe('zone.ts: the declared zone', () => {
  const zoneOf = (markdown: string) => {
    const incident = read(markdown)
    return [incident.declaredZone, incident.zoneSource?.from, incident.declaredZoneProblem?.kind]
  }

  it('reads the timeline label, a note, a header and the summary', () => {
    expect(zoneOf('# X\n\n## Timeline (all times West African Time)\n\n- 10:00 a\n')).toEqual([
      '+01:00',
      'timeline label',
      undefined,
    ])
    expect(zoneOf('# X\n\n## Timeline\n\nAll times are in UTC + 2.\n\n- 10:00 a\n')).toEqual([
      '+02:00',
      'all-times note',
      undefined,
    ])
    expect(
      zoneOf('# X\n\n| Date and Time in CET | Event |\n| --- | --- |\n| 10:00 | a |\n'),
    ).toEqual(['+01:00', 'table header', undefined])
    expect(zoneOf('# X\n\n## Summary\n\nFrom 9:00 PM to 10:00 PM WAT all users failed.\n')).toEqual(
      ['+01:00', 'summary', undefined],
    )
  })

  it('keeps an ambiguous declaration as a problem', () => {
    expect(zoneOf('# X\n\n## Timeline\n\nAll times in IST.\n\n- 10:00 a\n')).toEqual([
      undefined,
      undefined,
      'ambiguous',
    ])
  })
})

describe('timeline.ts and entry-times.ts: the entries and their instants', () => {
  it('takes an entry’s time from its head, and a narrative line as its description', () => {
    const incident = read(
      '# X\n\n## Timeline\n\n9:50 pm\nA deploy goes out.\n\n9:56 pm\nThe issue was detected at 9:56 by a check.\n',
    )
    expect(entries(incident)).toEqual([
      ['2000-01-01T21:50:00.000Z', '9:50 pm'],
      ['2000-01-01T21:56:00.000Z', '9:56 pm'],
    ])
  })

  it('keeps the latest time of an entry’s narrative apart', () => {
    const incident = read(
      '# X\n\n## Timeline\n\n- 12:30 PM (UTC): Resolution\n  - full recovery by 1:30 PM (UTC).\n',
    )
    expect(iso(incident.timeline?.entries[0]?.laterMs)).toBe('2000-01-01T13:30:00.000Z')
  })

  it('gives a clock without AM/PM the half of the day that follows, on a 12-hour timeline', () => {
    const incident = read('# X\n\n## Timeline\n\n- 1:40 PM: a\n- 1:45: b\n- 2:05 PM: c\n')
    expect(entries(incident).map(([at]) => at)).toEqual([
      '2000-01-01T13:40:00.000Z',
      '2000-01-01T13:45:00.000Z',
      '2000-01-01T14:05:00.000Z',
    ])
    expect(incident.timeline?.entries[1]?.timestamp?.meridiemInferred).toBe(true)
  })

  it('moves to the next year after Dec 31, and counts back from a year written later', () => {
    const incident = read(
      '# X\n\n## Timeline\n\n- Dec 31st - a\n- Jan 02nd - b\n- Jan 03, 2020: c\n',
    )
    expect((incident.timeline?.entries ?? []).map((entry) => entry.timestamp?.date.year)).toEqual([
      2019, 2020, 2020,
    ])
  })

  it('does not read versions and addresses as times', () => {
    const incident = read(
      '# X\n\n## Timeline\n\n- 18:00 UTC: upgrade to 0.38.15\n- the team reverts from 0.38.15 to 0.38.12 on 10.0.0.80\n',
    )
    expect(entries(incident).map(([at]) => at)).toEqual(['2000-01-01T18:00:00.000Z', '-'])
  })
})

describe('impact.ts: statements and shares', () => {
  const shares = (markdown: string) =>
    read(markdown).impact.flatMap((statement) =>
      statement.shares.flatMap((reading) => [
        ...reading.percentages.map((percentage) => percentage.text),
        ...reading.shareWords.map((word) => word.text),
      ]),
    )

  it('reads percentages, share words, counts with totals and none affected', () => {
    expect(shares('# X\n\nImpact: 40% of users and all branches; 3 of 4 regions.\n')).toEqual([
      '40%',
      'all branches',
      '3 of 4',
    ])
    expect(shares('# X\n\nImpact: users were not affected.\n')).toEqual(['users were not affected'])
    expect(shares('# X\n\nImpact: a complete outage of the API.\n')).toEqual(['complete outage'])
  })

  it('does not read a vague share, a rise or a resource as one', () => {
    expect(shares('# X\n\nImpact: not all users; sign-ups grew by 30%; CPU at 95%.\n')).toEqual([])
  })

  it('reads the field after an empty `Impact:` item', () => {
    expect(
      shares('# X\n\n- Impact:\n- about 30% of users were affected.\n- Root cause: x\n'),
    ).toEqual(['30%'])
  })

  it('in a summary read for want of an impact statement, reads only sentences about impact', () => {
    expect(
      shares(
        '# X\n\n## Summary\n\nAll clients retried after a deploy. The outage affected half of users.\n',
      ),
    ).toEqual(['half of'])
  })
})
