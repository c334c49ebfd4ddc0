import { describe, expect, it } from 'vitest';
import {
  approve,
  canAddOption,
  canClarify,
  canEdit,
  checkApprovalSchedule,
  closeEarly,
  closeOnSchedule,
  openScheduled,
  reject,
  submitForReview,
} from './question-lifecycle.ts';
import { QUESTION_STATUSES, type QuestionStatus } from './question-record.ts';

const now = new Date('2030-01-10T00:00:00Z');
const timed = (status: QuestionStatus) => ({
  status,
  openTime: new Date('2030-01-01T00:00:00Z'),
  scheduledCloseTime: new Date('2030-02-01T00:00:00Z'),
  actualCloseTime: null,
  cpRevealTime: null,
});

/** The states from which each rule succeeds; every other state must be refused. */
const ALLOWED: Array<[string, (status: QuestionStatus) => { ok: boolean }, QuestionStatus[]]> = [
  ['edit', (s) => canEdit({ status: s }), ['draft']],
  ['submit', (s) => submitForReview({ status: s }), ['draft']],
  ['reject', (s) => reject({ status: s }), ['in_review']],
  ['approve', (s) => approve({ status: s }), ['in_review']],
  ['open', (s) => openScheduled(timed(s), now), ['scheduled']],
  ['close early', (s) => closeEarly(timed(s), now), ['open']],
  [
    'clarify',
    (s) => canClarify({ status: s }),
    ['scheduled', 'open', 'closed', 'resolution_proposed', 'resolved'],
  ],
  ['add option', (s) => canAddOption({ status: s }), ['scheduled', 'open']],
];

describe.each(ALLOWED)('%s', (_name, rule, allowed) => {
  it.each(QUESTION_STATUSES)('from %s', (status) => {
    const result = rule(status);
    expect(result.ok).toBe(allowed.includes(status));
    if (!result.ok) expect(result).toMatchObject({ reason: 'wrong_status', status });
  });
});

describe('timed transitions', () => {
  it('opens or closes only once due, and says when', () => {
    const question = { ...timed('scheduled'), openTime: new Date('2030-01-11T00:00:00Z') };
    expect(openScheduled(question, now)).toEqual({
      ok: false,
      reason: 'not_due',
      action: 'open',
      dueAt: question.openTime,
    });
    expect(closeOnSchedule(timed('open'), now)).toMatchObject({ ok: false, reason: 'not_due' });
    const late = new Date('2030-02-03T00:00:00Z');
    expect(closeOnSchedule(timed('open'), late)).toEqual({
      ok: true,
      status: 'closed',
      actualCloseTime: timed('open').scheduledCloseTime,
    });
  });

  it('closes early at the current second, never after the scheduled close', () => {
    const result = closeEarly(timed('open'), new Date('2030-01-10T00:00:00.900Z'));
    expect(result).toMatchObject({ ok: true, actualCloseTime: new Date('2030-01-10T00:00:00Z') });
    expect(closeEarly(timed('open'), new Date('2030-03-01T00:00:00Z'))).toMatchObject({
      actualCloseTime: timed('open').scheduledCloseTime,
    });
  });

  it('approves straight to open when the opening has come, else to scheduled', () => {
    const schedule = {
      openTime: now,
      scheduledCloseTime: new Date('2030-02-01T00:00:00Z'),
      scheduledResolveTime: new Date('2030-02-01T00:00:00Z'),
      cpRevealTime: null,
    };
    const approval = approve({ status: 'in_review' });
    expect(approval.ok).toBe(true);
    if (!approval.ok) return;
    expect(approval.statusAt(schedule, now)).toBe('open');
    const later = { ...schedule, openTime: new Date('2030-01-11T00:00:00Z') };
    expect(approval.statusAt(later, now)).toBe('scheduled');
  });
});

describe('checkApprovalSchedule', () => {
  it('moves a past opening to now (whole seconds) and keeps the reveal inside', () => {
    const result = checkApprovalSchedule(
      {
        openTime: new Date('2030-01-01T00:00:00Z'),
        scheduledCloseTime: new Date('2030-02-01T00:00:00Z'),
        scheduledResolveTime: new Date('2030-02-02T00:00:00Z'),
        cpRevealTime: new Date('2030-01-05T00:00:00Z'),
      },
      new Date('2030-01-10T00:00:00.400Z'),
    );
    expect(result).toMatchObject({
      ok: true,
      schedule: { openTime: now, cpRevealTime: now },
    });
  });

  it('lists every missing or misordered time', () => {
    const result = checkApprovalSchedule(
      { openTime: null, scheduledCloseTime: null, scheduledResolveTime: null, cpRevealTime: null },
      now,
    );
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.fields.map((f) => f.path)).toEqual([
        '/open_time',
        '/scheduled_close_time',
        '/scheduled_resolve_time',
      ]);
    }
  });
});
