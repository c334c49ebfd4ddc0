// How long an account waits after failed logins: the first few failures are free (typos), then
// every further failure doubles the wait, up to an hour. Failures older than an hour are
// forgotten. Per account and shared by all instances, this slows credential stuffing against one
// account however many addresses the attacker uses (the per-IP limit covers the other case).

/** Failures allowed before any wait (multiplied, like every rate limit, by RATE_LIMIT_MULTIPLIER). */
export const FREE_LOGIN_FAILURES = 5;
export const FIRST_LOGIN_WAIT_MS = 30_000;
export const LONGEST_LOGIN_WAIT_MS = 60 * 60 * 1000;
/** A failure this long after the previous one starts the count again. */
export const LOGIN_FAILURE_MEMORY_MS = 60 * 60 * 1000;

/** The wait after the `failures`-th consecutive failure, from that failure; 0 while free. */
export function loginWaitMs(failures: number, freeFailures: number): number {
  if (failures < freeFailures) return 0;
  const doublings = Math.min(failures - freeFailures, 20);
  return Math.min(FIRST_LOGIN_WAIT_MS * 2 ** doublings, LONGEST_LOGIN_WAIT_MS);
}
