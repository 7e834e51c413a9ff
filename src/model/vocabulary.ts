/**
 * Section names: how a label is normalised and which canonical section kinds
 * it names. Users extend the aliases; templates pick the required set.
 */

export const sectionKinds = [
  'summary',
  'duration',
  'impact',
  'timeline',
  'root cause',
  'resolution',
  'corrective actions',
  'trigger',
  'detection',
  'lessons learned',
  'start',
  'end',
] as const

export type SectionKind = (typeof sectionKinds)[number]

/** Default aliases, already normalised (see `normaliseLabel`). */
export const defaultAliases: Record<SectionKind, string[]> = {
  summary: [
    'summary',
    'issue summary',
    'incident summary',
    'overview',
    'incident overview',
    'executive summary',
    'tl;dr',
    'tldr',
    'summation',
    'synopsis',
    'incident description',
    'problem description',
    'problem statement',
  ],
  duration: ['duration', 'outage duration', 'incident duration', 'duration of the outage'],
  impact: [
    'impact',
    'user impact',
    'customer impact',
    'business impact',
    'impact assessment',
    'impacts',
    'scope of impact',
    'blast radius',
  ],
  timeline: [
    'timeline',
    'incident timeline',
    'chronology',
    'sequence of events',
    'timeline of events',
    'timelines',
    'time line',
    'key events',
    'events',
    'event log',
    'incident log',
  ],
  'root cause': [
    'root cause',
    'root causes',
    'cause',
    'causes',
    'root cause analysis',
    'contributing factors',
    'contributors',
  ],
  resolution: [
    'resolution',
    'resolution and recovery',
    'mitigation',
    'fix',
    'remediation',
    'recovery',
    'response',
    'incident response',
    'containment',
  ],
  'corrective actions': [
    'corrective and preventative measures',
    'corrective and preventive measures',
    'corrective',
    'corrective measures',
    'corrective actions',
    'preventative measures',
    'corrective action',
    'preventive measures',
    'preventative actions',
    'preventive actions',
    'prevention',
    'action items',
    'follow-up',
    'follow up',
    'follow-ups',
    'follow-up actions',
    'next steps',
    'future measures',
    'improvements',
    'future improvements',
    'planned improvements',
    'actions planned',
    'planned actions',
    'action plan',
    'recommendations',
    'remediations',
    'remediation items',
    'remediation actions',
  ],
  trigger: ['trigger'],
  detection: ['detection'],
  'lessons learned': ['lessons learned', 'lessons learnt'],
  start: ['start time', 'start', 'started', 'outage start', 'incident start', 'start of outage'],
  end: ['end time', 'end', 'ended', 'outage end', 'incident end', 'end of outage'],
}

/**
 * Section names written as a question or a clause (`What happened?`, `How
 * did we fix it?`, `Who was affected`), matched on the normalised label.
 */
