/**
 * What every postmortem rule shares: the `remark-lint:<id>` origin, a default
 * severity, option checking with "Unexpected value ..., expected ..." failures,
 * the shared incident model, and turning model text into message places.
 */
import type {Root} from 'mdast'
import type {Processor} from 'unified'
import {lintRule} from 'unified-lint-rule'
import type {Point, Position} from 'unist'
import type {VFile} from 'vfile'
import {location} from 'vfile-location'
import {VFileMessage} from 'vfile-message'
import {forgetIncident, readIncident} from './model/incident.js'
import type {SourceText} from './model/source-text.js'
import type {Incident, ModelOptions} from './model/types.js'
import {resolveZone} from './time/zones.js'

type Severity = 'error' | 'warn'

const docsBase =
  'https://github.com/postmortem-lint/remark-preset-lint-postmortem/blob/main/docs/rules/'

export interface OptionSpec {
  /** What the value must be, for the failure message (`a boolean`). */
  expected: string
  valid: (value: unknown) => boolean
}

interface RuleContext<Options> {
  incident: Incident
  file: VFile
  options: Options
  report: (reason: string, text: SourceText | undefined, extra?: ReportExtra) => void
  /** Where a text is in the file, as `line:column` (for notes that list places). */
  where: (text: SourceText) => string
}

interface ReportExtra {
  /** A related place and what it is (`The stated start`): the message's `cause`. */
  related?: {text: SourceText; reason: string}
  /** The other places of the same problem (the other entries of a group), each with what it is. */
  also?: {text: SourceText; reason: string}[]
  /** What the reason leaves out (accepted names, candidates, how a value was computed): the message's `note`. */
  note?: string
  /** Replacements for the reported text (editors offer them as quick fixes). */
  expected?: string[]
  actual?: string
  /** `expected[0]` is safe to apply without review: `postmortem-lint --fix` applies it. */
  fix?: boolean
}

/**
 * A place a message refers to besides its own: the context of the problem
 * (`The stated start`, also the message's `cause`), or another place of the
 * same problem (`also`: the other entries of a group, which editors mark too).
 */
export interface RelatedPlace {
  reason: string
  place: Point | Position
  also?: true
}

/**
 * The places related to a message, in order: its `cause` first when it has
 * one, then the other places of the same problem. vfile-message has room for
 * one `cause`; the list is kept in the message's `related` field, which the
 * language server turns into `relatedInformation`, SARIF into
 * `relatedLocations` and `--report json` into `related`.
 */
export function relatedPlaces(message: object): RelatedPlace[] {
  const related = (message as {related?: unknown}).related
  return Array.isArray(related) ? (related as RelatedPlace[]) : []
}

/** Marks a message whose first `expected` value `--fix` applies (a symbol: reports never show it). */
export const fixMarker = Symbol.for('remark-preset-lint-postmortem.fix')

/** Whether `--fix` may apply this message's first `expected` value. */
export function isFixable(message: object): boolean {
  return (message as {[fixMarker]?: boolean})[fixMarker] === true
}

export interface RuleDefinition<Options> {
  id: string
  severity: Severity
  options: Record<string, OptionSpec>
  check: (context: RuleContext<Options>) => void
}

const severities = new Set<unknown>(['error', 'warn', 'on', 'off', 0, 1, 2, true])

/** Model options shared through the processor's `settings.postmortem`, then the rule's own. */
function modelOptions(settings: unknown, options: Record<string, unknown>): ModelOptions {
  const shared =
    (settings && typeof settings === 'object' && 'postmortem' in settings
      ? (settings as {postmortem: ModelOptions}).postmortem
      : {}) ?? {}
  const result: ModelOptions = {}
  const aliases = {
    ...(shared.aliases ?? {}),
    ...((options.aliases as ModelOptions['aliases']) ?? {}),
  }
  const timezones = {
    ...(shared.timezones ?? {}),
    ...((options.timezones as ModelOptions['timezones']) ?? {}),
  }
  if (Object.keys(aliases).length > 0) result.aliases = aliases
  if (Object.keys(timezones).length > 0) result.timezones = timezones
  const template = (options.template as string | undefined) ?? shared.template
  if (template) result.template = template
  return result
}

function describe(value: unknown): string {
  try {
    return `\`${JSON.stringify(value)}\``
  } catch {
    return `\`${String(value)}\``
  }
}

