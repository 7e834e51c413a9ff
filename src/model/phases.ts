/**
 * What a timeline entry records, from its words: the change that triggered
 * the incident, the start of impact, detection, response, resolution, or
 * follow-up after it. Duration checks use it to tell the incident's own events
 * from context.
 */

export type Phase = 'trigger' | 'impact' | 'detection' | 'response' | 'resolution' | 'follow-up'

const followUp =
  /\b(?:post-?mortem|retrospective|retro\b|review meeting|post-incident review|incident review|continued to monitor|monitor(?:ed|ing)?\b[^.;]{0,60}\b(?:confirm|stable|normal|healthy)|confirmed (?:stable|normal|healthy|that)|follow-?up|closed the incident|incident (?:was )?closed|all[- ]clear)/i
const resolution =
  /\b(?:resolv(?:ed|es)|restor(?:ed|es|ing|ation)|recover(?:ed|y complete)|back to (?:normal|baseline)|back online|fully operational|operational again|mitigat(?:ed|ion applied)|fixed|corrected|rolled back|reverted|issue goes away|goes away|(?:once )?again (?:working|merging|serving|available|functional)|working again|back up|as normal|normal operations?|usual rate|running normally|respond(?:s|ed)? properly|loading properly|working (?:properly|normally)|no (?:further|more) (?:errors|issues)|not resulted in a recurrence|outage ends?|incident ends?|service (?:is |was )?(?:back|up))\b/i
const detection =
  /\b(?:detected|detects?|detection|alerts?|alerted|alerting|noticed|reported|reports|paged|page[sd]?\b|pager|identified|discovered|spotted|observed|complain)/i
const impact =
  /\b(?:outage (?:begins|began|starts|started)|problem starts|incident (?:begins|began|starts|started)|impact (?:begins|began|starts|started)|went down|goes down|errors?|failing|failed|unavailable|down\b|latency|timeouts?|5\d\d\b|degraded|outage)/i
const trigger =
  /\b(?:deploy(?:ed|ment|s)?|rolled out|roll-?out|released?|merged|pushed|config(?:uration)? (?:change|push|update)|upgraded?|migration|maintenance|change was made|cron job started)\b/i

/** The phases an entry's text speaks of, most specific first. */
export function phasesOf(text: string): Phase[] {
  const phases: Phase[] = []
  if (followUp.test(text)) phases.push('follow-up')
  if (resolution.test(text)) phases.push('resolution')
  if (detection.test(text)) phases.push('detection')
  if (impact.test(text)) phases.push('impact')
  if (trigger.test(text)) phases.push('trigger')
  if (phases.length === 0) phases.push('response')
  return phases
}

/** An entry before the stated start may be context: the change that later caused the incident. */
export function isContextBeforeStart(phases: readonly Phase[]): boolean {
  return phases.includes('trigger') && !phases.includes('detection') && !phases.includes('impact')
}

/** An entry after the stated end may be follow-up: a review, monitoring that confirmed the fix. */
export function isContextAfterEnd(phases: readonly Phase[]): boolean {
  return phases.includes('follow-up')
}

const mitigation =
  /\b(?:mitigat(?:ed|es|ing|ion)|workaround|rolled back|roll(?:ing)? back|rollback|reverted|reverting|fail(?:ed|ing) over|traffic (?:was )?(?:shifted|drained|rerouted|moved)|scaled (?:up|out)|rate[- ]limit(?:ed|ing)|disabled the (?:feature|flag)|feature flag (?:was )?(?:turned )?off)\b/i

/**
 * The entry stops or reduces the impact, whether or not the fix is final
 * (`rolled back`, `failed over`, `traffic drained`): the mitigation milestone.
 */
export function marksMitigation(text: string): boolean {
  return mitigation.test(text) && !attemptFailed.test(text)
}

/** `rerouted traffic, but the problem persisted`: an attempt, not a mitigation. */
const attemptFailed =
  /\b(?:persist(?:ed|s)?|did(?: not|n't) (?:help|work|resolve|fix)|no (?:effect|improvement)|without (?:success|effect)|unsuccessful(?:ly)?|still (?:failing|down|erroring|broken))\b/i

const impactStart =
  /\b(?:outage|impact|incident|problem|issue|errors?|failures?|downtime|degradation)\s+(?:began|begins|started|starts)\b|\bwent down\b|\b(?:users|customers) (?:began|started) (?:to|seeing|getting)\b/i

/** The entry says the impact began (`outage begins`, `errors started`, `went down`). */
export function marksImpactStart(text: string): boolean {
  // `the problem started creeping back` is a recurrence, not the start.
  return impactStart.test(text) && !/\b(?:back|again|recurr\w*)\b/i.test(text)
}
