/**
 * Blameful language in the timeline, root cause and resolution: "human
 * error", "operator error", counterfactuals about a person ("we should have", "if only"),
 * judgement words ("careless", "failed to", "neglected"), a person named as
 * the cause. Allowed under lessons learned. A neutral phrasing is offered in
 * `expected` where there is one.
 */
import {postmortemRule} from '../rule.js'

interface Phrase {
  pattern: RegExp
  why: string
  neutral?: string[]
}

const phrases: Phrase[] = [
  {
    pattern: /\b(?:human|operator|user|engineer|developer|admin) error\b/gi,
    why: 'names a person as the cause',
    neutral: ['a gap in the process'],
  },
  // A counterfactual about a person (`we should have`), not about a system (`the cache could have been`).
  {
    pattern:
      /\b(?:we|I|he|she|they|you|someone|somebody|(?:the|our|an?) (?:engineer|operator|developer|admin|administrator|on-?call(?: engineer)?|team|person|author|reviewer))\s+(?:really\s+|probably\s+)?(?:should|could|would)(?:n't| not)? (?:have|'ve)\b(?!\s+been)|\bif only\b/gi,
    why: 'is a counterfactual',
  },
  // Only with a person as the subject: `Nginx failed to start` is a fact about a system.
  {
    pattern:
      /\b(?:(?:we|I|he|she|they|you|someone|somebody|(?:the|our|an?) (?:engineer|operator|developer|admin|administrator|on-?call(?: engineer)?|team|person|author|reviewer))\s+(?:had\s+|have\s+)?)(?:failed|forgot|neglected) to\b/gi,
    why: 'judges a person',
    neutral: ['did not'],
  },
  {
    pattern:
      /\b(?:careless(?:ly)?|negligent(?:ly)?|sloppy|incompetent|lazy(?![- ](?:load|loaded|loading|evaluat|init))|reckless(?:ly)?|stupid)\b/gi,
    why: 'judges a person',
  },
  {
    pattern: /\b(?:(?:his|her|their) (?:mistake|fault)|(?:the )?fault of|blame[ds]?)\b/gi,
    why: 'assigns blame',
  },
  {
    pattern: /\bcaused by @[\w-]+|@[\w-]+ (?:broke|caused|forgot|deleted|messed up)\b/gi,
    why: 'names a person as the cause',
    neutral: ['caused by a change'],
  },
]

/** A word every phrase above needs: most lines have none, and one test is cheaper than six scans. */
const anyPhraseWord =
  /error|should|could|would|if only|failed|forgot|neglected|careless|negligent|sloppy|incompetent|lazy|reckless|stupid|mistake|fault|blame|@/i

export const remarkLintPostmortemBlamelessLanguage = postmortemRule<Record<string, never>>({
  id: 'postmortem-blameless-language',
  severity: 'warn',
  options: {},
  check({incident, report}) {
    for (const text of incident.blameScope) {
      if (!anyPhraseWord.test(text.value)) continue
      for (const phrase of phrases) {
        for (const match of text.value.matchAll(phrase.pattern)) {
          const start = match.index ?? 0
          report(
            phrase.neutral
              ? `Unexpected blameful \`${match[0]}\`, expected a neutral phrase such as \`${phrase.neutral[0]}\``
              : `Unexpected blameful \`${match[0]}\`, expected what the system and conditions allowed`,
            text.slice(start, start + match[0].length),
            {
              ...(phrase.neutral ? {expected: phrase.neutral} : {}),
              note: [
                `\`${match[0]}\` ${phrase.why}.`,
                'A blameless postmortem describes the system and the conditions that allowed the mistake, so that people keep reporting problems; the lessons learned may still name it.',
              ].join('\n'),
            },
          )
        }
      }
    }
  },
})

export default remarkLintPostmortemBlamelessLanguage
