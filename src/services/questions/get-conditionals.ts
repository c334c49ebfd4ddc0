// A child's conditional branches with their CPs, the implied marginal and the coherence flag.

import { selectBranchesOf, selectQuestion } from '../../db/repositories/question-repository.ts';
import type { Actor } from '../../domain/actor.ts';
import {
  type BranchProbability,
  impliedMarginal,
  isIncoherent,
} from '../../domain/question-conditionals.ts';
import { questionAllOptions } from '../../domain/question-core.ts';
import { canViewQuestion } from '../../domain/question-permissions.ts';
import type { QuestionRecord } from '../../domain/question-record.ts';
import type { Deps } from '../deps.ts';
import { type ForecastSummary, getForecastSummary } from '../forecasts/get-forecast-summary.ts';
import { getQuestionForActor } from './find-question.ts';

export interface ConditionalBranch {
  question: QuestionRecord;
  outcome: string;
  summary: ForecastSummary;
  /** P(parent = outcome) from the parent's visible CP */
  parentProbability: number | null;
  /** P(child = yes | parent = outcome), binary children only */
  childProbability: number | null;
}

export interface ConditionalGroup {
  parent: QuestionRecord;
  parentSummary: ForecastSummary;
  branches: ConditionalBranch[];
  /** Σ P(child | parent = x)·P(parent = x); binary children only, null while any CP is unknown */
  impliedMarginal: number | null;
}

export interface Conditionals {
  child: QuestionRecord;
  childSummary: ForecastSummary;
  /** The child's own P(yes), binary children only */
  childProbability: number | null;
  groups: ConditionalGroup[];
  isIncoherent: boolean;
}

export interface GetConditionalsInput {
  actor: Actor | null;
  childId: number;
}

function finiteProbability(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/**
 * The probability of `outcome` in a CP as presented by the forecasts service: binary entries
 * carry forecast_values [P(no), P(yes)] (docs/maths.md §4), MC entries one value per option in
 * all-options order (§5).
 */
export function outcomeProbability(
  question: Pick<QuestionRecord, 'type' | 'options' | 'optionsHistory'>,
  cp: Record<string, unknown> | null,
  outcome: string,
): number | null {
  if (!cp) return null;
  const values = Array.isArray(cp.forecast_values) ? (cp.forecast_values as unknown[]) : null;
  if (question.type === 'binary') {
    const yes = finiteProbability(cp.probability_yes) ?? finiteProbability(values?.[1]);
    if (yes === null) return null;
    if (outcome === 'yes') return yes;
    return outcome === 'no' ? 1 - yes : null;
  }
  if (question.type === 'multiple_choice' && values) {
    const index = questionAllOptions(question).indexOf(outcome);
    return index < 0 ? null : finiteProbability(values[index]);
  }
  return null;
}

export async function getConditionals(
  deps: Deps,
  input: GetConditionalsInput,
): Promise<Conditionals> {
  const child = await getQuestionForActor(deps, input.childId, input.actor);
  const childSummary = await getForecastSummary(deps, child, input.actor);
  const isBinaryChild = child.type === 'binary';
  const childProbability = isBinaryChild
    ? outcomeProbability(child, childSummary.community_prediction, 'yes')
    : null;
  const branches = await selectBranchesOf(deps.database.db, child.id);
  const parentIds = [...new Set(branches.map((branch) => branch.conditionParentId!))];
  const groups: ConditionalGroup[] = [];
  for (const parentId of parentIds) {
    const parent = await selectQuestion(deps.database.db, parentId);
    if (!parent || !canViewQuestion(parent, input.actor)) continue;
    const parentSummary = await getForecastSummary(deps, parent, input.actor);
    const groupBranches: ConditionalBranch[] = [];
    for (const branch of branches.filter((b) => b.conditionParentId === parentId)) {
      if (!canViewQuestion(branch, input.actor)) continue;
      const outcome = branch.conditionOutcome ?? '';
      const summary = await getForecastSummary(deps, branch, input.actor);
      groupBranches.push({
        question: branch,
        outcome,
        summary,
        parentProbability: outcomeProbability(parent, parentSummary.community_prediction, outcome),
        childProbability: isBinaryChild
          ? outcomeProbability(branch, summary.community_prediction, 'yes')
          : null,
      });
    }
    const terms: BranchProbability[] = groupBranches;
    groups.push({
      parent,
      parentSummary,
      branches: groupBranches,
      impliedMarginal: isBinaryChild ? impliedMarginal(terms) : null,
    });
  }
  return {
    child,
    childSummary,
    childProbability,
    groups,
    isIncoherent: groups.some((group) => isIncoherent(childProbability, group.impliedMarginal)),
  };
}
