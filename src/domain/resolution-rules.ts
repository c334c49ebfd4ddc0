// Rules of the resolution workflow (docs/design.md "Question lifecycle"): which outcomes a question
// accepts, who may do what in which state, when a dispute window ends.
import { resolutionProblem } from '../core/bundle/resolution-check.ts';
import { isVoidResolution } from '../core/locations/bucket.ts';
import { DomainError } from './errors.ts';
import { toCoreQuestion } from './question-core.ts';
import type { QuestionRecord, QuestionStatus } from './question-record.ts';

export { isVoidResolution };

/** A proposal may be made while the question is open (it closes then) or closed. */
export const PROPOSABLE_STATUSES: readonly QuestionStatus[] = ['open', 'closed'];
/** An admin re-resolves a final question (scores are replaced atomically). */
export const RE_RESOLVABLE_STATUSES: readonly QuestionStatus[] = ['resolved', 'annulled'];
/** An admin annuls any approved question that is not already annulled. */
export const ANNULLABLE_STATUSES: readonly QuestionStatus[] = [
  'scheduled',
  'open',
  'closed',
  'resolution_proposed',
  'resolved',
];

/** The status a final resolution puts a question in: `annulled` for annulled, else `resolved`. */
export function statusForResolution(resolution: string): 'resolved' | 'annulled' {
  return resolution === 'annulled' ? 'annulled' : 'resolved';
}

/** Whether a final question has scores: resolved with an outcome other than annulled/ambiguous. */
export function isScorable(question: Pick<QuestionRecord, 'status' | 'resolution'>): boolean {
  return (
    question.status === 'resolved' &&
    question.resolution !== null &&
    !isVoidResolution(question.resolution)
  );
}

/**
 * The outcome as stored (trimmed). Throws
 * 400 INVALID_RESOLUTION naming the problem when the question's type does not accept it.
 */
export function checkResolution(question: QuestionRecord, raw: string): string {
  const resolution = raw.trim();
  const problem = resolutionProblem(toCoreQuestion(question), resolution);
  if (problem !== null) {
    throw new DomainError('INVALID_RESOLUTION', `resolution ${problem}.`, {
      fields: [{ path: '/resolution', message: problem }],
      question_type: question.type,
    });
  }
  return resolution;
}

/**
 * The actual close time a proposal asks for: not before the opening, not in the future, and not
 * after the question's recorded close (forecasts were refused from then on).
 */
export function checkActualCloseTime(question: QuestionRecord, requested: Date, now: Date): Date {
  const time = new Date(Math.floor(requested.getTime() / 1000) * 1000);
  const problem =
    question.openTime && time.getTime() < question.openTime.getTime()
      ? 'must not be before open_time'
      : time.getTime() > now.getTime()
        ? 'must not be in the future'
        : question.actualCloseTime && time.getTime() > question.actualCloseTime.getTime()
          ? 'must not be after the recorded close'
          : null;
  if (problem) {
    throw new DomainError('VALIDATION_FAILED', `/actual_close_time: ${problem}`, {
      fields: [{ path: '/actual_close_time', message: problem }],
    });
  }
  return time;
}

/** When a proposal made at `now` becomes final if nobody disputes it. */
export function disputeWindowEnd(now: Date, hours: number): Date {
  return new Date(now.getTime() + Math.round(hours * 3_600_000));
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** Evidence links must be http(s) URLs; notes are trimmed. */
export function checkEvidence(
  evidence: ReadonlyArray<{ url: string; note?: string }>,
): Array<{ url: string; note: string }> {
  const fields = evidence.flatMap((item, index) =>
    isHttpUrl(item.url.trim())
      ? []
      : [{ path: `/evidence/${index}/url`, message: 'must be an http(s) URL' }],
  );
  if (fields.length > 0) {
    throw new DomainError('VALIDATION_FAILED', `${fields[0].path}: ${fields[0].message}`, {
      fields,
    });
  }
  return evidence.map((item) => ({ url: item.url.trim(), note: (item.note ?? '').trim() }));
}
