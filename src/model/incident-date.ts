/**
 * The incident's date and year, for times written without them: the stated
 * start's date, else the first date in the timeline, else one near the top;
 * the year of dates written without one is the first year the document
 * writes (a title's `March 2024`, a `Date:` field, a dated entry).
 */
import type {CalendarDate} from '../time/instant.js'
import type {TimeMention} from '../time/recognise.js'
import type {DurationFields} from './duration.js'
import type {FrontMatter} from './front-matter.js'
import {linesText} from './outline.js'
import type {SourceText} from './source-text.js'
import {entryHeadLength} from './timeline.js'
import type {Outline} from './types.js'

/** The date times are placed on when the document gives none (never shown as a date). */
export const placeholderDate: CalendarDate = {year: 2000, month: 1, day: 1}

/** The date a mention writes; a missing year is the incident's (or 2000, when nothing says). */
function dateOnly(mention: TimeMention, year = 2000): CalendarDate | undefined {
  const {month, day} = mention.from
  return month && day ? {year: mention.from.year ?? year, month, day} : undefined
}

export interface IncidentDate {
  /** The date the stated start writes. */
  startDate?: CalendarDate
  /** The stated start's date, else the first date in the timeline, else near the top. */
  referenceDate?: CalendarDate
  /** The year of dates written without one: the first year the document writes. */
  year?: number
  /** The stated start's year is written (`May 2, 2024`), not taken from elsewhere. */
  startYearWritten: boolean
}

/** Digits that may be a year: four of them, or a numeric date's two (`5/26/21`), or `'24`. */
const yearLike = /\d{4}|\d[/.-]\d{1,2}[/.-]\d{2}|'\d{2}\b/

/** A year as a document writes it in its title, a `Date:` field or a column (`Date (2022)`). */
const writtenYear = /(?<![\d.v-])((?:19[89]|20[0-4])\d)(?![\d.])/

/** The incident's date, for times written without one. */
export function readIncidentDate(
  outline: Outline,
  fields: DurationFields,
  frontMatter: Partial<FrontMatter>,
): IncidentDate {
  const {lines, timelineLabel, recognise} = outline
  const near = (from: number, to: number) => linesText(lines, from, Math.min(lines.length, to))
  const timelineTop = timelineLabel
    ? near(timelineLabel.line, Math.min(timelineLabel.end, timelineLabel.line + 40))
    : []
  const texts = [...(frontMatter.start ? [frontMatter.start] : []), ...near(0, 30), ...timelineTop]
  // The year of dates without one: the first one a date is written with, else any year near the top.
  let year: number | undefined
  for (const text of texts) {
    // Only a text with a year-like number can give a date with a year: most lines skip chrono.
    if (!yearLike.test(text.value.slice(0, entryHeadLength))) continue
    year = recognise(text.value.slice(0, entryHeadLength)).mentions.find((m) => m.from.year)?.from
      .year
    if (year) break
  }
  for (const text of texts) {
    if (year) break
    const found = writtenYear.exec(text.value.slice(0, entryHeadLength))?.[1]
    if (found) year = Number(found)
  }
  const dateOf = (mention: TimeMention) => dateOnly(mention, year)
  const firstDate = (from: readonly SourceText[]) => {
    for (const text of from) {
      for (const mention of recognise(text.value.slice(0, entryHeadLength)).mentions) {
        const date = dateOf(mention)
        if (date) return date
      }
    }
    return undefined
  }
  const firstDuration = fields.durationMentions[0]
  const startYearWritten = Boolean(
    fields.startMention?.from.year ?? firstDuration?.mention.from.year,
  )
  const startDate =
    (fields.startMention && dateOf(fields.startMention)) ??
    (firstDuration && dateOf(firstDuration.mention)) ??
    (frontMatter.start ? firstDate([frontMatter.start]) : undefined)
  const referenceDate = startDate ?? firstDate(timelineTop.slice(1)) ?? firstDate(near(0, 12))
  return {
    ...(startDate ? {startDate} : {}),
    ...(referenceDate ? {referenceDate} : {}),
    ...(year ? {year} : {}),
    startYearWritten,
  }
}
