/**
 * The playground page: the text area, the template choice, the messages and
 * the drawing. Each edit is checked (debounced) in a worker started from the
 * page's own text (`#worker-source`, a data: URL: no request leaves the page,
 * and it works from `file:`); the worker is stopped and started again when a
 * check runs too long, so the page never freezes.
 */
import {Chart, type DrawnEntry, drawIncident, type IncidentDrawing, lengthLabel} from '../charts.js'
import {decodeFile, inputProblem, largeDocument, sizeLabel} from './input.js'
import type {CheckRequest, CheckResponse, CheckResult, ShownMessage} from './lint.js'

/**
 * Wait twice as long as the last check took after the last keystroke, within
 * these bounds: a 20 KB postmortem, checked in some 30 ms, is checked 60 ms
 * after the typing stops; a 1 MB one is not checked again at every key.
 */
const debounceBounds = {least: 60, most: 300}
let lastCheckMs = 0
const debounceMs = () =>
  Math.min(debounceBounds.most, Math.max(debounceBounds.least, 2 * lastCheckMs))
/** A check still running after this, with a newer text waiting, is abandoned for it. */
const supersedeMs = 1500
/** A check still running after this is stopped. */
const giveUpMs = 20_000

const element = <T extends HTMLElement>(id: string) => document.getElementById(id) as T
const source = element<HTMLTextAreaElement>('source')
const template = element<HTMLSelectElement>('template')
const status = element<HTMLOutputElement>('status')
const notice = element<HTMLParagraphElement>('notice')
const list = element<HTMLOListElement>('messages')
const canvas = element<HTMLCanvasElement>('incident')
const lengths = element<HTMLParagraphElement>('lengths')
const drawnRows = element<HTMLTableElement>('drawn').tBodies[0] as HTMLTableSectionElement
const workerSource = element<HTMLScriptElement>('worker-source').textContent ?? ''

/** The state the page is in, for people (the status line) and for tests (`body[data-state]`). */
function setState(state: 'checking' | 'idle' | 'stopped') {
  document.body.dataset.state = state
}

function startWorker(): Worker {
  let started: Worker
  try {
    started = new Worker(`data:text/javascript;charset=utf-8,${encodeURIComponent(workerSource)}`)
  } catch {
    // A browser that refuses data: workers may take a blob: one (still nothing fetched).
    started = new Worker(URL.createObjectURL(new Blob([workerSource], {type: 'text/javascript'})))
  }
  started.onmessage = (event: MessageEvent<CheckResponse>) => received(event.data)
  started.onerror = (event) => {
    event.preventDefault()
    // The next edit starts another worker (not this handler: one that cannot start would loop).
    failed = true
    clearTimeout(watchdog)
    running = undefined
    stop(`The checker failed: ${event.message || 'it could not start'}.`)
  }
  return started
}

let failed = false

let worker = startWorker()
/** The last request made (the text now in the area) and the one the worker is working on. */
let latest = 0
let running: {request: CheckRequest; began: number} | undefined
let waiting: CheckRequest | undefined
let lastInput = performance.now()
let watchdog: ReturnType<typeof setTimeout> | undefined
let debounce: ReturnType<typeof setTimeout> | undefined
let slowNote: ReturnType<typeof setTimeout> | undefined
/** An edit waits for its debounce: the page is not idle yet, whatever arrives. */
let scheduled = false

function send(request: CheckRequest) {
  if (failed) {
    failed = false
    worker.terminate()
    worker = startWorker()
  }
  if (running) {
    waiting = request
    // A long check of an old text is abandoned for the new one.
    if (performance.now() - running.began > supersedeMs) restart()
    return
  }
  running = {request, began: performance.now()}
  worker.postMessage(request)
  clearTimeout(watchdog)
  watchdog = setTimeout(() => {
    restart()
    stop(
      `The check stopped after ${giveUpMs / 1000} s: this document is too much for a browser tab. Run \`npx postmortem-lint file.md\` on it.`,
    )
  }, giveUpMs)
}

function restart() {
  worker.terminate()
  worker = startWorker()
  running = undefined
  clearTimeout(watchdog)
  const next = waiting
  waiting = undefined
  if (next) send(next)
}

function received(response: CheckResponse) {
  clearTimeout(watchdog)
  running = undefined
  const next = waiting
  waiting = undefined
  if (response.id === latest) show(response.result)
  if (next) send(next)
}

function stop(reason: string) {
  clearTimeout(slowNote)
  notice.textContent = reason
  status.textContent = ''
  setState('stopped')
}

/** Check what the area holds now (or say why not). */
function check() {
  clearTimeout(debounce)
  clearTimeout(slowNote)
  scheduled = false
  setState('checking')
  latest += 1
  const text = source.value
  const problem = inputProblem(text)
  if (problem) {
    waiting = undefined
    showNothing(problem)
    return
  }
  notice.textContent =
    text.length >= largeDocument
      ? `A large document (${sizeLabel(text.length)}): it is checked in the background, which may take a few seconds; the page stays usable.`
      : ''
  // Say that a check runs only when it takes long enough to be seen.
  slowNote = setTimeout(() => {
    status.textContent = `Checking ${sizeLabel(text.length)}…`
  }, 400)
  send({id: latest, text, template: template.value})
}

function edited() {
  lastInput = performance.now()
  setState('checking')
  clearTimeout(debounce)
  scheduled = true
  debounce = setTimeout(check, debounceMs())
}

