// Parses the textual resolution values of docs/maths.md §8: decimal numbers and ISO 8601 instants.

/** JSON number syntax: optional minus, no leading zeros, optional fraction and exponent. */
const DECIMAL_NUMBER = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?$/;

/**
 * `YYYY-MM-DD`, optionally `[T| ]HH:MM[:SS[.fraction]]`, then optionally `Z` or `±HH:MM`.
 * Checked by hand rather than with `Date.parse`, whose leniency varies between engines.
 */
const DATE_TIME =
  /^([0-9]{4})-([0-9]{2})-([0-9]{2})(?:[T ]([0-9]{2}):([0-9]{2})(?::([0-9]{2})(?:\.([0-9]+))?)?)?(Z|[+-][0-9]{2}:[0-9]{2})?$/;

/** 400 Gregorian years are exactly 146097 days; used to dodge `Date.UTC`'s 0–99 → 1900s rule. */
const SECONDS_PER_400_YEARS = 146097 * 86400;

/** A finite number written in JSON number syntax (e.g. `42.3`, `-7.25`, `3`), else null. */
export function parseDecimalNumber(text: string): number | null {
  if (!DECIMAL_NUMBER.test(text)) return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) {
    const isLeap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    return isLeap ? 29 : 28;
  }
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * The instant of a date or date-time string as unix seconds (a double: fractional seconds are
 * kept), or null when the syntax or a field is invalid. No offset means UTC.
 */
export function parseDateTime(text: string): number | null {
  const match = DATE_TIME.exec(text);
  if (match === null) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const hour = match[4] === undefined ? 0 : Number(match[4]);
  const minute = match[5] === undefined ? 0 : Number(match[5]);
  const second = match[6] === undefined ? 0 : Number(match[6]);
  const fraction = match[7] === undefined ? 0 : Number(`0.${match[7]}`);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return null;
  }
  if (hour > 23 || minute > 59 || second > 59) return null;
  let offsetSeconds = 0;
  const offset = match[8];
  if (offset !== undefined && offset !== 'Z') {
    const offsetHours = Number(offset.slice(1, 3));
    const offsetMinutes = Number(offset.slice(4, 6));
    if (offsetHours > 23 || offsetMinutes > 59) return null;
    offsetSeconds = (offset[0] === '-' ? -1 : 1) * (offsetHours * 3600 + offsetMinutes * 60);
  }
  const shiftedMilliseconds = Date.UTC(year + 400, month - 1, day, hour, minute, second);
  const wholeSeconds = shiftedMilliseconds / 1000 - SECONDS_PER_400_YEARS - offsetSeconds;
  return wholeSeconds + fraction;
}
