/**
 * The playground's check, run in a worker: the preset on one document, as
 * `postmortem-lint` runs it, and the incident drawn from the same model the
 * rules read. No DOM and no Node modules: it runs in a browser worker (and in
 * Node for the tests).
 */
import type {Root} from 'mdast'
import {remark} from 'remark'
import {VFile} from 'vfile'
import type {VFileMessage} from 'vfile-message'
import type {DrawnEntry, IncidentDrawing, Severity} from '../charts.js'
import preset from '../index.js'
import {readIncident} from '../model/incident.js'
import type {SourceText} from '../model/source-text.js'
import type {Incident, ModelOptions} from '../model/types.js'
import {relatedPlaces} from '../rule.js'
import {milestonesOf} from '../stats.js'

declare module 'unified' {
  interface Settings {
    /** The incident model's shared options (src/rule.ts reads them). */
    postmortem?: ModelOptions
  }
}

/** A message as the page lists it: what `--report json` gives, and its offsets to select. */
export interface ShownMessage {
  ruleId?: string
  source?: string
  reason: string
  severity: Severity
  line?: number
  column?: number
  /** File offsets of the text the message is about (the start alone for a point). */
  start?: number
  end?: number
  /** File offsets of the other places of the same problem (the other entries of a group). */
  also?: number[]
  /** The rule's documentation. */
  url?: string
  /** What the reason leaves out (the message's note); the page shows it on hover. */
  note?: string
}

export interface CheckRequest {
  id: number
  text: string
  template: string
}

export interface CheckResult {
  messages: ShownMessage[]
  drawing?: IncidentDrawing
  /** Why there is no drawing (no stated start and no timed entry), or why the check failed. */
  notice?: string
  /** How long the check took in the worker, in ms. */
  ms: number
}

export interface CheckResponse {
  id: number
  result: CheckResult
}

const processors = new Map<string, ReturnType<typeof processorFor>>()

function processorFor(template: string) {
  return remark().use(preset).data('settings', {postmortem: {template}})
}

const severityOf = (message: VFileMessage): Severity =>
  message.fatal === true ? 'error' : message.fatal === false ? 'warning' : 'info'

function shown(message: VFileMessage): ShownMessage {
  const place = message.place
  const start = place && 'start' in place ? place.start : place
  const end = place && 'end' in place ? place.end : undefined
  const also = relatedPlaces(message).flatMap((related) => {
    const at = 'start' in related.place ? related.place.start : related.place
    return related.also && at.offset !== undefined ? [at.offset] : []
  })
  return {
    ...(message.ruleId ? {ruleId: message.ruleId} : {}),
    ...(message.source ? {source: message.source} : {}),
    reason: message.reason,
    severity: severityOf(message),
    ...(message.line ? {line: message.line} : {}),
    ...(message.column ? {column: message.column} : {}),
    ...(start?.offset !== undefined ? {start: start.offset} : {}),
    ...(end?.offset !== undefined
      ? {end: end.offset}
      : start?.offset !== undefined
        ? {end: start.offset}
        : {}),
    ...(message.url ? {url: message.url} : {}),
    ...(message.note ? {note: message.note} : {}),
    ...(also.length > 0 ? {also} : {}),
  }
}

const rank: Record<Severity, number> = {error: 3, warning: 2, info: 1}

/** The messages whose text (or another place of the same problem) lies in `text`'s range, and the worst severity among them. */
function flags(
  text: SourceText,
  messages: readonly ShownMessage[],
): {severity?: Severity; reasons: string[]; start: number; end: number} {
  const range = text.fileRange(0, text.value.length) ?? {start: -1, end: -1}
  const inRange = (offset: number | undefined) =>
    offset !== undefined && offset >= range.start && offset < Math.max(range.end, range.start + 1)
  // A message of several entries (before the stated start) flags each of them.
  const on = messages.filter(
    (message) => inRange(message.start) || (message.also ?? []).some(inRange),
  )
  const worst = on.reduce<Severity | undefined>(
    (worst, message) =>
      worst === undefined || rank[message.severity] > rank[worst] ? message.severity : worst,
    undefined,
  )
  return {
    ...(worst ? {severity: worst} : {}),
    reasons: on.map((message) => message.reason),
    ...range,
  }
}

const minute = 60_000

/** The incident as the page draws it; undefined when nothing has a time. */
function drawingOf(
  incident: Incident,
  messages: readonly ShownMessage[],
): IncidentDrawing | undefined {
  const start = incident.duration?.start
  const end = incident.duration?.end
  const stated = incident.duration?.stated
  const timed = (incident.timeline?.entries ?? []).filter(
    (entry) => entry.timestamp?.epochMs !== undefined,
  )
  const first = timed[0]?.timestamp
  const originMs = start?.epochMs ?? first?.epochMs
  if (originMs === undefined) return undefined
  const fromOrigin = (epochMs: number) => (epochMs - originMs) / minute
  const milestones = milestonesOf(incident)
  const entries: DrawnEntry[] = timed.map((entry) => {
    const line = incident.lines[entry.line]?.text ?? entry.text
    const {start: from, end: to, ...flagged} = flags(line, messages)
    return {
      minutes: fromOrigin(entry.timestamp?.epochMs as number),
      time: entry.timestamp?.text.value ?? '',
      text: line.value,
      ...flagged,
      start: from,
      end: to,
    }
  })
  const statedFlags = stated ? flags(stated.text, messages) : undefined
  return {
    origin: start
      ? `the stated start, ${start.text.value}`
      : `the first entry, ${first?.text.value}`,
    ...(start && end ? {end: {minutes: fromOrigin(end.epochMs), text: end.text.value}} : {}),
    ...(stated
      ? {
          stated: {
            minutes: stated.ms / minute,
            text: stated.text.value,
            ...(statedFlags?.severity ? {severity: statedFlags.severity} : {}),
          },
        }
      : {}),
    milestones: {
      ...(milestones.detected !== undefined ? {detected: fromOrigin(milestones.detected)} : {}),
      ...(milestones.mitigated !== undefined ? {mitigated: fromOrigin(milestones.mitigated)} : {}),
      ...(milestones.resolved !== undefined ? {resolved: fromOrigin(milestones.resolved)} : {}),
    },
    entries,
    undrawn: (incident.timeline?.entries.length ?? 0) - timed.length,
  }
}

/** Messages in document order (the CLI lists them rule by rule). */
const byPlace = (a: ShownMessage, b: ShownMessage) =>
  (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0)

/** Check one document with the preset and `template`, and read its incident for the drawing. */
export async function checkDocument(text: string, template: string): Promise<CheckResult> {
  const began = performance.now()
  let processor = processors.get(template)
  if (!processor) {
    processor = processorFor(template)
    processors.set(template, processor)
  }
  const file = new VFile({value: text, path: 'postmortem.md'})
  try {
    const tree = (await processor.run(processor.parse(file), file)) as Root
    const messages = file.messages.map(shown).sort(byPlace)
    const drawing = drawingOf(readIncident(tree, file, {template}), messages)
    return {
      messages,
      ...(drawing
        ? {drawing}
        : {notice: 'Nothing to draw: no stated start and no timeline entry with a time.'}),
      ms: performance.now() - began,
    }
  } catch (error) {
    // A rule that fails stops the file in the CLI too; its message is the file's only one.
    const message = error as VFileMessage
    return {
      messages: message.reason ? [shown(message)] : [],
      notice: `The check failed: ${message.reason ?? String(error)}`,
      ms: performance.now() - began,
    }
  }
}