function showNothing(reason: string) {
  clearTimeout(slowNote)
  notice.textContent = reason
  status.textContent = ''
  list.replaceChildren()
  draw(undefined)
  setState('idle')
}

/** At most this many messages are listed (a hostile document can have thousands). */
const mostListed = 1000

function show(result: CheckResult) {
  clearTimeout(slowNote)
  const {messages} = result
  lastCheckMs = result.ms
  list.replaceChildren(...messages.slice(0, mostListed).map(messageItem))
  if (messages.length > mostListed) {
    const more = document.createElement('li')
    more.textContent = `and ${messages.length - mostListed} more`
    list.append(more)
  }
  const count = (severity: string) => messages.filter((m) => m.severity === severity).length
  const errors = count('error')
  const warnings = count('warning')
  const latency = Math.round(performance.now() - lastInput)
  status.textContent =
    messages.length === 0
      ? `No messages: the postmortem passes every rule of the ${template.value} template.`
      : `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'} (checked in ${Math.round(result.ms)} ms).`
  if (result.notice && !notice.textContent) notice.textContent = result.notice
  draw(result.drawing)
  document.body.dataset.latency = String(latency)
  document.body.dataset.checkMs = String(Math.round(result.ms))
  setState(scheduled ? 'checking' : 'idle')
}

function messageItem(message: ShownMessage): HTMLLIElement {
  const item = document.createElement('li')
  const button = document.createElement('button')
  button.type = 'button'
  button.className = 'message'
  button.dataset.line = String(message.line ?? '')
  button.dataset.column = String(message.column ?? '')
  const severity = document.createElement('span')
  severity.className = `severity ${message.severity}`
  severity.textContent = message.severity
  const place = document.createElement('span')
  place.className = 'place'
  place.textContent = message.line ? `${message.line}:${message.column ?? 1}` : '–'
  const reason = document.createElement('span')
  reason.className = 'reason'
  reason.textContent = message.reason
  button.append(severity, place, reason)
  // The note (accepted names, how a value was computed) one step away, as remark's `--verbose` shows it.
  if (message.note) button.title = message.note
  button.addEventListener('click', () => select(message.start, message.end))
  item.append(button)
  if (message.ruleId) {
    const rule = document.createElement(message.url ? 'a' : 'span')
    rule.className = 'rule'
    rule.textContent = message.ruleId
    if (rule instanceof HTMLAnchorElement && message.url) {
      rule.href = message.url
      rule.target = '_blank'
      rule.rel = 'noopener noreferrer'
    }
    item.append(rule)
  }
  return item
}

/** Select the text at file offsets `start` to `end` and scroll it into view. */
function select(start: number | undefined, end: number | undefined) {
  if (start === undefined) return
  source.focus()
  source.setSelectionRange(start, Math.max(start, end ?? start))
  // The area does not wrap, so a line's place is its number times the line height.
  const line = source.value.slice(0, start).split('\n').length - 1
  const lineHeight = Number.parseFloat(getComputedStyle(source).lineHeight) || 19
  source.scrollTop = Math.max(0, (line - 3) * lineHeight)
}

function selectEntry(entry: DrawnEntry) {
  select(entry.start, entry.end)
}

function draw(drawing: IncidentDrawing | undefined) {
  if (!drawing) {
    Chart.getChart(canvas)?.destroy()
    lengths.textContent = ''
    drawnRows.replaceChildren()
    return
  }
  drawIncident(canvas, drawing, selectEntry)
  const computed = drawing.end ? lengthLabel(drawing.end.minutes) : undefined
  lengths.textContent = [
    drawing.stated ? `Stated length: ${drawing.stated.text}.` : 'No stated length.',
    computed !== undefined
      ? `Stated start to end: ${computed}.`
      : 'No stated start and end: times are from the first entry.',
    drawing.undrawn
      ? `${drawing.undrawn} entr${drawing.undrawn === 1 ? 'y' : 'ies'} without a time that could be read (not drawn).`
      : '',
  ]
    .filter(Boolean)
    .join(' ')
  drawnRows.replaceChildren(
    ...drawing.entries.map((entry) => {
      const row = document.createElement('tr')
      const cells = [entry.time, lengthLabel(entry.minutes), entry.text, entry.reasons.join(' ')]
      for (const [index, text] of cells.entries()) {
        const cell = document.createElement('td')
        cell.textContent = text
        if (index === 3 && entry.severity) cell.className = `flag ${entry.severity}`
        row.append(cell)
      }
      return row
    }),
  )
}

async function open(file: File) {
  const decoded = decodeFile(await file.arrayBuffer())
  if ('problem' in decoded) {
    latest += 1
    showNothing(`${file.name}: ${decoded.problem}`)
    return
  }
  source.value = decoded.text
  edited()
}

source.addEventListener('input', edited)
template.addEventListener('change', edited)
element<HTMLButtonElement>('example').addEventListener('click', () => {
  source.value = source.defaultValue
  edited()
})
const picker = element<HTMLInputElement>('file')
picker.addEventListener('change', () => {
  const file = picker.files?.[0]
  if (file) void open(file)
  picker.value = ''
})
source.addEventListener('dragover', (event) => {
  event.preventDefault()
  source.classList.add('dragging')
})
source.addEventListener('dragleave', () => source.classList.remove('dragging'))
source.addEventListener('drop', (event) => {
  source.classList.remove('dragging')
  const file = event.dataTransfer?.files[0]
  if (!file) return
  event.preventDefault()
  void open(file)
})

// For whoever inspects the page (and the tests): the chart, as in the report.
Object.assign(globalThis, {Chart})
check()
