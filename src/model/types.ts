/**
 * The incident model's data: what one reading of a postmortem holds. Every
 * reader fills one part of it (see `incident.ts` for the order they run in);
 * every rule reads it.
 */
import type {WrittenClock} from '../time/clock.js'
import type {CalendarDate} from '../time/instant.js'
import type {Recognised, TimeMention} from '../time/recognise.js'
import type {ZoneId} from '../time/zones.js'
import type {Line} from './line.js'
import type {Phase} from './phases.js'
import type {Label} from './sections.js'
import type {SourceText} from './source-text.js'
import type {AliasTable, SectionKind} from './vocabulary.js'

export interface ModelOptions {
  /** Extra aliases per section kind. */
  aliases?: Partial<Record<string, string[]>>
  /** A team's zone abbreviations (`{IST: 'Asia/Kolkata'}`). */
  timezones?: Record<string, string>
  /** The named template (`alx`, `google-sre`, `pagerduty`). */
  template?: string
}

export interface Percentage {
  start: number
  end: number
  text: string
  value: number
  /** The population it is a share of (`users`), when named right after it. */
  population?: string
}

export interface ShareReading {
  percentages: Percentage[]
  /** Share words and counts with totals found. */
  shareWords: {start: number; end: number; text: string}[]
}

/** Where a stated moment or length was read from. */
export type StatedSource =
  | 'duration field'
  | 'start field'
  | 'end field'
  | 'front matter'
  | 'timeline marker'
  | 'summary'
  | 'impact statement'
  | 'prose'

/** A moment the document states, with where it is written. */
export interface StatedTime {
  /** The zone as written (`PST`) and where. */
  zoneText?: string
  zoneTextSource?: SourceText
  epochMs: number
  date: CalendarDate
  /** Its date was written with it, is the incident's date, or is a placeholder (the document gives none). */
  dateFrom: 'written' | 'incident' | 'none'
  zone: ZoneId
  /** The time of day was written (not only a date). */
  hasTime: boolean
  /** The source text of the timestamp (for places and quotes). */
  text: SourceText
  /** The kind of text it was read from. */
  from: StatedSource
}

/** A length the document states (`2 hours`), in milliseconds, and where. */
export interface StatedLength {
  ms: number
  text: SourceText
  from: StatedSource
  /** How exactly it is meant: `about 2 hours`, `over 2 hours`, `under 2 hours`; exact when absent. */
  bound?: 'exact' | 'about' | 'at least' | 'at most'
}

export interface Duration {
  /** The label it is read under (`Duration:`, `Start time:`, the timeline's for markers); none for a length written in prose only. */
  label?: Label
  start?: StatedTime
  end?: StatedTime
  stated?: StatedLength
  /** Start and end fall on different calendar days. */
  crossesMidnight: boolean
  /** The `End time:` field the end was read from, when it was one (a fix writes beside it). */
  endField?: Label
}

/** Where the document's zone for times written without one comes from. */
export type ZoneSource =
  | 'timeline label'
  | 'table header'
  | 'all-times note'
  | 'duration'
  | 'front matter'
  | 'summary'

/** A zone written where it cannot be computed with: ambiguous (`IST`) or unknown (`GWT`). */
export interface ZoneProblem {
  text: SourceText
  kind: 'ambiguous' | 'unknown'
  candidates: string[]
}

export interface DeclaredZone {
  zone: ZoneId
  from: ZoneSource
  /** The text that declares it, when it has a place in the body. */
  text?: SourceText
}

export interface TimestampProblem {
  text: SourceText
  reason: string
}

export interface EntryTimestamp {
  text: SourceText
  mention: TimeMention
  /** Undefined for a date-only entry. */
  epochMs?: number
  date: CalendarDate
  hasDate: boolean
  hasTime: boolean
  zone: ZoneId
  /** The date was taken from the entry before and moved to the next day. */
  rolledOver: boolean
  /** The time was read from inside the entry's narrative, not from its head. */
  fromNarrative?: boolean
  /** Written without AM/PM among 12-hour times (`1:45` after `1:42 PM`), and read in the half of the day that follows. */
  meridiemInferred?: boolean
  /** The clock as written (`2:05 PM`) and where, when it is the time the entry was read as. */
  clock?: {text: SourceText; written: WrittenClock}
  zoneProblem?: ZoneProblem
}

export interface TimelineEntry {
  /** Index of the entry's first line. */
  line: number
  /** The first line's text. */
  text: SourceText
  /** All of the entry's text (its first line and nested lines without their own time). */
  fullText: string
  phases: Phase[]
  /** The timestamp text and what it was read as. */
  timestamp?: EntryTimestamp
  /** The latest time written in the entry's narrative, when later than its own (`... recovered by 1:30 PM`). */
  laterMs?: number
  problems: TimestampProblem[]
}

export interface Timeline {
  label: Label
  entries: TimelineEntry[]
}

export interface ImpactStatement {
  /** The label it sits under (`Impact:`), or the summary when there is no impact statement. */
  label: Label | undefined
  text: SourceText[]
  shares: ShareReading[]
  fromSummary: boolean
}

export interface OutlineEntry {
  line: number
  title: SourceText
  rank: number
  empty: boolean
}

/** The document's lines and labels, what every reader starts from. */
export interface Outline {
  lines: Line[]
  labels: Label[]
  /** Labels naming each section kind, in document order (fields inside the timeline left out). */
  sections: Map<SectionKind, Label[]>
  /** The label the timeline is read from. */
  timelineLabel?: Label
  /** The line lies inside the timeline's block. */
  inTimeline: (line: number) => boolean
  /** Times and dates in a text, read once per document whoever asks. */
  recognise: (text: string) => Recognised
  timezones: Record<string, string>
}

export interface Incident {
  lines: Line[]
  labels: Label[]
  /** Labels naming each section kind, in document order. */
  sections: Map<SectionKind, Label[]>
  /** The document's first line (its title), if any. */
  title?: Line
  summary?: Label
  timeline?: Timeline
  duration?: Duration
  impact: ImpactStatement[]
  /** Percentages found in the summary outside any impact statement. */
  summaryShares: ShareReading[]
  /** The zone for times written without one. */
  declaredZone?: ZoneId
  /** Where that zone is declared. */
  zoneSource?: DeclaredZone
  /** A declaration of the zone that cannot be computed with (`All times in IST`). */
  declaredZoneProblem?: ZoneProblem
  referenceDate?: CalendarDate
  aliases: AliasTable
  /** A window written in the summary's prose (`From 10:30 PM to 8:30 AM`): no stated duration, but it says whether the night passed. */
  writtenWindow?: {start?: StatedTime; end?: StatedTime; crossesMidnight: boolean}
  /** Start and end as written in the body, and as written in the front matter (for comparing them). */
  bodyDuration?: {start?: StatedTime; end?: StatedTime}
  frontMatterDuration?: {start?: StatedTime; end?: StatedTime}
  /** The named template in use (`settings.postmortem.template`), `alx` by default. */
  template: string
  /** Headings and `Label:` lines that open a block, with whether anything is under them. */
  outline: OutlineEntry[]
  /** First lines of the list items under the corrective actions. */
  actionItems: SourceText[]
  /** Indexes of the lines of the corrective actions (where `TODO` and `DONE` are statuses). */
  actionLines: Set<number>
  /** Lines of the timeline, root cause and resolution (not lessons learned): where blame is checked. */
  blameScope: SourceText[]
}
