/**
 * The playground (`dist/playground/index.html`, built by `npm run build`) in
 * a real browser: Debian's Chromium driven by playwright-core, as the HTML
 * report's test does. Each seed (when ../shared is there) and each broken
 * fixture pasted into it shows the messages of `postmortem-lint --report
 * json` on that file; editing a timestamp updates the messages and the
 * drawing; bad input shows a message; no console error and no request
 * leaving `file:`/`data:`. The page's weight and the time from the last
 * keystroke to the messages of a 20 KB postmortem are printed, not asserted.
 * A screenshot is kept in test-results/. Skipped, with a note, where
 * /usr/bin/chromium is not installed.
 */
import {spawnSync} from 'node:child_process'
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {pathToFileURL} from 'node:url'
import {type Browser, chromium, type Page} from 'playwright-core'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {decodeFile, inputProblem} from '../src/playground/input.js'
import {fixture, root, seedFiles, seedsDir} from './helpers.js'

const browserPath = '/usr/bin/chromium'
const hasBrowser = existsSync(browserPath)
if (!hasBrowser)
  console.warn(`note: ${browserPath} is missing; the playground's browser test is skipped`)

const pagePath = path.join(root, 'dist', 'playground', 'index.html')

/**
 * The little of the page the functions run in it touch (they run in the
 * browser; the project compiles without DOM types).
 */
interface PageGlobals {
  document: {
    body: {dataset: Record<string, string | undefined>}
    getElementById: (id: string) => {textContent: string | null} | null
  }
}
interface TextArea {
  value: string
  selectionStart: number
  selectionEnd: number
  focus: () => void
  setSelectionRange: (start: number, end: number) => void
}
interface Item {
  querySelector: (
    selector: string,
  ) => {textContent: string | null; dataset?: Record<string, string>} | null
  querySelectorAll: (selector: string) => Iterable<{textContent: string | null}>
}

interface Shown {
  ruleId: string
  line: number
  column: number
  reason: string
  severity: string
}

interface CliMessage {
  ruleId: string | null
  line: number | null
  column: number | null
  reason: string
  fatal: boolean | null
  place?: {start?: {offset: number}; end?: {offset: number}; offset?: number}
}

/** `postmortem-lint --report json` on files, by absolute path (the report goes to stderr). */
function cliReport(files: string[], cwd = root): Map<string, CliMessage[]> {
  const result = spawnSync(
    process.execPath,
    [path.join(root, 'dist', 'cli.js'), '--report', 'json', '--no-color', ...files],
    {cwd, encoding: 'utf8'},
  )
  const report = JSON.parse(result.stderr) as {path: string; messages: CliMessage[]}[]
  return new Map(report.map((entry) => [path.resolve(cwd, entry.path), entry.messages]))
}

const asShown = (message: CliMessage): Shown => ({
  ruleId: message.ruleId ?? '',
  line: message.line ?? 0,
  column: message.column ?? 0,
  reason: message.reason,
  severity: message.fatal === true ? 'error' : message.fatal === false ? 'warning' : 'info',
})

const inOrder = (messages: Shown[]) =>
  [...messages].sort(
    (a, b) =>
      a.line - b.line ||
      a.column - b.column ||
      a.ruleId.localeCompare(b.ruleId) ||
      a.reason.localeCompare(b.reason),
  )

/** A postmortem of about `size` characters: a timeline of one entry every two minutes. */
function postmortemOf(size: number): string {
  const head = [
    '# Postmortem: order queue backlog',
    '',
    '## Summary',
    '',
    'Orders were confirmed late while the queue workers fell behind.',
    '',
    '- **Duration:** March 4, 2024, 06:00 - 23:00 (UTC), 17 hours',
    '- **Impact:** 30% of orders were confirmed more than ten minutes late.',
    '',
    '## Timeline',
    '',
  ].join('\n')
  const tail = [
    '',
    '## Root cause',
    '',
    'A retry storm from one partner filled the queue faster than the workers drained it.',
    '',
    '## Resolution',
    '',
    "The partner's retries were rate limited and the backlog drained.",
    '',
    '## Corrective and Preventative Measures',
    '',
    '- Rate limit retries per partner (owner: @queues, due 2024-04-01).',
    '',
  ].join('\n')
  let entries = ''
  for (let minute = 6 * 60; head.length + entries.length + tail.length < size; minute += 2) {
    const clock = `${String(Math.floor(minute / 60) % 24).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`
    entries += `- **${clock} UTC:** Worker pool ${minute % 7} restarted; backlog at ${20_000 - minute * 3} messages.\n`
  }
  return head + entries + tail
}

