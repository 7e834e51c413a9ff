/**
 * The incident model: one reading of a postmortem that every rule shares.
 * `readIncident` runs the readers in order (each in its own module) and
 * caches the result on the file:
 *
 * 1. `outline.ts`: lines, labels, sections, the timeline's label;
 * 2. `front-matter.ts`: `start:`, `end:`, `timezone:`, `impact:`;
 * 3. `duration.ts`: the fields the stated start, end and length are written in;
 * 4. `zone.ts`: the zone for times written without one;
 * 5. `incident-date.ts`: the incident's date and year; `duration.ts`: the
 *    stated start, end and length its fields give;
 * 6. `timeline.ts`: the entries and their instants (`entry-times.ts`);
 *    then `duration-elsewhere.ts`, for a start and end only the timeline's
 *    outage markers give (`markers.ts`) and a length only prose gives;
 * 7. `impact.ts`: the impact statements and their shares;
 * 8. `outline.ts`: the headings and the scopes some rules read.
 */
import type {Root} from 'mdast'
import type {VFile} from 'vfile'
import {type Recognised, recogniseTimes, writesDayFirst} from '../time/recognise.js'
import {findDurationFields, readDuration, statedZoneMentions} from './duration.js'
import {completeDuration, readWrittenWindow} from './duration-elsewhere.js'
import {readFrontMatter} from './front-matter.js'
import {readImpact} from './impact.js'
import {placeholderDate, readIncidentDate} from './incident-date.js'
import {readHeadings, readOutline, readScopes} from './outline.js'
import {readTimeline} from './timeline.js'
import type {Incident, ModelOptions} from './types.js'
import {buildAliases} from './vocabulary.js'
import {readDeclaredZone} from './zone.js'

const cache = new WeakMap<VFile, Map<string, Incident>>()

/** Forget a file's cached models (the CLI, once the file's messages are final). */
export function forgetIncident(file: VFile): void {
  cache.delete(file)
}

/** Read (or fetch from the file's cache) the incident model. */
export function readIncident(tree: Root, file: VFile, options: ModelOptions = {}): Incident {
  const key = JSON.stringify([
    options.aliases ?? {},
    options.timezones ?? {},
    options.template ?? '',
  ])
  let perFile = cache.get(file)
  if (!perFile) {
    perFile = new Map()
    cache.set(file, perFile)
  }
  const cached = perFile.get(key)
  if (cached) return cached
  const incident = buildIncident(tree, String(file), options)
  perFile.set(key, incident)
  return incident
}

/** Each piece of text is read for times once per document, whoever asks. */
function timeReader(
  timezones: Record<string, string>,
  dayFirst: boolean,
): (text: string) => Recognised {
  const read = new Map<string, Recognised>()
  return (text) => {
    let recognised = read.get(text)
    if (!recognised) {
      recognised = recogniseTimes(text, {timezones, dayFirst})
      read.set(text, recognised)
    }
    return recognised
  }
}

function buildIncident(tree: Root, source: string, options: ModelOptions): Incident {
  const aliases = buildAliases(options.aliases)
  const timezones = options.timezones ?? {}
  // A document that writes one numeric date day first (`15/02/2024`) writes them all so.
  const recognise = timeReader(timezones, writesDayFirst(source))
  const outline = readOutline(tree, source, aliases, recognise, timezones)
  const {lines, labels, sections, timelineLabel} = outline
  const frontMatter = readFrontMatter(tree, source)
  const fields = findDurationFields(outline)
  const {declared, problem: zoneProblem} = readDeclaredZone(
    outline,
    statedZoneMentions(fields),
    frontMatter.timezone,
  )
  const zone = declared?.zone ?? 'UTC'
  const {startDate, referenceDate, year, startYearWritten} = readIncidentDate(
    outline,
    fields,
    frontMatter,
  )
  const fallbackDate = referenceDate ?? {...placeholderDate, year: year ?? placeholderDate.year}
  const placeOn = {date: fallbackDate, known: referenceDate !== undefined}
  const fieldReading = readDuration(outline, fields, frontMatter, zone, placeOn)
  const {bodyDuration, frontMatterDuration} = fieldReading
  const writtenWindow = readWrittenWindow(outline, zone, placeOn)
  const rollover = fieldReading.duration?.crossesMidnight || writtenWindow?.crossesMidnight || false
  const timeline = timelineLabel
    ? readTimeline(lines, timelineLabel, {
        zone,
        fallbackDate,
        rollover,
        startDate: startDate ?? referenceDate,
        startYearWritten,
        recognise: outline.recognise,
      })
    : undefined
  const duration = completeDuration(
    fieldReading.duration,
    outline,
    timeline,
    Boolean(referenceDate),
  )
  const {impact, summaryShares} = readImpact(outline, frontMatter)
  const summary = sections.get('summary')?.[0]
  return {
    lines,
    labels,
    sections,
    ...(lines[0] ? {title: lines[0]} : {}),
    ...(summary ? {summary} : {}),
    ...(timeline ? {timeline} : {}),
    ...(duration ? {duration} : {}),
    impact,
    summaryShares,
    ...(declared ? {declaredZone: declared.zone, zoneSource: declared} : {}),
    ...(zoneProblem ? {declaredZoneProblem: zoneProblem} : {}),
    ...(referenceDate ? {referenceDate} : {}),
    aliases,
    ...(writtenWindow ? {writtenWindow} : {}),
    ...(bodyDuration ? {bodyDuration} : {}),
    ...(frontMatterDuration ? {frontMatterDuration} : {}),
    template: options.template ?? 'alx',
    outline: readHeadings(lines, labels),
    ...readScopes(outline),
  }
}