/** Check options; the returned text is the failure reason, if any. */
function validate(
  id: string,
  specs: Record<string, OptionSpec>,
  options: unknown,
): string | undefined {
  if (options === undefined || options === null) return undefined
  if (typeof options !== 'object' || Array.isArray(options)) {
    return `Unexpected value ${describe(options)} for \`${id}\`, expected an options object or \`[severity, options]\``
  }
  for (const [key, value] of Object.entries(options)) {
    const spec = specs[key]
    if (!spec) {
      const known = Object.keys(specs)
      return `Unexpected option \`${key}\` for \`${id}\`, expected ${known.length ? known.map((name) => `\`${name}\``).join(', ') : 'no options'}`
    }
    if (value !== undefined && !spec.valid(value)) {
      return `Unexpected value ${describe(value)} for option \`${key}\` of \`${id}\`, expected ${spec.expected}`
    }
  }
  return undefined
}

/**
 * Model options by their cache key, so that rules configured alike share one
 * object and one model per file without computing the key per file and rule.
 */
const internedOptions = new Map<string, ModelOptions>()

function intern(options: ModelOptions): ModelOptions {
  // The same key as readIncident's cache.
  const key = JSON.stringify([
    options.aliases ?? {},
    options.timezones ?? {},
    options.template ?? '',
  ])
  let known = internedOptions.get(key)
  if (!known) {
    // A long-lived language server may see many configurations; the map only saves work.
    if (internedOptions.size >= 256) internedOptions.clear()
    known = options
    internedOptions.set(key, known)
  }
  return known
}

/** The model each file was last read with, by the (interned) options it was read with. */
const models = new WeakMap<VFile, {options: ModelOptions; incident: Incident}>()

function incidentOf(tree: Root, file: VFile, options: ModelOptions): Incident {
  const known = models.get(file)
  if (known?.options === options) return known.incident
  const incident = readIncident(tree, file, options)
  models.set(file, {options, incident})
  return incident
}

/** Forget a file's models and line index (the CLI, once the file's messages are final). */
export function forgetModels(file: VFile): void {
  models.delete(file)
  locations.delete(file)
  forgetIncident(file)
}

/** One index of line starts per file, shared by the rules that report on it and message control. */
const locations = new WeakMap<VFile, {value: string; place: ReturnType<typeof location>}>()

export function locationOf(file: VFile): ReturnType<typeof location> {
  const value = String(file)
  let known = locations.get(file)
  if (known?.value !== value) {
    known = {value, place: location(value)}
    locations.set(file, known)
  }
  return known.place
}

/**
 * A message without its `Error` stack: VFileMessage extends `Error`, whose
 * constructor captures the stack (about 15 µs under unified's plugins), and
 * then sets `stack` to `''` itself, so the capture is never seen.
 */
function withoutStack<T>(create: () => T): T {
  // V8's (Node's, Chromium's) own property: the playground's browser types do not declare it.
  const errors = Error as ErrorConstructor & {stackTraceLimit?: number}
  const limit = errors.stackTraceLimit
  errors.stackTraceLimit = 0
  try {
    return create()
  } finally {
    errors.stackTraceLimit = limit
  }
}

/** What one configuration of a rule needs on every file, worked out on its first file. */
interface Configured<Options> {
  raw: unknown
  settings: unknown
  failure: string | undefined
  options: Options
  model: ModelOptions | undefined
}