const phrasedSections: {kind: SectionKind; pattern: RegExp}[] = [
  {
    kind: 'summary',
    pattern: /^what (?:happened|went on)\b|^what (?:was|is) the (?:problem|issue|incident)$/,
  },
  {
    kind: 'root cause',
    pattern:
      /^(?:why|how) (?:did|does|do|was|were|could|has|had) (?:it|this|that|we|the [a-z-]+(?: [a-z-]+)?) (?:happen|occur|fail|break|go down|crash)|^(?:why|how) (?:it|this|that) (?:happened|occurred)$|^what caused (?:it|this|that|the\b)/,
  },
  {
    kind: 'resolution',
    pattern:
      /^how (?:did )?(?:we|they|the team|engineers|it|this) (?:was )?(?:fix|fixed|resolve|resolved|mitigate|mitigated|recover|recovered|restore|restored|solve|solved)\b|^how (?:it|this|the [a-z]+) was (?:fixed|resolved|mitigated|solved|restored)$/,
  },
  {
    kind: 'impact',
    pattern:
      /^(?:what|who) (?:was|were|is|are|got) (?:impacted|affected)\b|^(?:are|were|was|is) [a-z0-9 '-]{1,40} (?:affected|impacted)$|^(?:affected|impacted) (?:users|customers|clients|services|systems|assets|crates|components|regions|products|parties|accounts|features)$|^(?:users|customers|clients|services|systems|assets|crates|components|regions|products|features) (?:affected|impacted)$/,
  },
  {
    kind: 'corrective actions',
    pattern:
      /^what (?:we(?:'re| are| will|'ll)|is being|will be|we plan to) (?:be )?(?:doing|do|done|changing|change)\b|^how (?:we(?:'ll| will)|to) (?:prevent|avoid)\b|^what(?:'s| is) next$|^what happens (?:now|next)$|^(?:short|medium|long|near)[- ]term (?:improvements|actions|fixes|measures|remediations?|mitigations?|follow-?ups?)$/,
  },
]

/**
 * Names that are a section only when they are the whole label (`## Issue`):
 * at the start or end of a longer one they name something else (`Issue
 * detected`, `Problem starts`).
 */
const exactOnly: Partial<Record<SectionKind, string[]>> = {
  summary: ['issue', 'problem', 'the problem'],
}
const exactOnlyKinds = new Map<string, SectionKind>(
  Object.entries(exactOnly).flatMap(([kind, names]) =>
    (names ?? []).map((name) => [name, kind as SectionKind] as const),
  ),
)

/** `Time to recovery:`, `MTTR:`: an incident metric, not a section. */
const metricLabel = /^(?:mean )?time (?:to|until|of) |^(?:mttr|mttd|mtta|ttr|ttd)\b/

/**
 * `Duration` after words that do not name the incident (`Testing window
 * duration`) is another length; these words may stand before it.
 */
const durationQualifiers = new Set([
  'outage',
  'incident',
  'downtime',
  'total',
  'overall',
  'event',
  'disruption',
  'impact',
  'issue',
  'problem',
  'service',
  'estimated',
  'approximate',
])

/** A sentence's lead-in (`The fix was straightforward:`) is not a label: these words make it one. */
const verbWords =
  /\b(?:is|are|was|were|been|be|being|has|have|had|will|would|can|could|should|did|does|do|involved|involves|came|comes|went|goes|took|takes|happened|occurred|caused|causes|showed|shows|seems|seemed|looked|looks|became|made|needed|needs|helped)\b/

/** A label that says what a section must contain (an assignment's instructions), not the section. */
export const requirementLabel =
  /\b(?:must|should|needs? to|has to|have to|shall) (?:contain|include|have|cover|state|answer|describe|list)\b/

/** Names shown in messages. */
export const sectionTitles: Record<SectionKind, string> = {
  summary: 'Summary',
  duration: 'Duration',
  impact: 'Impact',
  timeline: 'Timeline',
  'root cause': 'Root cause',
  resolution: 'Resolution',
  'corrective actions': 'Corrective actions',
  trigger: 'Trigger',
  detection: 'Detection',
  'lessons learned': 'Lessons learned',
  start: 'Start time',
  end: 'End time',
}

export interface Template {
  /** Required sections, in the template's order (the order a fix inserts them in). */
  required: SectionKind[]
  /** The template's own heading for each kind, used in messages and fixes. */
  titles: Partial<Record<SectionKind, string>>
}

/** The sections the mission requires (the `alx` template's list). */
export const missionSections: SectionKind[] = [
  'summary',
  'duration',
  'impact',
  'timeline',
  'root cause',
  'resolution',
  'corrective actions',
]

export const templates: Record<string, Template> = {
  // The ALX/Holberton "0x19 postmortem" form: issue summary (duration, impact, root cause),
  // timeline, root cause and resolution, corrective and preventative measures.
  alx: {
    required: missionSections,
    titles: {
      summary: 'Issue Summary',
      timeline: 'Timeline',
      'corrective actions': 'Corrective and Preventative Measures',
    },
  },
  // Google SRE book, "Example Postmortem" (appendix D).
  'google-sre': {
    required: [
      'summary',
      'impact',
      'root cause',
      'trigger',
      'resolution',
      'detection',
      'corrective actions',
      'lessons learned',
      'timeline',
    ],
    titles: {'root cause': 'Root Causes', 'corrective actions': 'Action Items'},
  },
  // PagerDuty's postmortem template: overview, contributing factors, resolution, impact, timeline, action items.
  pagerduty: {
    required: ['summary', 'root cause', 'resolution', 'impact', 'timeline', 'corrective actions'],
    titles: {
      summary: 'Overview',
      'root cause': 'Contributing Factors',
      'corrective actions': 'Action Items',
    },
  },
}

/**
 * Strip leading and trailing characters of the given sets. A loop, not a
 * `[...]+$` regex: that one backtracks quadratically on long runs of spaces.
 */
function trimEnds(text: string, leading: string, trailing: string): string {
  let start = 0
  let end = text.length
  while (start < end && leading.includes(text[start] as string)) start++
  while (end > start && trailing.includes(text[end - 1] as string)) end--
  return text.slice(start, end)
}

const emoji = /[\p{Extended_Pictographic}\u{1F1E6}-\u{1F1FF}\u{FE0F}\u{200D}]/gu
const numbering =
  /^(?:(?:step|section|part|phase)\s+\d+\s*[:.)-]?|\d+(?:\.\d+)*[.)]?|[ivx]+[.)]|[a-z][.)])\s+/i

