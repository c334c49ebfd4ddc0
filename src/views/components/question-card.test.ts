import { describe, expect, it } from 'vitest';
import { questionRecord } from '../../../test/factories/question-record.ts';
import { renderQuestionCard } from './question-card.ts';

const now = new Date('2030-01-10T00:00:00Z');

function headlineOf(overrides: Parameters<typeof questionRecord>[0], median: number): string {
  const card = renderQuestionCard(
    questionRecord(overrides),
    {
      community_prediction: {
        method: 'recency_weighted',
        forecaster_count: 3,
        forecast_values: [],
        interval_lower_bounds: [],
        centers: [],
        interval_upper_bounds: [],
        means: null,
        scaled_quartiles: [null, median, null],
      },
      my_forecast: null,
      forecaster_count: 3,
    },
    now,
  ).toString();
  return /<p class="cp">([^<]*)<\/p>/.exec(card)?.[1] ?? '';
}

describe('the question card headline', () => {
  it('names the nearest outcome of a discrete question, not a point between two', () => {
    // Outcomes 0…5: the range is padded by half a step (docs/maths.md §6).
    const meetings = {
      type: 'discrete',
      rangeMin: -0.5,
      rangeMax: 5.5,
      inboundOutcomeCount: 6,
    } as const;
    expect(headlineOf({ ...meetings, unit: '' }, 1.05)).toBe('median 1');
    expect(headlineOf({ ...meetings, unit: '' }, 1.6)).toBe('median 2');
    expect(headlineOf({ ...meetings, unit: '' }, 9)).toBe('median 5');
    const tenths = {
      type: 'discrete',
      rangeMin: 0.05,
      rangeMax: 1.05,
      inboundOutcomeCount: 10,
    } as const;
    expect(headlineOf({ ...tenths, unit: 'pp' }, 0.52)).toBe('median 0.5\u00a0pp');
  });

  it('keeps three significant digits for a numeric question', () => {
    const numeric = { type: 'numeric', rangeMin: 0, rangeMax: 100, unit: 'kt' } as const;
    expect(headlineOf(numeric, 42.345)).toBe('median 42.3\u00a0kt');
  });
});

describe('the question card title', () => {
  const summary = { community_prediction: null, my_forecast: null, forecaster_count: 0 };

  it('shows a conditional branch’s condition on its own line, under the child’s title', () => {
    const card = renderQuestionCard(
      questionRecord({
        title: 'Sanctions eased? (if “Summit (2027)?” resolves NO)',
        conditionParentId: 1,
        conditionChildId: 2,
        conditionOutcome: 'no',
      }),
      summary,
      now,
    ).toString();
    expect(card).toContain('<h3>Sanctions eased?</h3>');
    expect(card).toContain('<p class="condition">If “Summit (2027)?” resolves NO</p>');
  });

  it('keeps an ordinary title whole, parentheses and all', () => {
    const card = renderQuestionCard(
      questionRecord({ title: 'Talks resume (if at all) by June?' }),
      summary,
      now,
    ).toString();
    expect(card).toContain('<h3>Talks resume (if at all) by June?</h3>');
    expect(card).not.toContain('class="condition"');
  });
});
