/**
 * What a timeline entry records, from its words: the change that triggered
 * the incident, the start of impact, detection, response, resolution, or
 * follow-up after it. Duration checks use it to tell the incident's own events
 * from context.
 */

export type Phase =
  | 'trigger'
  | 'impact'
  | 'detection'
  | 'response'
  | 'resolution'
  | 'follow-up'
  | 'context'

const followUp =
  /\b(?:post-?mortem|retrospective|retro\b|review meeting|post-incident review|incident review|continued to monitor|monitor(?:ed|ing)?\b[^.;]{0,60}\b(?:confirm|stable|normal|healthy)|confirmed (?:stable|normal|healthy)|follow-?up|closed the incident|incident (?:was )?closed|all[- ]clear|incident (?:ends|ended|is over)|exit criteri(?:on|a)|stood down|declared (?:resolved|over))/i
const resolution =
  /\b(?:resolv(?:ed|es)|restor(?:ed|es|ing|ation)|recover(?:ed|y complete|y confirmed)|back to (?:normal|baseline)|back online|up and running|(?:is |was )?up again|(?:fully |verified |all systems )?operational(?: again)?|mitigat(?:ed|ion applied)|fixed|corrected|rolled back|reverted|issue goes away|goes away|(?:once )?again (?:working|merging|serving|available|functional)|working again|back up|as normal|normal operations?|usual rate|running normally|respond(?:s|ed)? properly|loading properly|working (?:properly|normally|correctly|as expected)|function(?:s|ed|ing)? (?:correctly|normally|properly|as expected)|no (?:further|more) (?:errors|issues)|not resulted in a recurrence|outage ends?|service (?:is |was )?(?:back|up)|resum(?:ed|es)|flowing again|permitted again|returned to normal|fix (?:is |was )?(?:working|released|deployed|live|applied|rolled out)|hotfix (?:was )?(?:deployed|released|applied|completed)|successfully (?:reconfigured|restarted|deployed|restored|fixed|applied|patched|recovered|reverted)|(?:started|began) (?:producing|serving|responding|working|accepting|processing)|patched)\b/i
const detection =
  /\b(?:alert(?:s|ed|ing)?|alarms?|paged|pager(?:duty)?|pages? (?:the|on-?call)|detect(?:ed|s|ion)|monitor\w*(?: \w+)? (?:detected|flagged|showed|caught|triggered|reported|picked up|noticed)|flagged (?:an? |the )?(?:issue|problem|errors?|anomal\w*|outage)|(?:issue|incident|problem|outage|anomaly) (?:was |is |were )?(?:first )?(?:identified|discovered|noticed|spotted|observed)|(?<!\b(?:news|press|media|blog|article)\s)(?:report(?:ed|s|ing)?|complain(?:ed|s|ing|ts?)?|notic(?:ed|es|e|ing))\b|(?:noticed|spotted|observed|saw|discovered|found)\b[^.;]{0,30}\b(?:issue|problem|outage|errors?|spike|drop|increase|slow\w*|degradation|failures?|latency|downtime|anomal\w*)|(?:notified|informed) (?:of|about|by|that)|warning (?:from|fired|triggered|received)|automated warning|incident (?:was )?(?:declared|opened|raised|created|reported)|ticket (?:was )?(?:opened|filed|raised|created))/i
const impact =
  /\b(?:outage (?:begins|began|starts|started)|problem starts|incident (?:begins|began|starts|started)|impact (?:begins|began|starts|started)|went down(?! the)|goes down(?! the)|(?:is|was|were|are) down\b|(?:servers?|sites?|services?|website|api|app|application|database|db|system|platform|network|cluster)\s+(?:went\s+|is\s+|was\s+)?down\b|unavailable|inaccessible|unreachable|offline|failing|errors? (?:spik|increas|rose|rise|start|began|surg|climb|appear)\w*|(?:increase|spike|surge|rise) in (?:errors|error rates?|latency|failures)|error rates?|5\d\d(?:s| errors?)?\b|(?:returning|returned|throwing|threw|serving|showing|receiving|received|seeing|saw|getting|got|experiencing|experienced)\b[^.;]{0,20}\berrors?|latency (?:spik|increas|rose|high)\w*|timeouts?|timed out|degraded|degradation|crash(?:ed|es|ing)?|unresponsive|slow(?:ed|ness| down)?)\b/i
const trigger =
  /\b(?:deploy(?:ed|ment|s)?|rolled out|roll-?out|released?|merged|pushed|config(?:uration)? (?:change|push|update)|upgrad(?:e|es|ed|ing)|migration|maintenance|change was made|cron job started|(?:config\w*|settings|changes?)\s+(?:(?:is|are|was|were|has been|have been)\s+)?(?:implemented|applied|made|pushed|deployed)|implementation (?:begins|began|starts|started)|reboot\w* (?:begins|began|starts|started)|(?:pre)?scheduled (?:maintenance|reboot|upgrade|change)|(?:traffic|load|requests?)\b[^.;]{0,40}\b(?:increase[sd]?|spike[sd]?|surge[sd]?|jump(?:ed|s)?|grew|rose|doubled|tripled)|(?:increase|spike|surge) in (?:traffic|load|requests))\b/i
/** A deploy, push or release of the fix is part of the response, not the change that triggered the incident. */
const aboutTheFix =
  /\b(?:fix|fixes|fixed|hotfix|patch|patched|revert|reverted|rollback|rolled back|roll back|solution|corrected|correction|remediat\w*|mitigat\w*|restor\w*)\b/i
/** Something that happened in the world, not in the incident (`News reports that ...`). */
const externalEvent =
  /\b(?:news|press|media|journalists?|articles?|blog posts?|reddit|hacker news|tweets? about)\b/i
/**
 * The phases an entry's text speaks of, most specific first; a step of the
 * response when it names none, unless it reports something that happened in
 * the world (`News reports that ...`): that is context, not held to the
 * stated window.
 */
export function phasesOf(text: string): Phase[] {
  const phases: Phase[] = []
  if (followUp.test(text)) phases.push('follow-up')
  if (resolution.test(text)) phases.push('resolution')
  if (detection.test(text)) phases.push('detection')
  if (impact.test(text)) phases.push('impact')
  if (trigger.test(text) && !aboutTheFix.test(text)) phases.push('trigger')
  if (phases.length === 0) phases.push(externalEvent.test(text) ? 'context' : 'response')
  return phases
}

/** An entry before the stated start may be context: the change that later caused the incident. */
export function isContextBeforeStart(phases: readonly Phase[]): boolean {
  if (phases.includes('context')) return true
  return phases.includes('trigger') && !phases.includes('detection') && !phases.includes('impact')
}

/** An entry after the stated end may be follow-up: a review, monitoring that confirmed the fix. */
export function isContextAfterEnd(phases: readonly Phase[]): boolean {
  return phases.includes('follow-up') || phases.includes('context')
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
