/**
 * One problem, one message (issue 17): the entries before the stated start
 * are one message, those after the end another, and a run of entries with the
 * same impossible form a third; the other entries are the message's related
 * places (`related`, src/rule.ts), so that editors still mark each, and its
 * note lists them. On ../shared/corpus-wild no document draws two messages of
 * one rule that name the same stated start or end.
 */
import {existsSync, readdirSync, readFileSync} from 'node:fs'
import path from 'node:path'
import type {Point, Position} from 'unist'
import type {VFileMessage} from 'vfile-message'
import {describe, expect, it} from 'vitest'
import {relatedPlaces} from '../src/rule.js'
import {fixture, lintFile, root, sharedDir} from './helpers.js'

const where = (place: Point | Position | undefined) => {
  if (!place) return 'no-place'
  return 'start' in place
    ? `${place.start.line}:${place.start.column}-${place.end.line}:${place.end.column}`
    : `${place.line}:${place.column}`
}

/** A message's related places as `line:col-line:col reason (also)`. */
const related = (message: VFileMessage | undefined) =>
  relatedPlaces(message ?? {}).map(
    (place) => `${where(place.place)} ${place.reason}${place.also ? ' (also)' : ''}`,
  )

/** The stated starts and ends that two or more messages of one rule name (`the stated start `11:00``). */
function repeated(messages: readonly Pick<VFileMessage, 'reason' | 'ruleId'>[]): string[] {
  const names = messages.flatMap((message) =>
    [...message.reason.matchAll(/stated (start|end) `([^`]*)`/g)].map(
      (match) => `${message.ruleId} ${match[1]} \`${match[2]}\``,
    ),
  )
  return [...new Set(names)].filter((key) => names.filter((other) => other === key).length > 1)
}

/** Documents with two messages of one rule naming the same stated start or end. */
async function repeatedNames(files: readonly string[]): Promise<string[]> {
  const found: string[] = []
  for (const name of files) {
    const file = await lintFile(readFileSync(name, 'utf8'), undefined, name)
    for (const key of repeated(file.messages)) found.push(`${path.basename(name)}: ${key}`)
  }
  return found
}

describe('one message per problem', () => {
  it('reports the entries before the stated start once, and those after the end once', async () => {
    const file = await lintFile(fixture('kinds/entries-outside-the-window.md'))
    const messages = file.messages.filter(
      (message) => message.ruleId === 'postmortem-duration-consistency',
    )
    expect(messages.map((message) => `${where(message.place)} ${message.reason}`)).toEqual([
      '11:3-11:12 3 entries, `10:20 UTC` to `10:50 UTC`, are before the stated start `June 3, 2024, 11:00`; move the start or the entries',
      '15:3-15:12 2 entries, `12:20 UTC` and `12:40 UTC`, are after the stated end `12:00 UTC`; move the end or the entries',
    ])
    const [before, after] = messages
    // The stated start stays the message's cause; every other entry is a related place too.
    expect(where((before?.cause as VFileMessage | undefined)?.place)).toBe('5:11-5:30')
    expect(related(before)).toEqual([
      '5:11-5:30 The stated start',
      '12:3-12:12 Also before the stated start: `10:35 UTC` (also)',
      '13:3-13:12 Also before the stated start: `10:50 UTC` (also)',
    ])
    expect(before?.note).toBe(
      [
        'The stated start is `June 3, 2024, 11:00` (5:11); these entries are before it:',
        '`10:20 UTC` (11:3), `10:35 UTC` (12:3), `10:50 UTC` (13:3)',
        'An entry that only records a change (a deploy, a config push) may come before the start.',
      ].join('\n'),
    )
    expect(related(after)).toEqual([
      '5:34-5:43 The stated end',
      '16:3-16:12 Also after the stated end: `12:40 UTC` (also)',
    ])
    expect(after?.note).toBe(
      [
        'The stated end is `12:00 UTC` (5:34); these entries are after it:',
        '`12:20 UTC` (15:3), `12:40 UTC` (16:3)',
        'Follow-up (a review meeting, monitoring that confirmed the fix) may come after the end.',
      ].join('\n'),
    )
    expect(
      await repeatedNames([path.join(root, 'fixtures/kinds/entries-outside-the-window.md')]),
    ).toEqual([])
  })

  it('reports a run of entries with the same impossible form once, and another form apart', async () => {
    const file = await lintFile(fixture('kinds/impossible-times-in-a-row.md'))
    const [run, other] = file.messages
    expect(file.messages).toHaveLength(2)
    expect(run?.reason).toBe(
      'Unexpected impossible times `13:05 PM` to `14:00 PM` (3 entries), expected 24-hour times without `PM`',
    )
    expect(where(run?.place)).toBe('12:3-12:11')
    expect(run?.cause).toBeUndefined()
    expect(related(run)).toEqual([
      '13:3-13:11 Also impossible: `13:35 PM` (a 24-hour time cannot take PM) (also)',
      '14:3-14:11 Also impossible: `14:00 PM` (a 24-hour time cannot take PM) (also)',
    ])
    expect(run?.note).toBe(
      [
        '3 entries in a row write an impossible time the same way:',
        '`13:05 PM` (12:3): a 24-hour time cannot take PM',
        '`13:35 PM` (13:3): a 24-hour time cannot take PM',
        '`14:00 PM` (14:3): a 24-hour time cannot take PM',
        'These entries cannot be placed in time, so no other rule checks them.',
      ].join('\n'),
    )
    expect(other?.reason).toBe('Unexpected impossible time `25:20`, expected an hour from 0 to 23')
    expect(related(other)).toEqual([])
  })

  it('keeps one message for a single entry outside the window, with the stated start as its cause', async () => {
    const file = await lintFile(fixture('atx-headings.broken.md'))
    const before = file.messages.find((message) => message.reason.startsWith('Entry '))
    expect(before?.reason).toBe(
      'Entry `09:02 UTC` is before the stated start `May 2, 2024, 09:10`; move one of them',
    )
    expect(related(before)).toEqual(['7:17-7:35 The stated start'])
  })

  const wild = path.join(sharedDir, 'corpus-wild')
  it.skipIf(!existsSync(wild))(
    'never names one stated start or end in two messages of one rule on ../shared/corpus-wild',
    async () => {
      const files = readdirSync(wild)
        .filter((name) => name.endsWith('.md') && name !== 'README.md')
        .map((name) => path.join(wild, name))
      expect(files.length).toBeGreaterThan(100)
      expect(await repeatedNames(files)).toEqual([])
    },
  )

  it('sees a stated start named twice, as the messages did before they were grouped', () => {
    // The checks above are only worth something if they can see a repetition.
    const rule = 'postmortem-duration-consistency'
    expect(
      repeated([
        {ruleId: rule, reason: 'Timeline entry `10:45 AM` is before the stated start `11:00 AM`'},
        {ruleId: rule, reason: 'Timeline entry `10:50 AM` is before the stated start `11:00 AM`'},
        {ruleId: rule, reason: 'Entry `12:10 PM` is after the stated end `12:00 PM`'},
        {
          ruleId: 'postmortem-timezone',
          reason: 'Unexpected front matter start, the stated start `11:00 AM`',
        },
      ]),
    ).toEqual(['postmortem-duration-consistency start `11:00 AM`'])
  })
})
