/**
 * Suspicious readings: signs, without any label, that the model read a
 * document wrong. Each detector looks at the raw text with its own broad,
 * simple patterns (wider than the model's) and compares what it finds with
 * what the model read; none calls the reader it checks. Kinds are stable ids.
 */
import {type Detector, DetectorContext, type DetectorInput, type Suspicion} from './context.js'
import {impactDetectors} from './impact-detectors.js'
import {statedDetectors} from './stated-detectors.js'
import {timeFormDetectors} from './time-form-detectors.js'
import {timelineDetectors} from './timeline-detectors.js'

export type {Suspicion} from './context.js'

/** Every detector, in the order kinds are listed. */
export const detectors: readonly Detector[] = [
  ...statedDetectors,
  ...timelineDetectors,
  ...timeFormDetectors,
  ...impactDetectors,
]

/** The suspicious readings of one document, in document order. */
export function findSuspicious(input: DetectorInput): Suspicion[] {
  const context = new DetectorContext(input)
  const found: Suspicion[] = []
  for (const detector of detectors) {
    try {
      found.push(...detector.detect(context))
    } catch (error) {
      found.push({
        kind: detector.kind,
        line: 1,
        column: 1,
        text: '',
        detail: `the detector failed: ${(error as Error).message}`,
      })
    }
  }
  return found.sort(
    (a, b) => a.line - b.line || a.column - b.column || a.kind.localeCompare(b.kind),
  )
}
