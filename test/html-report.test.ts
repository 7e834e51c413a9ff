/**
 * `stats --format html` in a real browser: Debian's Chromium driven by
 * playwright-core. The page renders without console errors or requests
 * leaving it, shows one bar per incident with a start and an end, and a
 * screenshot is kept in test-results/ as an artifact. Skipped, with a note,
 * where /usr/bin/chromium is not installed (`.ci/run` installs it).
 */
import {spawnSync} from 'node:child_process'
import {existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {pathToFileURL} from 'node:url'
import {chromium} from 'playwright-core'
import {afterAll, describe, expect, it} from 'vitest'
import {lengthLabel, linearTicks, logTicks} from '../src/charts.js'
import {durationHistogram} from '../src/report-html.js'
import type {IncidentMetrics} from '../src/stats.js'
import {root} from './helpers.js'

const browserPath = '/usr/bin/chromium'
const hasBrowser = existsSync(browserPath)
if (!hasBrowser)
  console.warn(`note: ${browserPath} is missing; the HTML report's browser test is skipped`)

const directory = mkdtempSync(path.join(tmpdir(), 'postmortem-html-'))
afterAll(() => rmSync(directory, {recursive: true, force: true}))

function statsJson(): {incidents: IncidentMetrics[]} {
  const result = spawnSync(
    process.execPath,
    [path.join(root, 'dist', 'cli.js'), 'stats', '--format', 'json', 'fixtures'],
    {cwd: root, encoding: 'utf8'},
  )
  return JSON.parse(result.stdout)
}

describe('duration histogram', () => {
  it('puts each duration in the bucket below its upper bound', () => {
    const rows = [14, 15, 59, 60, 239, 240, 5000, undefined].map(
      (durationMinutes): IncidentMetrics =>
        durationMinutes === undefined
          ? {path: 'x', problems: []}
          : {path: 'x', durationMinutes, problems: []},
    )
    expect(durationHistogram(rows)).toEqual([1, 1, 1, 1, 1, 1, 0, 0, 1])
  })
})

describe('time axes', () => {
  it('say lengths as people do: `1 h`, `1 day`, never `33 h 20 min`', () => {
    expect([0, 1, 15, 60, 90, 120, 1440, 2880, 10080, 20160, 1500, -45].map(lengthLabel)).toEqual([
      '0',
      '1 min',
      '15 min',
      '1 h',
      '1 h 30 min',
      '2 h',
      '1 day',
      '2 days',
      '1 week',
      '2 weeks',
      '1 day 1 h',
      '-45 min',
    ])
  })

  it('put log ticks on round lengths up to one at or past the longest', () => {
    expect(logTicks(120).map(lengthLabel)).toEqual([
      '1 min',
      '5 min',
      '15 min',
      '30 min',
      '1 h',
      '2 h',
    ])
    // A 2-hour and a 7-day incident on one axis.
    expect(logTicks(7 * 1440).map(lengthLabel)).toEqual([
      '1 min',
      '5 min',
      '15 min',
      '30 min',
      '1 h',
      '2 h',
      '6 h',
      '12 h',
      '1 day',
      '2 days',
      '1 week',
    ])
    expect(logTicks(2000).at(-1)).toBe(2880)
  })

  it('put linear ticks every round step through 0, before and after it', () => {
    expect(linearTicks(-8, 90)).toEqual([-15, 0, 15, 30, 45, 60, 75, 90])
    expect(linearTicks(0, 2000).map(lengthLabel)).toEqual([
      '0',
      '6 h',
      '12 h',
      '18 h',
      '1 day',
      '1 day 6 h',
      '1 day 12 h',
    ])
    expect(linearTicks(0, 30 * 1440).length).toBeLessThanOrEqual(9)
    // The axis runs from the first tick to the last: everything drawn lies between them.
    expect(linearTicks(-1, 91)).toEqual([-15, 0, 15, 30, 45, 60, 75, 90, 105])
    expect(linearTicks(0, 0)).toEqual([0, 1])
  })
})

describe.skipIf(!hasBrowser)('stats --format html in Chromium', () => {
  it('renders one bar per incident, the histogram and the table, with no console errors', async () => {
    const report = path.join(directory, 'report.html')
    const result = spawnSync(
      process.execPath,
      [path.join(root, 'dist', 'cli.js'), 'stats', '--format', 'html', '-o', report, 'fixtures'],
      {cwd: root, encoding: 'utf8'},
    )
    expect(result.status).toBe(0)
    expect(result.stdout).toBe('')
    const html = readFileSync(report, 'utf8')
    // Self-contained: no script or style sheet is fetched (the browser below checks every request).
    expect(/<script[^>]*\ssrc=|<link[^>]+rel="stylesheet"/.test(html)).toBe(false)

    const {incidents} = statsJson()
    const timed = incidents.filter((incident) => incident.durationMinutes !== undefined)
    expect(timed.length).toBeGreaterThan(3)

    const browser = await chromium.launch({
      executablePath: browserPath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    })
    try {
      const page = await browser.newPage({viewport: {width: 1200, height: 900}})
      const problems: string[] = []
      page.on('console', (message) => {
        if (message.type() === 'error' || message.type() === 'warning')
          problems.push(message.text())
      })
      page.on('pageerror', (error) => problems.push(error.message))
      page.on('request', (request) => {
        if (!request.url().startsWith('file:') && !request.url().startsWith('data:'))
          problems.push(`request to ${request.url()}`)
      })
      await page.goto(pathToFileURL(report).href)
      await page.waitForSelector('body[data-rendered="true"]')
      const drawn = await page.evaluate(() => {
        // The page's globals (this runs in the browser; the project compiles without DOM types).
        // biome-ignore lint/suspicious/noExplicitAny: Chart.js and the document are the page's
        const browserGlobals = globalThis as any
        const Chart = browserGlobals.Chart
        const timeline = Chart.getChart('timeline')
        const durations = Chart.getChart('durations')
        return {
          bars: timeline.getDatasetMeta(0).data.length,
          labels: timeline.data.labels,
          detected: timeline.getDatasetMeta(1).data.length,
          mitigated: timeline.getDatasetMeta(2).data.length,
          resolved: timeline.getDatasetMeta(3).data.length,
          histogram: durations.data.datasets[0].data,
          rows: browserGlobals.document.querySelectorAll('#incidents tbody tr').length,
        }
      })
      expect(problems).toEqual([])
      expect(drawn.bars).toBe(timed.length)
      // A file name two documents share is shown with its folder (fixtures/explain/ and
      // fixtures/kinds/ both hold a `date-after-time.md`).
      const names = incidents.map((incident) => path.basename(incident.path))
      const label = (file: string) =>
        names.filter((name) => name === path.basename(file)).length > 1 ? file : path.basename(file)
      expect(drawn.labels).toEqual(timed.map((incident) => label(incident.path)))
      expect(drawn.detected).toBe(
        timed.filter((incident) => incident.timeToDetectMinutes !== undefined).length,
      )
      expect(drawn.mitigated).toBe(
        timed.filter((incident) => incident.timeToMitigateMinutes !== undefined).length,
      )
      expect(drawn.resolved).toBe(
        timed.filter((incident) => incident.timeToResolveMinutes !== undefined).length,
      )
      expect(drawn.histogram.reduce((sum: number, count: number) => sum + count, 0)).toBe(
        timed.length,
      )
      expect(drawn.rows).toBe(incidents.length)
      mkdirSync(path.join(root, 'test-results'), {recursive: true})
      await page.screenshot({
        path: path.join(root, 'test-results', 'html-report.png'),
        fullPage: true,
      })
    } finally {
      await browser.close()
    }
  }, 60_000)

  it('draws a 2-hour and a 7-day incident both readable on a log axis, and a start with no date as written', async () => {
    const folder = path.join(directory, 'lengths')
    mkdirSync(folder, {recursive: true})
    const incident = (duration: string) =>
      `# Incident\n\n## Summary\n\nDuration: ${duration}\n\nImpact: 10% of users.\n\n## Timeline\n\n- 10:05 UTC: error alert fires\n`
    writeFileSync(path.join(folder, 'hours.md'), incident('March 1, 2024, 10:00 - 12:00 UTC'))
    writeFileSync(
      path.join(folder, 'week.md'),
      incident('March 1, 2024, 10:00 UTC to March 8, 2024, 10:00 UTC'),
    )
    writeFileSync(path.join(folder, 'no-date.md'), incident('10:00 - 11:30 UTC'))
    const report = path.join(directory, 'lengths.html')
    const result = spawnSync(
      process.execPath,
      [path.join(root, 'dist', 'cli.js'), 'stats', '--format', 'html', '-o', report, folder],
      {cwd: root, encoding: 'utf8'},
    )
    expect(result.status).toBe(0)
    const html = readFileSync(report, 'utf8')
    expect(html).toContain('<td>10:00, no date</td><td>11:30, no date</td>')
    expect(html).not.toContain('2000-01-01')

    const browser = await chromium.launch({
      executablePath: browserPath,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
    })
    try {
      const page = await browser.newPage({viewport: {width: 1200, height: 900}})
      const problems: string[] = []
      page.on('console', (message) => {
        if (message.type() === 'error' || message.type() === 'warning')
          problems.push(message.text())
      })
      page.on('pageerror', (error) => problems.push(error.message))
      await page.goto(pathToFileURL(report).href)
      await page.waitForSelector('body[data-rendered="true"]')
      const drawn = await page.evaluate(() => {
        // biome-ignore lint/suspicious/noExplicitAny: Chart.js is the page's global
        const timeline = (globalThis as any).Chart.getChart('timeline')
        const bars = timeline
          .getDatasetMeta(0)
          .data.map((bar: {x: number; base: number}) => Math.abs(bar.x - bar.base))
        return {
          type: timeline.scales.x.type,
          ticks: timeline.scales.x.ticks.map((tick: {label: string}) => tick.label),
          labels: timeline.data.labels,
          bars,
        }
      })
      expect(problems).toEqual([])
      expect(drawn.type).toBe('logarithmic')
      expect(drawn.ticks).toEqual([
        '1 min',
        '5 min',
        '15 min',
        '30 min',
        '1 h',
        '2 h',
        '6 h',
        '12 h',
        '1 day',
        '2 days',
        '1 week',
      ])
      const width = Object.fromEntries(
        drawn.labels.map((label: string, index: number) => [label, drawn.bars[index]]),
      )
      // Not a dot beside a line: the 2-hour bar is more than half the 7-day one.
      expect(width['hours.md']).toBeGreaterThan(width['week.md'] / 2)
      expect(width['hours.md']).toBeLessThan(width['week.md'])
    } finally {
      await browser.close()
    }
  }, 60_000)
})
