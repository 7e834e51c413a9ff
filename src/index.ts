/**
 * remark-preset-lint-postmortem: remark-lint's message control, the syntax plugins real
 * postmortems need (front matter, GFM tables), and every postmortem rule.
 */

import {remark} from 'remark'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import type {Preset} from 'unified'
import remarkLintMessageControl from './message-control.js'
import remarkLintPostmortemActionItems from './rules/postmortem-action-items.js'
import remarkLintPostmortemBlamelessLanguage from './rules/postmortem-blameless-language.js'
import remarkLintPostmortemDurationConsistency from './rules/postmortem-duration-consistency.js'
import remarkLintPostmortemImpactPercentage from './rules/postmortem-impact-percentage.js'
import remarkLintPostmortemMilestones from './rules/postmortem-milestones.js'
import remarkLintPostmortemNoEmptySections from './rules/postmortem-no-empty-sections.js'
import remarkLintPostmortemNoPlaceholders from './rules/postmortem-no-placeholders.js'
import remarkLintPostmortemRequiredSections from './rules/postmortem-required-sections.js'
import remarkLintPostmortemStatedDuration from './rules/postmortem-stated-duration.js'
import remarkLintPostmortemTimelineOrder from './rules/postmortem-timeline-order.js'
import remarkLintPostmortemTimelineTimestamps from './rules/postmortem-timeline-timestamps.js'
import remarkLintPostmortemTimestampForm from './rules/postmortem-timestamp-form.js'
import remarkLintPostmortemTimezone from './rules/postmortem-timezone.js'

/** Every rule by id, for configuration lookups and docs. */
export const rules = {
  'postmortem-required-sections': remarkLintPostmortemRequiredSections,
  'postmortem-timeline-timestamps': remarkLintPostmortemTimelineTimestamps,
  'postmortem-timeline-order': remarkLintPostmortemTimelineOrder,
  'postmortem-duration-consistency': remarkLintPostmortemDurationConsistency,
  'postmortem-impact-percentage': remarkLintPostmortemImpactPercentage,
  // Beyond the mission: warnings by default.
  'postmortem-no-empty-sections': remarkLintPostmortemNoEmptySections,
  'postmortem-no-placeholders': remarkLintPostmortemNoPlaceholders,
  'postmortem-timezone': remarkLintPostmortemTimezone,
  'postmortem-milestones': remarkLintPostmortemMilestones,
  'postmortem-action-items': remarkLintPostmortemActionItems,
  'postmortem-blameless-language': remarkLintPostmortemBlamelessLanguage,
  'postmortem-stated-duration': remarkLintPostmortemStatedDuration,
  'postmortem-timestamp-form': remarkLintPostmortemTimestampForm,
} as const

/** Marks our preset so that another copy of it (a bundled CLI, a second install) is known as ours. */
export const presetTag = Symbol.for('remark-preset-lint-postmortem')

const remarkPresetLintPostmortem: Preset & {[presetTag]: true} = {
  [presetTag]: true,
  plugins: [
    [remarkFrontmatter, ['yaml', 'toml']],
    remarkGfm,
    remarkLintMessageControl,
    ...Object.values(rules),
  ],
}

export default remarkPresetLintPostmortem
export {readIncident} from './model/incident.js'
export type {Incident, ModelOptions} from './model/types.js'
/** A message's related places (its `cause` first, then the other places of the same problem). */
export {type RelatedPlace, relatedPlaces} from './rule.js'
export {
  remarkLintPostmortemActionItems,
  remarkLintPostmortemBlamelessLanguage,
  remarkLintPostmortemDurationConsistency,
  remarkLintPostmortemImpactPercentage,
  remarkLintPostmortemMilestones,
  remarkLintPostmortemNoEmptySections,
  remarkLintPostmortemNoPlaceholders,
  remarkLintPostmortemRequiredSections,
  remarkLintPostmortemStatedDuration,
  remarkLintPostmortemTimelineOrder,
  remarkLintPostmortemTimelineTimestamps,
  remarkLintPostmortemTimestampForm,
  remarkLintPostmortemTimezone,
}

/**
 * A remark processor with the preset applied: what our language server runs
 * (and loads from a workspace that has this package installed). unified-engine
 * calls it to get a fresh copy for every run. It is deliberately not frozen:
 * a copy of a frozen processor keeps the frozen one's data and then runs the
 * attachers again, so remark-gfm's and remark-frontmatter's syntax extensions
 * were registered twice and every keystroke parsed the document with each
 * extension twice (about 25% slower on a large postmortem).
 */
export const postmortemProcessor = remark().use(remarkPresetLintPostmortem)
