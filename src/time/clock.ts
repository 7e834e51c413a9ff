/**
 * The written form of a clock time (`14:05`, `09:05:00`, `2:05 PM`,
 * `2:05 p.m.`): which clock, padding, seconds and meridiem spelling an author
 * used, and the same time written in another form. Used to keep the form of a
 * timeline's timestamps consistent; the time itself is never changed.
 */

export interface ClockForm {
  /** 12-hour clock with a meridiem. */
  twelveHour: boolean
  /** Hours below 10 written with two digits (`09:05`); unknown when the hour has two digits anyway. */
  padded?: boolean
  seconds: boolean
  /** The meridiem's spelling, written for PM (` PM`, `pm`, ` p.m.`); only on a 12-hour clock. */
  meridiem?: string
}

export interface WrittenClock {
  /** Offsets of the clock in the text given. */
  start: number
  end: number
  hour: number
  minute: number
  second?: number
  form: ClockForm
}

const clockPattern =
  /(?<![\d:.])(\d{1,2}):(\d{2})(?::(\d{2}))?(\s?([ap])(?:\.m\.?|m)(?![a-z]))?(?![\d:])/i

/** The first clock time written in `text` (`2:05 PM` → 14:05, 12-hour, unpadded). */
export function readClock(text: string): WrittenClock | undefined {
  const match = clockPattern.exec(text)
  if (!match) return undefined
  const writtenHour = Number(match[1])
  const minute = Number(match[2])
  const second = match[3] === undefined ? undefined : Number(match[3])
  const meridiem = match[4]
  if (minute > 59 || (second !== undefined && second > 59)) return undefined
  if (meridiem ? writtenHour < 1 || writtenHour > 12 : writtenHour > 23) return undefined
  let hour = writtenHour
  const isPm = /p/i.test(match[5] ?? '')
  if (meridiem && isPm && hour < 12) hour += 12
  if (meridiem && !isPm && hour === 12) hour = 0
  const form: ClockForm = {twelveHour: Boolean(meridiem), seconds: second !== undefined}
  if (writtenHour < 10) form.padded = (match[1] ?? '').length === 2
  if (meridiem) form.meridiem = meridiem.replace(/[ap]/i, (letter) => (letter <= 'Z' ? 'P' : 'p'))
  const result: WrittenClock = {
    start: match.index,
    end: match.index + match[0].length,
    hour,
    minute,
    form,
  }
  if (second !== undefined) result.second = second
  return result
}

const twoDigits = (value: number) => String(value).padStart(2, '0')

/**
 * `clock` written in `form`. Seconds other than zero are kept even when the
 * form has none: a form never drops information.
 */
export function writeClock(
  clock: {hour: number; minute: number; second?: number},
  form: ClockForm,
): string {
  const hour = form.twelveHour ? clock.hour % 12 || 12 : clock.hour
  // Without a known preference a 24-hour clock pads (`09:05`), a 12-hour one does not (`9:05 AM`).
  const padded = form.padded ?? !form.twelveHour
  let text = `${padded ? twoDigits(hour) : hour}:${twoDigits(clock.minute)}`
  if (form.seconds || (clock.second ?? 0) !== 0) text += `:${twoDigits(clock.second ?? 0)}`
  if (form.twelveHour) {
    const spelling = form.meridiem ?? ' PM'
    text +=
      clock.hour < 12 ? spelling.replace(/p/i, (letter) => (letter === 'p' ? 'a' : 'A')) : spelling
  }
  return text
}
