/** The time module: what is read, what is impossible, zones, lengths; never the host's zone or clock. */

import {readdirSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {toEpochMs} from '../src/time/instant.js'
import {findStatedLengths} from '../src/time/length.js'
import {recogniseTimes, recogniseWithChrono} from '../src/time/recognise.js'
import {resolveZone} from '../src/time/zones.js'
import {sharedDir} from './helpers.js'

const first = (text: string) => recogniseTimes(text).mentions[0]

describe('recogniseTimes', () => {
  it.each([
    ['**14:00 UTC:**', {hour: 14, minute: 0}, 'UTC'],
    ['2100hrs', {hour: 21, minute: 0}, undefined],
    ['11:26-am-GMT', {hour: 11, minute: 26}, 'UTC'],
    ['10.30am', {hour: 10, minute: 30}, undefined],
    ['[ 4: 45 am PST ]', {hour: 4, minute: 45}, '-08:00'],
    ['1430Z', {hour: 14, minute: 30}, 'UTC'],
    ['14h30 WAT', {hour: 14, minute: 30}, '+01:00'],
    ['09:00 GMT+1', {hour: 9, minute: 0}, '+01:00'],
    ['09:00 UTC-5', {hour: 9, minute: 0}, '-05:00'],
    ['2023-04-10 12:00 EAT', {year: 2023, month: 4, day: 10, hour: 12, minute: 0}, '+03:00'],
  ])('reads %s', (text, written, zone) => {
    const mention = first(text)
    expect(mention?.from).toMatchObject(written)
    const resolution = mention?.zone?.resolution
    expect(resolution?.kind === 'known' ? resolution.zone : undefined).toBe(zone)
  })

  it.each([
    ['25:10', 'hour 25 does not exist'],
    ['10:75 AM', 'minute 75 does not exist'],
    ['13:00 PM', 'a 24-hour time cannot take PM'],
    ['13:20pm', 'a 24-hour time cannot take PM'],
    ['June 31, 2023', 'Jun has no day 31'],
    ['07:7:47', 'its minutes need two digits'],
    ['99:99', 'hour 99 does not exist'],
  ])('flags the impossible %s', (text, reason) => {
    const {mentions, problems} = recogniseTimes(`${text}: something happened`)
    expect(problems.map((problem) => [problem.text, problem.reason])).toEqual([[text, reason]])
    expect(mentions.filter((mention) => mention.start === 0)).toEqual([])
  })

  it('does not read relative phrases as times', () => {
    expect(recogniseTimes('for 45 minutes, in 2 hours, 2 hours ago').mentions).toEqual([])
  })

  it('splits a range into its start and end parts', () => {
    const text = 'November 10, 2023, 14:00 - 18:30 (UTC)'
    const mention = first(text)
    expect(mention?.to).toMatchObject({hour: 18, minute: 30})
    expect(text.slice(mention?.fromRange?.start, mention?.fromRange?.end)).toBe(
      'November 10, 2023, 14:00',
    )
    expect(text.slice(mention?.toRange?.start, mention?.toRange?.end)).toBe('18:30 (UTC)')
  })

  it('stays linear on a time followed by a long run of spaces', () => {
    const started = performance.now()
    recogniseTimes(`10:00${' '.repeat(200_000)}x`)
    recogniseTimes(`March 8, 2024${' '.repeat(200_000)}x`)
    expect(performance.now() - started).toBeLessThan(2000)
  })
})

describe('zones', () => {
  it('knows real zones and reports ambiguous and unknown ones', () => {
    expect(resolveZone('SAST')).toEqual({kind: 'known', zone: '+02:00'})
    expect(resolveZone('IST').kind).toBe('ambiguous')
    expect(resolveZone('GWT')).toEqual({kind: 'unknown'})
    expect(resolveZone('IST', {IST: 'Asia/Kolkata'})).toEqual({kind: 'known', zone: 'Asia/Kolkata'})
  })

  it('computes across DST with IANA zones, not the host zone', () => {
    // 01:30 in Berlin on the night clocks go forward does not exist; Temporal moves it forward.
    expect(
      new Date(
        toEpochMs({year: 2024, month: 3, day: 31}, {hour: 12, minute: 0}, 'Europe/Berlin') ?? 0,
      ).toISOString(),
    ).toBe('2024-03-31T10:00:00.000Z')
    expect(
      new Date(
        toEpochMs({year: 2024, month: 1, day: 31}, {hour: 12, minute: 0}, 'Europe/Berlin') ?? 0,
      ).toISOString(),
    ).toBe('2024-01-31T11:00:00.000Z')
  })
})

describe('stated lengths', () => {
  it.each([
    ['2 hours and 45 minutes', 165],
    ['4.5h', 270],
    ['90 minutes', 90],
    ['an hour and a half', 90],
    ['1h31m', 91],
    ['approximately nine hours', 540],
  ])('reads %s', (text, minutes) => {
    expect(findStatedLengths(text)[0]?.ms).toBe(minutes * 60_000)
  })
})

describe('the leading-clock fast path', () => {
  const simple = (reading: ReturnType<typeof recogniseTimes>) => ({
    mentions: reading.mentions.slice(0, 1).map((mention) => ({
      start: mention.start,
      end: mention.end,
      from: mention.from,
      zone: mention.zone?.text,
    })),
    problems: reading.problems.map((problem) => problem.text),
  })
  const samples = [
    '14:05 UTC: alert fired',
    '**10:30 AM**: paged',
    '12:00 PM: Load balancer configuration corrected',
    '12:30 AM: rollback',
    '13:45 (UTC): Issue detected',
    '[13:26] @someone reports on Slack',
    '09:15: errors rise to 30% of requests',
    '23:59:59 - last error',
    '10:00 AM - 12:00 PM (UTC)',
    '14:00 UTC on March 8, 2024',
    '25:10 rollback',
    '13:00 PM deploy',
    '10:00 GWT: typo zone',
    '10:00 IST: deploy',
    '2024-03-08 14:05 UTC: deploy',
    '2024-03-08 14:05: deploy',
    '2024-03-08 09:05 AM: paged',
    '2024-03-08 14:05:33 - first error',
    '**2024-03-08 14:05** (UTC) rollback',
    '2024-02-30 10:00 rollback',
    '2024-13-01 10:00 rollback',
    '2024-03-08 14:05 - 2024-03-08 15:00',
    '2024-03-08 14:05 to 15:00',
    '2024-3-8 14:05 deploy',
    'May 12, 2024, 14:05 (UTC)',
    'Start: May 12, 2024, 14:05 (UTC)',
    'May 12, 2024, 2:05 PM (UTC)',
    'Mar. 3, 2024, 09:00 UTC: paged',
    '**June 1, 2024 14:05** rollback',
    'May 31, 2024, 23:59:59',
    'September 9, 2024, 12:00 AM',
    'may 12, 2024, 14:05 deploy',
    'Feb 30, 2024, 10:00',
    'Sept 9, 2024, 10:00',
    'May 12th, 2024, 14:05',
    'May 12, 2024, 14:05 to 15:00 (UTC)',
    'May 12, 2024, 14:05 - recovered',
    'May 12, 2024 at 14:05',
  ]

  it.each(samples)('reads %j as chrono does', (text) => {
    expect(simple(recogniseTimes(text))).toEqual(simple(recogniseWithChrono(text)))
  })

  it('reads every line of the real postmortems in ../shared as chrono does', () => {
    const corpus = path.join(sharedDir, 'corpus-dev')
    let files: string[] = []
    try {
      files = readdirSync(corpus).filter((name) => name.endsWith('.md'))
    } catch {
      return
    }
    let compared = 0
    for (const name of files) {
      for (const line of readFileSync(path.join(corpus, name), 'utf8').split('\n')) {
        const text = line.replace(/^\s*(?:[-*+]|\d+\.)\s+/, '').slice(0, 160)
        expect(simple(recogniseTimes(text)), text).toEqual(simple(recogniseWithChrono(text)))
        compared++
      }
    }
    expect(compared).toBeGreaterThan(1000)
  })
})
