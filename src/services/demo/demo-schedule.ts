// Every instant of the demo content, computed from the load time: accounts and questions a few
// weeks in the past (so the CP history has something to show), deadlines months ahead.
import { truncateToSecond } from '../../domain/question-fields.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export interface DemoSchedule {
  loadedAt: Date;
  /** When the demo accounts and the tournament are created. */
  accountsCreatedAt: Date;
  /** When the analyst starts drafting; each question is created, submitted, approved in turn. */
  draftingStartsAt: Date;
  /** Minutes between two questions' drafting (create, submit, approve fit in between). */
  questionStepMs: number;
  /** Start of the forecasting rounds, in order; every round ends before the load time. */
  forecastRounds: Date[];
  /** How long a round lasts: forecasts fall at random instants within it. */
  roundLengthMs: number;
  /** CP reveal, relative to each question's opening. */
  revealDelayMs: number;
  /** The calendar year after the load's: the scenario set and the meetings count look at it. */
  nextYear: number;
  /** 1 January of the year after `nextYear`, 00:00 UTC: the end of `nextYear`. */
  endOfNextYear: Date;
  summitDeadline: Date;
  /** Six months after the summit deadline. */
  sanctionsDeadline: Date;
  signpostDeadline: Date;
  pollDeadline: Date;
  /** The date question's range: from the first day of forecasting to four years on. */
  treatyRangeStart: Date;
  treatyRangeEnd: Date;
  /** Between a question's close and its scheduled resolution. */
  resolutionDelayMs: number;
}

/** 00:00 UTC on the first day of the month that follows `date` + `months` months. */
export function firstOfMonthAfter(date: Date, months: number): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months + 1, 1));
}

function startOfDay(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** "1 March 2027" (UTC), for titles and criteria. */
export function formatDay(date: Date): string {
  return `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}

export function demoSchedule(now: Date): DemoSchedule {
  const loadedAt = truncateToSecond(now);
  const at = (days: number) => new Date(loadedAt.getTime() + days * DAY_MS);
  const nextYear = loadedAt.getUTCFullYear() + 1;
  const summitDeadline = firstOfMonthAfter(loadedAt, 6);
  return {
    loadedAt,
    accountsCreatedAt: at(-28),
    draftingStartsAt: at(-21),
    questionStepMs: 10 * 60_000,
    forecastRounds: [-20, -16, -12, -8, -5, -3, -1].map(at),
    roundLengthMs: 12 * HOUR_MS,
    revealDelayMs: 2 * DAY_MS,
    nextYear,
    endOfNextYear: new Date(Date.UTC(nextYear + 1, 0, 1)),
    summitDeadline,
    sanctionsDeadline: firstOfMonthAfter(summitDeadline, 5),
    signpostDeadline: firstOfMonthAfter(loadedAt, 9),
    pollDeadline: firstOfMonthAfter(loadedAt, 12),
    treatyRangeStart: startOfDay(at(-21)),
    treatyRangeEnd: firstOfMonthAfter(loadedAt, 48),
    resolutionDelayMs: 14 * DAY_MS,
  };
}
