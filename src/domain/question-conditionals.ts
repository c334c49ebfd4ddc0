// Conditional questions "if PARENT resolves to x, CHILD?": one branch per parent outcome, and the
// coherence check of docs/design.md (implied marginal Σ P(child | parent = x)·P(parent = x)).
import type { FieldProblem } from './errors.ts';
import { questionAllOptions } from './question-core.ts';
import type { QuestionContent } from './question-fields.ts';
import type { QuestionRecord } from './question-record.ts';

/** Direct and implied probabilities further apart than this are flagged (10 points). */
export const INCOHERENCE_THRESHOLD = 0.1;

export type ConditionalRefusal =
  | { ok: false; reason: 'invalid_pair'; fields: FieldProblem[] }
  | { ok: false; reason: 'not_approved'; questionId: number };

/** A pair can be made conditional when both are approved, distinct, and the parent is discrete. */
export function checkConditionalPair(
  parent: QuestionRecord,
  child: QuestionRecord,
): { ok: true; outcomes: string[] } | ConditionalRefusal {
  const fields: FieldProblem[] = [];
  if (parent.id === child.id)
    fields.push({ path: '/child_id', message: 'must differ from parent_id' });
  if (parent.type !== 'binary' && parent.type !== 'multiple_choice') {
    fields.push({ path: '/parent_id', message: 'must be a binary or multiple-choice question' });
  }
  if (parent.conditionChildId !== null) {
    fields.push({ path: '/parent_id', message: 'is itself a conditional branch' });
  }
  if (child.conditionChildId !== null) {
    fields.push({ path: '/child_id', message: 'is itself a conditional branch' });
  }
  if (fields.length > 0) return { ok: false, reason: 'invalid_pair', fields };
  for (const question of [parent, child]) {
    if (question.status !== 'scheduled' && question.status !== 'open') {
      return { ok: false, reason: 'not_approved', questionId: question.id };
    }
  }
  return { ok: true, outcomes: parentOutcomes(parent) };
}

/** The outcomes a branch can be conditioned on: yes/no, or every option label. */
export function parentOutcomes(
  parent: Pick<QuestionRecord, 'type' | 'options' | 'optionsHistory'>,
): string[] {
  return parent.type === 'binary' ? ['yes', 'no'] : questionAllOptions(parent);
}

/** Where a branch's title (`CHILD (if “PARENT” resolves …)`) turns to its condition. */
const CONDITION_OPENING = ' (if “';

/** A branch copies the child's type, bounds, options and times; its text names the condition. */
export function branchContent(
  parent: QuestionRecord,
  child: QuestionRecord,
  outcome: string,
): QuestionContent {
  const condition = `if “${parent.title}” resolves ${parent.type === 'binary' ? outcome.toUpperCase() : `“${outcome}”`}`;
  return {
    type: child.type,
    title: `${child.title} (${condition})`, // splitBranchTitle reads it back
    description: child.description,
    resolutionCriteria:
      `Resolves as question ${child.id} (“${child.title}”) resolves, ${condition}. ` +
      `If question ${parent.id} resolves otherwise, this branch is annulled.\n\n${child.resolutionCriteria}`,
    finePrint: child.finePrint,
    sources: child.sources,
    tags: child.tags,
    tournamentId: child.tournamentId,
    openTime: child.openTime,
    scheduledCloseTime: child.scheduledCloseTime,
    scheduledResolveTime: child.scheduledResolveTime,
    cpRevealTime: child.cpRevealTime,
    rangeMin: child.rangeMin,
    rangeMax: child.rangeMax,
    zeroPoint: child.zeroPoint,
    openLowerBound: child.openLowerBound,
    openUpperBound: child.openUpperBound,
    inboundOutcomeCount: child.inboundOutcomeCount,
    unit: child.unit,
    options: child.options,
    isForecastBeforeCrowd: child.isForecastBeforeCrowd,
  };
}

/**
 * A branch title (branchContent) as its child's title and its condition ("if “…” resolves NO"),
 * for pages that show the condition apart; null for other titles.
 */
export function splitBranchTitle(title: string): { subject: string; condition: string } | null {
  const at = title.lastIndexOf(CONDITION_OPENING);
  if (at <= 0 || !title.endsWith(')')) return null;
  // The condition is what the parentheses hold: from "if “" to before the closing ")".
  return { subject: title.slice(0, at), condition: title.slice(at + ' ('.length, -1) };
}

export interface BranchProbability {
  /** P(parent = outcome), null when the parent's CP is hidden or empty */
  parentProbability: number | null;
  /** P(child = yes | parent = outcome), null when the branch's CP is hidden or empty */
  childProbability: number | null;
}

/**
 * Σ P(child | parent = x)·P(parent = x) over the branches, in order; null when any term is
 * unknown (a partial sum would look like a real, lower probability).
 */
export function impliedMarginal(branches: readonly BranchProbability[]): number | null {
  if (branches.length === 0) return null;
  let sum = 0;
  for (const branch of branches) {
    if (branch.parentProbability === null || branch.childProbability === null) return null;
    sum += branch.childProbability * branch.parentProbability;
  }
  return sum;
}

/** Whether the direct CP of the child and the implied marginal differ by more than 10 points. */
export function isIncoherent(direct: number | null, implied: number | null): boolean {
  if (direct === null || implied === null) return false;
  return Math.abs(direct - implied) > INCOHERENCE_THRESHOLD;
}
