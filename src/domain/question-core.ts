// Maps a stored question to the maths' CoreQuestion (docs/maths.md §0, §16.1): unix seconds, all-options.
import { allOptionsOrder } from '../core/options-order.ts';
import type { CoreQuestion } from '../core/types.ts';
import { DomainError } from './errors.ts';
import { isContinuousType, type QuestionRecord } from './question-record.ts';

function seconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}

/** Every option label ever listed, in the order of every MC vector, catch-all last. */
export function questionAllOptions(
  question: Pick<QuestionRecord, 'options' | 'optionsHistory'>,
): string[] {
  return allOptionsOrder(
    question.options?.map((option) => option.label),
    question.optionsHistory,
  );
}

/**
 * The question as the maths sees it. Only approved questions have the times the maths needs; a
 * draft or a question in review is refused with QUESTION_NOT_OPEN.
 */
export function toCoreQuestion(question: QuestionRecord): CoreQuestion {
  if (!question.openTime || !question.scheduledCloseTime) {
    throw new DomainError('QUESTION_NOT_OPEN', 'This question has not been scheduled yet.');
  }
  const core: CoreQuestion = {
    id: question.id,
    type: question.type,
    openTime: seconds(question.openTime),
    scheduledCloseTime: seconds(question.scheduledCloseTime),
    actualCloseTime: question.actualCloseTime ? seconds(question.actualCloseTime) : null,
    spotScoringTime: null,
  };
  if (question.resolution !== null) core.resolution = question.resolution;
  if (isContinuousType(question.type)) {
    core.rangeMin = question.rangeMin ?? 0;
    core.rangeMax = question.rangeMax ?? 1;
    core.zeroPoint = question.zeroPoint;
    core.openLowerBound = question.openLowerBound ?? false;
    core.openUpperBound = question.openUpperBound ?? false;
    core.inboundOutcomeCount = question.inboundOutcomeCount ?? 200;
  }
  if (question.type === 'multiple_choice') core.allOptions = questionAllOptions(question);
  return core;
}