/**
 * Normalise a label for matching: lower case, no emphasis marks, emoji,
 * numbering, parentheticals, leading "the", or trailing punctuation.
 */
const normalised = new Map<string, string>()
const maxRememberedLength = 200

export function normaliseLabel(label: string): string {
  // The same labels come back in every postmortem; remember a bounded number of them.
  // Only short texts are remembered: a long line is never a label, and must not stay in memory.
  if (label.length > maxRememberedLength) return normaliseUncached(label)
  const known = normalised.get(label)
  if (known !== undefined) return known
  const result = normaliseUncached(label)
  if (normalised.size > 20_000) normalised.clear()
  normalised.set(label, result)
  return result
}

function normaliseUncached(label: string): string {
  // Labels are short; a long line is never one, and cutting it keeps every step linear.
  let text = label.length > 200 ? label.slice(0, 200) : label
  text = text
    .replace(emoji, ' ')
    .replace(/[*_`~#>|]/g, ' ')
    .replace(/[\u2018\u2019]/g, "'")
  text = text.replace(/\([^)]*\)|\[[^\]]*\]/g, ' ')
  text = trimEnds(text, ' \t\r\n\u00a0-–—:.•·', ' \t\r\n\u00a0-–—:;.,!?•·')
  text = text.replace(numbering, '')
  text = text.replace(/\s+/g, ' ').trim().toLowerCase()
  text = text.replace(/^(?:the|our|an?)\s+/, '')
  return text
}

export type AliasTable = Record<SectionKind, string[]>

const tables = new Map<string, AliasTable>()

/**
 * Default aliases with a user's extra ones (`{timeline: ['events log']}`).
 * The same options give the same table, so its index and label readings are
 * built once per process, not once per document.
 */
export function buildAliases(extra: Partial<Record<string, string[]>> = {}): AliasTable {
  const key = JSON.stringify(extra)
  const known = tables.get(key)
  if (known) return known
  const table = {} as AliasTable
  for (const kind of sectionKinds) {
    table[kind] = [...defaultAliases[kind], ...(extra[kind] ?? []).map(normaliseLabel)]
  }
  if (tables.size > 100) tables.clear()
  tables.set(key, table)
  return table
}

const partSeparator = /\s*(?:\band\b|&|\/|,|\+)\s*/

interface AliasIndex {
  /** Alias → the kinds it names. */
  kinds: Map<string, SectionKind[]>
  longest: number
  /** Raw label → the kinds it names (labels recur in every postmortem; bounded). */
  labels: Map<string, readonly SectionKind[]>
}

const indexes = new WeakMap<AliasTable, AliasIndex>()

/** An index of the alias table, built once per table. */
function aliasIndex(aliases: AliasTable): AliasIndex {
  let index = indexes.get(aliases)
  if (!index) {
    const kinds = new Map<string, SectionKind[]>()
    let longest = 1
    for (const kind of sectionKinds) {
      for (const alias of aliases[kind]) {
        kinds.set(alias, [...(kinds.get(alias) ?? []), kind])
        longest = Math.max(longest, alias.split(' ').length)
      }
    }
    index = {kinds, longest, labels: new Map()}
    indexes.set(aliases, index)
  }
  return index
}

/** Whether the words a partial match leaves over keep the label a section name. */
function remainderFits(
  kind: SectionKind,
  rest: string[],
  before: boolean,
  strict: boolean,
): boolean {
  // A heading's extra words are free (`Timeline (all times PST). All times are approximate`).
  if (strict && (rest.length > 3 || verbWords.test(rest.join(' ')))) return false
  // `Testing window duration` names another length; `Outage duration` the incident's.
  if (kind === 'duration' && before) return rest.every((word) => durationQualifiers.has(word))
  return true
}

/**
 * Kinds named by `part`: an alias equal to it, or (not for start/end fields)
 * one it starts or ends with, when the rest of the words fit a section name.
 */
function kindsOfPart(
  part: string,
  index: AliasIndex,
  into: Set<SectionKind>,
  strict: boolean,
): void {
  for (const kind of index.kinds.get(part) ?? []) into.add(kind)
  const words = part.split(' ')
  for (let size = Math.min(index.longest, words.length - 1); size >= 1; size--) {
    const prefix = words.slice(0, size).join(' ')
    const suffix = words.slice(-size).join(' ')
    for (const kind of index.kinds.get(prefix) ?? [])
      if (
        kind !== 'start' &&
        kind !== 'end' &&
        remainderFits(kind, words.slice(size), false, strict)
      )
        into.add(kind)
    for (const kind of index.kinds.get(suffix) ?? [])
      if (
        kind !== 'start' &&
        kind !== 'end' &&
        remainderFits(kind, words.slice(0, -size), true, strict)
      )
        into.add(kind)
  }
}

/**
 * The section kinds a (raw) label names; `Root Cause and Resolution` names two.
 * `shape` is `heading` for a heading's text, `line` for a `Label:` or a short
 * line, where a partial match must leave at most a few words over.
 */
export function kindsOfLabel(
  label: string,
  aliases: AliasTable,
  shape: 'heading' | 'line' = 'line',
): readonly SectionKind[] {
  const index = aliasIndex(aliases)
  const strict = shape === 'line'
  if (label.length > maxRememberedLength) return readKinds(normaliseLabel(label), index, strict)
  const key = strict ? label : `#${label}`
  let kinds = index.labels.get(key)
  if (kinds === undefined) {
    kinds = readKinds(normaliseLabel(label), index, strict)
    if (index.labels.size > 20_000) index.labels.clear()
    index.labels.set(key, kinds)
  }
  return kinds
}

const noKinds: readonly SectionKind[] = Object.freeze([])

function readKinds(normal: string, index: AliasIndex, strict: boolean): readonly SectionKind[] {
  if (!normal || normal.split(' ').length > 8 || metricLabel.test(normal)) return noKinds
  const kinds = new Set<SectionKind>()
  const exact = exactOnlyKinds.get(normal)
  if (exact) return Object.freeze([exact])
  for (const {kind, pattern} of phrasedSections) if (pattern.test(normal)) kinds.add(kind)
  if (kinds.size > 0) return Object.freeze([...kinds])
  kindsOfPart(normal, index, kinds, strict)
  for (const part of normal.split(partSeparator))
    if (part && part !== normal) kindsOfPart(part, index, kinds, strict)
  return kinds.size === 0 ? noKinds : Object.freeze([...kinds])
}

/** A line that is nothing but section names (`Timeline`, `Root Cause and Resolution`). */
export function isExactAliasLine(line: string, aliases: AliasTable): boolean {
  if (line.length > 80) return false
  const normal = normaliseLabel(line)
  if (!normal) return false
  const {kinds} = aliasIndex(aliases)
  return normal.split(partSeparator).every((part) => kinds.has(part))
}
