import { describe, expect, it } from 'vitest';
import { checkQuestionContent } from '../../domain/question-fields.ts';
import { checkApprovalSchedule } from '../../domain/question-lifecycle.ts';
import { demoQuestionSpecs } from './demo-questions.ts';
import { demoSchedule, firstOfMonthAfter, formatDay } from './demo-schedule.ts';
import { prose } from './demo-spec.ts';

const DAY = 86_400_000;

describe('the demo schedule', () => {
  it('puts deadlines on calendar days ahead and forecasting rounds before the load', () => {
    const loadedAt = new Date('2026-11-26T07:58:51.400Z');
    const schedule = demoSchedule(loadedAt);
    expect(schedule.loadedAt.toISOString()).toBe('2026-11-26T07:58:51.000Z');
    expect(formatDay(schedule.summitDeadline)).toBe('1 June 2027');
    expect(formatDay(schedule.sanctionsDeadline)).toBe('1 December 2027');
    expect(schedule.endOfNextYear.toISOString()).toBe('2028-01-01T00:00:00.000Z');
    const rounds = schedule.forecastRounds.map((round) => round.getTime());
    expect(rounds).toEqual([...rounds].sort((a, b) => a - b));
    expect(rounds[0]).toBeGreaterThan(schedule.draftingStartsAt.getTime());
    expect(rounds.at(-1)! + schedule.roundLengthMs).toBeLessThan(schedule.loadedAt.getTime());
  });

  it('rolls months over year ends', () => {
    expect(firstOfMonthAfter(new Date('2026-12-31T23:00:00Z'), 0).toISOString()).toBe(
      '2027-01-01T00:00:00.000Z',
    );
    expect(firstOfMonthAfter(new Date('2026-08-15T00:00:00Z'), 6).toISOString()).toBe(
      '2027-03-01T00:00:00.000Z',
    );
  });

  it.each(['2026-01-01T00:00:00Z', '2026-06-30T12:00:00Z', '2026-12-31T23:59:59Z'])(
    'gives questions valid content and an approvable schedule when loaded at %s',
    (instant) => {
      const schedule = demoSchedule(new Date(instant));
      const opensAt = new Date(schedule.draftingStartsAt.getTime() + 60 * 60_000);
      for (const spec of demoQuestionSpecs(schedule)) {
        const content = checkQuestionContent({ ...spec.question, tournamentId: 1 });
        expect(content.ok, spec.key).toBe(true);
        const approval = checkApprovalSchedule(
          {
            openTime: opensAt,
            scheduledCloseTime: spec.closesAt,
            scheduledResolveTime: new Date(spec.closesAt.getTime() + schedule.resolutionDelayMs),
            cpRevealTime: new Date(opensAt.getTime() + schedule.revealDelayMs),
          },
          opensAt,
        );
        expect(approval.ok, spec.key).toBe(true);
        // Every deadline lies months after the load, so the questions stay open for a while.
        expect(spec.closesAt.getTime() - schedule.loadedAt.getTime()).toBeGreaterThan(150 * DAY);
      }
    },
  );
});

describe('prose', () => {
  it('unwraps lines inside paragraphs and keeps paragraphs and list items', () => {
    expect(prose(['One', 'line.', '', '- a', '  b', '- c', '1. d'])).toBe(
      'One line.\n\n- a b\n- c\n1. d',
    );
  });
});
