/** The incident model's public face: read a postmortem once, share the reading. */

export {readIncident} from './incident.js'
export type {Line} from './line.js'
export type {Phase} from './phases.js'
export {phasesOf} from './phases.js'
export type {Label} from './sections.js'
export {SourceText} from './source-text.js'
export type {
  Duration,
  ImpactStatement,
  Incident,
  ModelOptions,
  StatedTime,
  Timeline,
  TimelineEntry,
} from './types.js'
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
