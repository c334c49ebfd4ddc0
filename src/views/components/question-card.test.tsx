import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { questionRecord } from '../../../test/factories/question-record.ts';
import { QuestionCard } from './question-card.tsx';

const now = new Date('2030-01-10T00:00:00Z');

function cardHtml(
  overrides: Parameters<typeof questionRecord>[0],
  cp: Record<string, unknown> | null = null,
  weekMove: number | null = null,
): string {
  return renderToString(
    <QuestionCard
      card={{
        question: questionRecord(overrides),
        communityPrediction: cp,
        forecasterCount: 3,
        weekMove,
      }}
      now={now}
    />,
  );
}

function headlineOf(overrides: Parameters<typeof questionRecord>[0], median: number): string {
  const card = cardHtml(overrides, { forecast_values: [], scaled_quartiles: [null, median, null] });
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

  it('says the week’s move of a binary question in words', () => {
    const card = cardHtml({ type: 'binary' }, { forecast_values: [0.3, 0.7] }, -0.12);
    expect(card).toContain('70\u00a0% yes');
    expect(card).toContain('down 12\u00a0pts this week');
  });
});

describe('the question card title', () => {
  it('links to the question page and shows a branch’s condition on its own line', () => {
    const card = cardHtml({
      id: 12,
      title: 'Sanctions eased? (if “Summit (2027)?” resolves NO)',
      conditionParentId: 1,
      conditionChildId: 2,
      conditionOutcome: 'no',
    });
    expect(card).toContain(
      '<h3><a href="/questions/12-sanctions-eased-if-summit-2027-resolves-no">Sanctions eased?</a></h3>',
    );
    expect(card).toContain('<p class="condition">If “Summit (2027)?” resolves NO</p>');
  });

  it('keeps an ordinary title whole and escapes it', () => {
    const card = cardHtml({ id: 3, title: 'Talks resume (if at all) <b>by</b> June?' });
    expect(card).toContain('>Talks resume (if at all) &lt;b>by&lt;/b> June?</a></h3>');
    expect(card).not.toContain('class="condition"');
  });
});