/** Turn a rule definition into a remark plugin. */
export function postmortemRule<Options extends object>(definition: RuleDefinition<Options>) {
  const url = `${docsBase}${definition.id}.md`
  /**
   * The configuration whose transformer is running: unified-lint-rule calls the
   * rule synchronously from it, with the options but not the processor.
   */
  let running: ((raw: unknown) => Configured<Options>) | undefined
  let lastConfigured: Configured<Options> | undefined
  const lint = lintRule(
    {origin: `remark-lint:${definition.id}`, url},
    (tree: Root, file: VFile, raw: unknown) => {
      const configured = (running as (raw: unknown) => Configured<Options>)(raw)
      if (configured.failure)
        file.fail(configured.failure, {ruleId: definition.id, source: 'remark-lint'})
      const {options} = configured
      const incident = incidentOf(tree, file, configured.model as ModelOptions)
      let place: ReturnType<typeof location> | undefined
      const pointOf = (offset: number | undefined) => {
        if (offset === undefined) return undefined
        place ??= locationOf(file)
        return place.toPoint(offset)
      }
      const placeOf = (text: SourceText | undefined) => {
        if (!text) return undefined
        const range = text.fileRange(0, text.value.length)
        const start = pointOf(range?.start)
        const end = pointOf(range?.end)
        if (!start) return undefined
        // An empty range is a point: where a fix inserts text.
        return end && end.offset !== start.offset ? {start, end} : start
      }
      definition.check({
        incident,
        file,
        options,
        where(text) {
          const start = placeOf(text)
          const point = start && 'start' in start ? start.start : start
          return point ? `${point.line}:${point.column}` : '?'
        },
        report(reason, text, extra = {}) {
          const messagePlace = placeOf(text)
          const contextPlace = extra.related ? placeOf(extra.related.text) : undefined
          const context = extra.related
          const cause = context
            ? withoutStack(
                () =>
                  new VFileMessage(context.reason, {
                    place: contextPlace,
                    ruleId: definition.id,
                    source: 'remark-lint',
                  }),
              )
            : undefined
          const message = withoutStack(() =>
            file.message(reason, {
              ...(messagePlace ? {place: messagePlace} : {}),
              ...(cause ? {cause} : {}),
            }),
          )
          const related: RelatedPlace[] = []
          if (context && contextPlace) related.push({reason: context.reason, place: contextPlace})
          for (const other of extra.also ?? []) {
            const otherPlace = placeOf(other.text)
            if (otherPlace) related.push({reason: other.reason, place: otherPlace, also: true})
          }
          if (related.length > 0) Object.assign(message, {related})
          if (extra.note) message.note = extra.note
          if (extra.expected) message.expected = extra.expected
          if (extra.actual !== undefined) message.actual = extra.actual
          if (extra.fix && extra.expected?.length === 1)
            (message as {[fixMarker]?: boolean})[fixMarker] = true
        },
      })
    },
  )

  // unified-lint-rule reads only `[severity, options]`; a bare options object or
  // nothing gets this rule's default severity, and a bare severity is read as one.
  function plugin(this: Processor, config?: unknown) {
    const settings = this?.data?.('settings')
    let coerced: unknown = config
    if (config === undefined || config === null) coerced = [definition.severity]
    else if (Array.isArray(config)) coerced = config
    else if (severities.has(config)) coerced = [config]
    else coerced = [definition.severity, config]
    // biome-ignore lint/suspicious/noExplicitAny: unified-lint-rule's plugin type is generic over options
    const transformer = (lint as any).call(this, coerced) as
      | ((tree: Root, file: VFile, next: () => void) => void)
      | undefined
    if (!transformer) return undefined
    // The options (as unified-lint-rule hands them to the rule) are checked and
    // read into model options once per configuration, not once per file; the
    // CLI and the language server attach every plugin again for each file
    // (unified-engine makes a processor per file), with the same options and
    // settings objects, so the last configuration is kept across attachments.
    const configureOnce = (raw: unknown): Configured<Options> => {
      if (lastConfigured && lastConfigured.raw === raw && lastConfigured.settings === settings)
        return lastConfigured
      const failure = validate(definition.id, definition.options, raw)
      const options = (raw ?? {}) as Options
      const read: Configured<Options> = {
        raw,
        settings,
        failure,
        options,
        model: failure
          ? undefined
          : intern(modelOptions(settings, options as Record<string, unknown>)),
      }
      lastConfigured = read
      return read
    }
    return (tree: Root, file: VFile, next: () => void) => {
      running = configureOnce
      return transformer(tree, file, next)
    }
  }
  Object.defineProperty(plugin, 'name', {value: `remark-lint:${definition.id}`})
  return plugin
}

export const isBoolean: OptionSpec = {
  expected: 'a boolean',
  valid: (value) => typeof value === 'boolean',
}
export const isStringListMap: OptionSpec = {
  expected: 'an object mapping section names to lists of aliases',
  valid: (value) =>
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.values(value).every(
      (item) => Array.isArray(item) && item.every((alias) => typeof alias === 'string'),
    ),
}
export const isZoneMap: OptionSpec = {
  expected: 'an object mapping abbreviations to IANA zones or offsets (`{"IST": "Asia/Kolkata"}`)',
  valid: (value) =>
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.values(value).every(
      (zone) => typeof zone === 'string' && resolveZone(zone).kind === 'known',
    ),
}
export const isNonNegativeNumber: OptionSpec = {
  expected: 'a number of minutes, 0 or more',
  valid: (value) => typeof value === 'number' && Number.isFinite(value) && value >= 0,
}
