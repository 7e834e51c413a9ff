/** The incident model's public face: read a postmortem once, share the reading. */

export {
  type Duration,
  type ImpactStatement,
  type Incident,
  type ModelOptions,
  readIncident,
  type StatedTime,
  type Timeline,
  type TimelineEntry,
} from './incident.js'
export type {Line} from './lines.js'
export type {Phase} from './phases.js'
export {phasesOf} from './phases.js'
export type {Label} from './sections.js'
export {SourceText} from './source-text.js'
export {
  buildAliases,
  defaultAliases,
  kindsOfLabel,
  normaliseLabel,
  type SectionKind,
  sectionKinds,
  sectionTitles,
  type Template,
  templates,
} from './vocabulary.js'
