// Dates as pages show them: unambiguous, in UTC, the same for every reader and on the server.

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "7 Dec 2026" */
export function formatDay(date: Date): string {
  return `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}

/** "7 Dec 2026, 15:04 UTC" */
export function formatDayTime(date: Date): string {
  const time = date.toISOString().slice(11, 16);
  return `${formatDay(date)}, ${time} UTC`;
}

/** "Jun 2028" */
export function formatMonth(date: Date): string {
  return `${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}
