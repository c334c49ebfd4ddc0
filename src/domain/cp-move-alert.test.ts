// The CP-move alert rule, driven by seeded random walks of a binary CP and checked against the
// rule written out independently: at most one alert per 24 h unless the move is ≥ 2× threshold.
import { describe, expect, it } from 'vitest';
import { Mulberry32 } from '../core/mulberry32.ts';
import {
  CP_ALERT_QUIET_MS,
  type CpAlertState,
  cpMovePoints,
  decideCpMoveAlert,
} from './cp-move-alert.ts';

const HOUR = 3_600_000;

interface Alert {
  at: number;
  move: number;
}

function walk(seed: number, steps: number, threshold: number) {
  const random = new Mulberry32(seed);
  let p = 0.5;
  let time = Date.UTC(2030, 0, 1);
  let state: CpAlertState | null = null;
  const alerts: Alert[] = [];
  const observations: Array<{ at: number; p: number; alerted: boolean; move: number }> = [];
  for (let step = 0; step < steps; step++) {
    // Steps of 0–3 hours; the CP jumps by up to ±15 points, sometimes ±40.
    time += Math.floor(random.next() * 3 * HOUR);
    const jump = (random.next() - 0.5) * (random.next() < 0.05 ? 0.8 : 0.3);
    p = Math.min(0.99, Math.max(0.01, p + jump));
    const decision = decideCpMoveAlert({
      state,
      current: [p],
      now: new Date(time),
      thresholdPoints: threshold,
    });
    if (decision.alert) alerts.push({ at: time, move: decision.movePoints });
    observations.push({ at: time, p, alerted: decision.alert, move: decision.movePoints });
    state = decision.next;
  }
  return { alerts, observations };
}

describe('decideCpMoveAlert on random walks', () => {
  for (const [seed, threshold] of [
    [1, 10],
    [2, 10],
    [3, 5],
    [4, 20],
    [5, 10],
  ] as const) {
    it(`seed ${seed}, threshold ${threshold}: the rule holds at every step`, () => {
      const { alerts, observations } = walk(seed, 2000, threshold);
      expect(alerts.length).toBeGreaterThan(5);
      // Within any 24 h after an alert, a further alert needs a move of at least twice the threshold.
      for (let i = 1; i < alerts.length; i++) {
        const gap = alerts[i]!.at - alerts[i - 1]!.at;
        if (gap < CP_ALERT_QUIET_MS) expect(alerts[i]!.move).toBeGreaterThanOrEqual(2 * threshold);
        expect(alerts[i]!.move).toBeGreaterThanOrEqual(threshold);
      }
      // Replay independently: the reference is the CP at the last alert (or the first value).
      let reference = observations[0]!.p;
      let lastAlert: number | null = null;
      for (const observation of observations.slice(1)) {
        const move = Math.round(Math.abs(observation.p - reference) * 100 * 1e9) / 1e9;
        const quiet = lastAlert === null || observation.at - lastAlert >= CP_ALERT_QUIET_MS;
        const expected = move >= threshold && (quiet || move >= 2 * threshold);
        expect(observation.alerted).toBe(expected);
        if (expected) {
          reference = observation.p;
          lastAlert = observation.at;
        }
      }
    });
  }

  it('a slow drift alerts once it adds up to the threshold', () => {
    let state: CpAlertState | null = null;
    const start = Date.UTC(2030, 0, 1);
    const alertedAt: number[] = [];
    for (let step = 0; step <= 12; step++) {
      const decision = decideCpMoveAlert({
        state,
        current: [0.5 + step * 0.01],
        now: new Date(start + step * 30 * HOUR),
        thresholdPoints: 10,
      });
      if (decision.alert) alertedAt.push(step);
      state = decision.next;
    }
    expect(alertedAt).toEqual([10]);
  });

  it('a second big move within a day alerts only at twice the threshold', () => {
    const start = new Date(Date.UTC(2030, 0, 1));
    const first = decideCpMoveAlert({
      state: null,
      current: [0.5],
      now: start,
      thresholdPoints: 10,
    });
    const alert = decideCpMoveAlert({
      state: first.next,
      current: [0.62],
      now: new Date(start.getTime() + HOUR),
      thresholdPoints: 10,
    });
    expect(alert.alert).toBe(true);
    const within = (p: number, hours: number) =>
      decideCpMoveAlert({
        state: alert.next,
        current: [p],
        now: new Date(start.getTime() + hours * HOUR),
        thresholdPoints: 10,
      }).alert;
    expect(within(0.77, 5)).toBe(false); // 15 points, 4 h after the alert
    expect(within(0.82, 5)).toBe(true); // 20 points = 2 × threshold
    expect(within(0.77, 25)).toBe(true); // 15 points, a day later
  });

  it('measures multiple-choice moves by the option that moved most', () => {
    expect(cpMovePoints([0.2, 0.3, 0.5], [0.25, 0.15, 0.6])).toBeCloseTo(15);
  });
});
