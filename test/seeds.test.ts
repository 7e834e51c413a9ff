/**
 * The five real postmortems in ../shared/seeds: what an experienced reviewer
 * flags and nothing more. Seed 002's timeline starts before its stated start;
 * seed 003's timeline stops hours before its stated end. Skipped without ../shared.
 */
import {readFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {hasSeeds, lint, seedsDir} from './helpers.js'

const expected: Record<string, string[]> = {
  '000_9b427203157b52ef.md': [
    '4:63-4:66 postmortem-timezone: Unexpected `PST` on Jun 15, expected `PDT` (daylight-saving time)',
  ],
  '001_5fd7a72d1b423ad2.md': [],
  '002_d01cdc62747c0a92.md': [
    // Both entries before the stated start: one problem, one message.
    '11:5-11:16 postmortem-duration-consistency: 2 entries, `13:45 (UTC)` and `13:50 (UTC)`, are before the stated start `November 10, 2023, 14:00`; move the start or the entries',
  ],
  '003_8927288601199a66.md': [
    '17:42-17:50 postmortem-duration-consistency: Last entry `10:00 AM` is before the stated end `12:30 PM (GMT+1)`; add the closing entry',
    '22:1 postmortem-no-empty-sections: Unexpected empty list item, expected content or no item',
    '41:5-41:18 postmortem-no-empty-sections: Unexpected empty section `Improvements:`, expected content under it or no heading',
  ],
  '004_1950b6693e6dc095.md': [],
}

describe.skipIf(!hasSeeds)('seeds', () => {
  for (const [name, messages] of Object.entries(expected)) {
    it(`${name} gives exactly its messages`, async () => {
      expect(await lint(readFileSync(path.join(seedsDir, name), 'utf8'))).toEqual(messages)
    })
  }
})
