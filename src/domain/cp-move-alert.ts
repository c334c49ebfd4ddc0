// When a follower hears that a question's community prediction moved (docs/design.md
// "Notifications"): the CP has moved at least the user's threshold (percentage points) away from
// the value of the last alert — and either no alert went out for this question in the last 24 h,
// or the move is at least twice the threshold. A move is the largest change of any option's
// probability (binary, multiple choice) or of the median's position in the range (continuous),
// in points. Pure: the service keeps the state per user and question.

export const CP_ALERT_QUIET_MS = 24 * 60 * 60 * 1000;

export interface CpAlertState {
  /** The CP (values in [0, 1]) moves are measured from: the one of the last alert, or the first seen. */
  reference: readonly number[];
  lastAlertAt: Date | null;
}

export type CpAlertDecision =
  | { alert: true; movePoints: number; next: CpAlertState }
  | { alert: false; movePoints: number; next: CpAlertState };

/** Largest change of any component, in points (0–100); vectors of other lengths: 100. */
export function cpMovePoints(from: readonly number[], to: readonly number[]): number {
  if (from.length !== to.length) return 100;
  let largest = 0;
  for (let i = 0; i < from.length; i++) {
    const a = from[i]!;
    const b = to[i]!;
    if (!Number.isFinite(a) || !Number.isFinite(b)) continue;
    largest = Math.max(largest, Math.abs(b - a) * 100);
  }
  return largest;
}

/**
 * Decides one observation of the CP. `state` null = first observation: it becomes the reference,
 * no alert. The reference moves only when an alert goes out, so a slow drift still alerts once it
 * adds up to the threshold.
 */
export function decideCpMoveAlert(input: {
  state: CpAlertState | null;
  current: readonly number[];
  now: Date;
  thresholdPoints: number;
}): CpAlertDecision {
  const { state, current, now, thresholdPoints } = input;
  if (state === null) {
    return { alert: false, movePoints: 0, next: { reference: [...current], lastAlertAt: null } };
  }
  // Rounded to 1e-9 so that 0.3 - 0.2 counts as the 10 points it is.
  const movePoints = Math.round(cpMovePoints(state.reference, current) * 1e9) / 1e9;
  const isQuiet =
    state.lastAlertAt === null || now.getTime() - state.lastAlertAt.getTime() >= CP_ALERT_QUIET_MS;
  const isAlert = movePoints >= thresholdPoints && (isQuiet || movePoints >= 2 * thresholdPoints);
  if (!isAlert) return { alert: false, movePoints, next: state };
  return { alert: true, movePoints, next: { reference: [...current], lastAlertAt: now } };
}