describe('the playground page', () => {
  it('is one file under 2 MB that references nothing outside it', () => {
    const html = readFileSync(pagePath, 'utf8')
    const size = statSync(pagePath).size
    console.log(`playground: dist/playground/index.html weighs ${(size / 1024).toFixed(0)} KB`)
    expect(size).toBeLessThan(2 * 1024 * 1024)
    expect(
      /<script[^>]*\ssrc=|<link[^>]+rel="stylesheet"|https?:\/\/[^"'\s]*\.js\b/.test(html),
    ).toBe(false)
    // The example to start from is a broken fixture, escaped into the text area.
    expect(html).toContain('## Timeline')
  })
})

describe('what the playground refuses to check', () => {
  it('says why for nothing, binary data and too much text, and checks real text', () => {
    expect(inputProblem('')).toMatch(/^Nothing to check/)
    expect(inputProblem(' \n\t\n')).toMatch(/^Nothing to check/)
    expect(inputProblem('PK\u0003\u0004\u0000\u0000\u0008')).toMatch(/binary data/)
    expect(inputProblem('x'.repeat(6 * 1024 * 1024))).toMatch(/checks up to 5\.0 MB/)
    expect(inputProblem(fixture('atx-headings.broken.md'))).toBeUndefined()
    // One stray control character in a long text is still text.
    expect(inputProblem(`${fixture('atx-headings.clean.md')}\u0007`)).toBeUndefined()
  })

  it('reads a file as UTF-8 or says it is not text', () => {
    expect(decodeFile(new TextEncoder().encode('# Incident\n').buffer)).toEqual({
      text: '# Incident\n',
    })
    expect(decodeFile(new Uint8Array([0xff, 0xfe, 0x00, 0xc3, 0x28]).buffer)).toEqual({
      problem: expect.stringMatching(/not UTF-8/),
    })
  })
})

describe.skipIf(!hasBrowser)('the playground in Chromium', () => {
  let browser: Browser
  let page: Page
  const problems: string[] = []
  const directory = mkdtempSync(path.join(tmpdir(), 'postmortem-playground-'))

  beforeAll(async () => {
    browser = await chromium.launch({
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
    page = await browser.newPage({viewport: {width: 1400, height: 1000}})
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning')
        problems.push(`console: ${message.text()}`)
    })
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`))
    page.on('request', (request) => {
      if (!request.url().startsWith('file:') && !request.url().startsWith('data:'))
        problems.push(`request to ${request.url()}`)
    })
    await page.goto(pathToFileURL(pagePath).href)
    await idle()
  }, 60_000)

  afterAll(async () => {
    if (page) {
      mkdirSync(path.join(root, 'test-results'), {recursive: true})
      await page.fill('#source', fixture('atx-headings.broken.md'))
      await idle()
      await page.screenshot({
        path: path.join(root, 'test-results', 'playground.png'),
        fullPage: true,
      })
    }
    await browser?.close()
    rmSync(directory, {recursive: true, force: true})
  }, 60_000)

  /** Wait until the text now in the area has been checked and shown. */
  const idle = (timeout = 30_000) =>
    page.waitForFunction(
      () => (globalThis as unknown as PageGlobals).document.body.dataset.state === 'idle',
      undefined,
      {timeout},
    )

  async function paste(text: string): Promise<void> {
    await page.fill('#source', text)
    await idle()
  }

  const shownMessages = (): Promise<Shown[]> =>
    page.$$eval('#messages li', (items) =>
      (items as unknown as Item[]).map((item) => {
        const place = item.querySelector('button.message')?.dataset ?? {}
        return {
          ruleId: item.querySelector('.rule')?.textContent ?? '',
          line: Number(place.line),
          column: Number(place.column),
          reason: item.querySelector('.reason')?.textContent ?? '',
          severity: item.querySelector('.severity')?.textContent ?? '',
        }
      }),
    )

  const drawnRows = (): Promise<string[][]> =>
    page.$$eval('#drawn tbody tr', (rows) =>
      (rows as unknown as Item[]).map((row) =>
        [...row.querySelectorAll('td')].map((cell) => cell.textContent ?? ''),
      ),
    )

  const notice = () => page.textContent('#notice')

  it('shows the messages of `postmortem-lint --report json` for each seed and broken fixture', async () => {
    const files = [
      ...seedFiles().map((name) => path.join(seedsDir, name)),
      ...readdirSync(path.join(root, 'fixtures'))
        .filter((name) => name.endsWith('.broken.md'))
        .sort()
        .map((name) => path.join(root, 'fixtures', name)),
    ]
    if (seedFiles().length === 0) console.warn('note: ../shared/seeds is missing; fixtures only')
    const report = cliReport(files)
    let compared = 0
    for (const file of files) {
      await paste(readFileSync(file, 'utf8'))
      const expected = inOrder((report.get(file) ?? []).map(asShown))
      expect({file, messages: inOrder(await shownMessages())}).toEqual({file, messages: expected})
      compared += expected.length
    }
    expect(compared).toBeGreaterThan(20)
    expect(problems).toEqual([])
  })

  it('follows the template choice as the CLI follows `settings.postmortem.template`', async () => {
    for (const template of ['google-sre', 'pagerduty', 'alx']) {
      const folder = path.join(directory, template)
      mkdirSync(folder, {recursive: true})
      writeFileSync(
        path.join(folder, '.remarkrc.json'),
        JSON.stringify({settings: {postmortem: {template}}}),
      )
      const file = path.join(folder, 'incident.md')
      copyFileSync(path.join(root, 'fixtures', 'atx-headings.clean.md'), file)
      const expected = inOrder((cliReport([file], folder).get(file) ?? []).map(asShown))
      await page.selectOption('#template', template)
      await paste(readFileSync(file, 'utf8'))
      expect({template, messages: inOrder(await shownMessages())}).toEqual({
        template,
        messages: expected,
      })
    }
    expect(problems).toEqual([])
  })

  it('selects the text of a message, or of an entry, when it is clicked', async () => {
    const file = path.join(root, 'fixtures', 'atx-headings.broken.md')
    const messages = cliReport([file]).get(file) ?? []
    const impossible = messages.find((message) => message.reason.includes('impossible time'))
    expect(impossible?.place?.start).toBeDefined()
    await paste(readFileSync(file, 'utf8'))
    await page.click('#messages li:has-text("impossible time") button.message')
    const selection = await page.$eval('#source', (area) => {
      const text = area as unknown as TextArea
      return {
        start: text.selectionStart,
        end: text.selectionEnd,
        text: text.value.slice(text.selectionStart, text.selectionEnd),
      }
    })
    expect(selection).toEqual({
      start: impossible?.place?.start?.offset,
      end: impossible?.place?.end?.offset,
      text: '25:10',
    })
    // A click on an entry's mark selects the entry's line.
    const mark = await page.evaluate(() => {
      // biome-ignore lint/suspicious/noExplicitAny: Chart.js and the canvas are the page's
      const chart = (globalThis as any).Chart.getChart('incident')
      const entries = chart.data.datasets.findIndex(
        (dataset: {label: string}) => dataset.label === 'Timeline entries',
      )
      const first = chart.getDatasetMeta(entries).data[0]
      const box = chart.canvas.getBoundingClientRect()
      return {x: box.left + first.x, y: box.top + first.y}
    })
    await page.mouse.click(mark.x, mark.y)
    // Chart.js handles a click in the next animation frame.
    const entryLine = '09:02 UTC:** Error rate on checkout rises above 5%.'
    await page.waitForFunction(
      (line) => {
        const text = (
          globalThis as unknown as {document: {getElementById: (id: string) => unknown}}
        ).document.getElementById('source') as TextArea
        return text.value.slice(text.selectionStart, text.selectionEnd) === line
      },
      entryLine,
      {timeout: 5000},
    )
  })

  it('updates the messages and the drawing when a timestamp is edited', async () => {
    const text = fixture('atx-headings.broken.md')
    await paste(text)
    const before = await shownMessages()
    const rowsBefore = await drawnRows()
    expect(before.some((message) => message.reason.includes('`09:02 UTC` is before'))).toBe(true)
    // The entry before the stated start (09:10), drawn 8 minutes before it and flagged.
    expect(rowsBefore[0]?.slice(0, 2)).toEqual(['09:02 UTC', '-8 min'])
    expect(rowsBefore[0]?.[3]).toContain('is before the stated start')
    // Type `1` over the `0` of `09:02`: the entry moves to 09:12, inside the incident.
    const at = text.indexOf('09:02') + 3
    await page.$eval(
      '#source',
      (area, offset) => {
        const text = area as unknown as TextArea
        text.focus()
        text.setSelectionRange(offset, offset + 1)
      },
      at,
    )
    await page.keyboard.type('1')
    await idle()
    const after = await shownMessages()
    expect(after.some((message) => message.reason.includes('is before the stated start'))).toBe(
      false,
    )
    expect(after.length).toBe(before.length - 1)
    const rowsAfter = await drawnRows()
    expect(rowsAfter[0]?.slice(0, 2)).toEqual(['09:12 UTC', '2 min'])
    expect(rowsAfter[0]?.[3]).toBe('')
    const chart = await page.evaluate(() => {
      // biome-ignore lint/suspicious/noExplicitAny: Chart.js is the page's global
      const Chart = (globalThis as any).Chart
      const drawn = Chart.getChart('incident')
      const entries = drawn.data.datasets.find(
        (dataset: {label: string}) => dataset.label === 'Timeline entries',
      )
      return entries.data.map((point: {x: number}) => point.x)
    })
    expect(chart[0]).toBe(2)
    expect(problems).toEqual([])
  })

  it('flags each entry of a grouped message in the drawing, and shows its note on hover', async () => {
    await paste(
      readFileSync(path.join(root, 'fixtures', 'kinds', 'entries-outside-the-window.md'), 'utf8'),
    )
    const rows = await drawnRows()
    const before = '3 entries, `10:20 UTC` to `10:50 UTC`, are before the stated start'
    const after = '2 entries, `12:20 UTC` and `12:40 UTC`, are after the stated end'
    expect(rows.map((row) => [row[0], row[3]?.includes(before), row[3]?.includes(after)])).toEqual([
      ['10:20 UTC', true, false],
      ['10:35 UTC', true, false],
      ['10:50 UTC', true, false],
      ['11:30 UTC', false, false],
      ['12:20 UTC', false, true],
      ['12:40 UTC', false, true],
    ])
    const title = await page.getAttribute(
      '#messages li:has-text("3 entries") button.message',
      'title',
    )
    expect(title?.split('\n')[1]).toBe('`10:20 UTC` (11:3), `10:35 UTC` (12:3), `10:50 UTC` (13:3)')
  })

  it('shows a message, never a frozen page, for an empty area, binary data and 1 MB of text', async () => {
    await paste('')
    expect(await notice()).toMatch(/^Nothing to check/)
    expect(await shownMessages()).toEqual([])

    await paste(`\u0000\u0001\u0002PK\u0003\u0004${'\u0000'.repeat(40)}`)
    expect(await notice()).toMatch(/binary data/)

    const binary = path.join(directory, 'image.png')
    writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0xfe]))
    await page.setInputFiles('#file', binary)
    await page.waitForFunction(() =>
      (globalThis as unknown as PageGlobals).document
        .getElementById('notice')
        ?.textContent?.includes('UTF-8'),
    )
    expect(await notice()).toContain('image.png: This file is not UTF-8 text')

    // 1 MB: a broken postmortem, then a line again and again.
    const base = fixture('atx-headings.broken.md')
    const entry = '- **10:30 UTC:** Dashboards checked again; error rate holding at baseline.\n'
    const large = `${base}\n${entry.repeat(Math.ceil((1024 * 1024 - base.length) / entry.length))}`
    // As a paste gives it to the page (playwright's fill types it, which takes minutes for 1 MB).
    await page.$eval(
      '#source',
      (area, text) => {
        const input = area as unknown as TextArea & {dispatchEvent: (event: unknown) => void}
        input.value = text
        input.focus()
        const events = globalThis as unknown as {
          InputEvent: new (type: string, init: object) => unknown
        }
        input.dispatchEvent(
          new events.InputEvent('input', {inputType: 'insertFromPaste', bubbles: true}),
        )
      },
      large,
    )
    // While the worker checks it, the page answers and takes keystrokes.
    const during = await page.evaluate(
      () => (globalThis as unknown as PageGlobals).document.body.dataset.state,
    )
    await page.keyboard.press('End')
    await page.keyboard.type('x')
    const began = Date.now()
    await idle(60_000)
    console.log(
      `playground: 1 MB checked in ${await page.evaluate(() => (globalThis as unknown as PageGlobals).document.body.dataset.checkMs)} ms in the worker (${Date.now() - began} ms after the last keystroke here; state while checking: ${during})`,
    )
    expect(await notice()).toMatch(/large document \(1\.0 MB\)/)
    expect(await page.$eval('#source', (area) => (area as unknown as TextArea).value.at(-1))).toBe(
      'x',
    )
    expect(await shownMessages()).not.toEqual([])
    expect(problems).toEqual([])
  }, 120_000)

  it('shows the messages of a 20 KB postmortem soon after the last keystroke (measured, not asserted)', async () => {
    await paste(postmortemOf(20 * 1024))
    const latencies: number[] = []
    for (let round = 0; round < 7; round++) {
      await page.keyboard.press('End')
      await page.keyboard.type(round % 2 ? 'a' : 'b')
      await idle()
      latencies.push(
        Number(
          await page.evaluate(
            () => (globalThis as unknown as PageGlobals).document.body.dataset.latency,
          ),
        ),
      )
    }
    const sorted = [...latencies].sort((a, b) => a - b)
    console.log(
      `playground: 20 KB postmortem, last keystroke to messages shown: median ${sorted[3]} ms (${latencies.join(', ')} ms; the page waits twice the last check's time, at least 60 ms, after the last keystroke)`,
    )
    expect(latencies.every((latency) => latency > 0)).toBe(true)
    expect(problems).toEqual([])
  })
})
