// What every score of one resolved question needs: the question, its outcome bucket and window.
import { DEFAULT_INBOUND_OUTCOME_COUNT } from '../locations/bucket.ts';
import { isContinuousType } from '../locations/pmf.ts';
import type { CoreQuestion } from '../types.ts';
import { type ScoringWindow, scoringWindow } from './scoring-window.ts';

export interface ScoringContext {
  question: CoreQuestion;
  /** Resolution bucket of docs/maths.md §8 (never null here: annulled questions are not scored). */
  bucket: number;
  isContinuous: boolean;
  /** n of a continuous question (default 200); unused otherwise. */
  inboundOutcomeCount: number;
  window: ScoringWindow;
}

export function scoringContext(question: CoreQuestion, bucket: number): ScoringContext {
  return {
    question,
    bucket,
    isContinuous: isContinuousType(question.type),
    inboundOutcomeCount: question.inboundOutcomeCount ?? DEFAULT_INBOUND_OUTCOME_COUNT,
    window: scoringWindow(question),
  };
}
