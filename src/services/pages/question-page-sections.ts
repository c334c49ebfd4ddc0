// The question page's reading sections: "How is this computed?", the clarification log and the
// conditional branches (each with its own forecast panel).
import { recencyWeights } from '../../core/aggregation/recency-weights.ts';
import { selectBranchesOf } from '../../db/repositories/question-repository.ts';
import type { Actor } from '../../domain/actor.ts';
import { splitBranchTitle } from '../../domain/question-conditionals.ts';
import { questionPath } from '../../domain/question-path.ts';
import type { QuestionRecord } from '../../domain/question-record.ts';
import type { ForecastFormState } from '../../domain/view-models/forecast-panel.ts';
import type {
  ClarificationModel,
  ComputationModel,
  ConditionalModel,
  QuestionLinkModel,
} from '../../domain/view-models/question-page.ts';
import type { Deps } from '../deps.ts';
import { visibilityFor } from '../forecasts/cp-access.ts';
import { getConditionals } from '../questions/get-conditionals.ts';
import { listClarifications } from '../questions/list-clarifications.ts';
import { buildForecastPanel } from './forecast-panel-model.ts';

export function linkTo(question: QuestionRecord): QuestionLinkModel {
  return { id: question.id, title: question.title, path: questionPath(question) };
}

export function buildComputation(
  question: QuestionRecord,
  forecasterCount: number,
): ComputationModel {
  const weights = forecasterCount > 0 ? recencyWeights(forecasterCount) : null;
  return {
    method: 'recency_weighted',
    forecasterCount,
    oldestWeight: weights ? (weights[0] ?? null) : null,
    bundlePath: `/api/v1/questions/${question.id}/bundle`,
    bundleFileName: `question-${question.id}.json`,
  };
}

export async function buildClarifications(
  deps: Deps,
  actor: Actor | null,
  question: QuestionRecord,
): Promise<ClarificationModel[]> {
  const versions = await listClarifications(deps, { actor, questionId: question.id, question });
  return versions.map((version) => ({
    version: version.version,
    createdAt: version.createdAt,
    authorUsername: version.authorUsername,
    note: version.note,
    field: version.field,
    diff: version.diff,
  }));
}

/**
 * The conditional family of the page's question, when it has one: for a child, every branch
 * with its panel; for a branch, the same family seen from it. Branch panels do not follow live
 * updates (a page keeps one event stream).
 */
export async function buildConditional(
  deps: Deps,
  actor: Actor | null,
  question: QuestionRecord,
  branchForm: { questionId: number; form: ForecastFormState } | null,
): Promise<ConditionalModel | null> {
  const childId = question.conditionChildId ?? question.id;
  if (question.conditionChildId === null) {
    const branches = await selectBranchesOf(deps.database.db, question.id);
    if (branches.length === 0) return null;
  }
  const conditionals = await getConditionals(deps, { actor, childId });
  const now = deps.clock.now();
  const groups = [];
  for (const group of conditionals.groups) {
    const branches = [];
    for (const branch of group.branches) {
      const visibility = await visibilityFor(deps.database.db, branch.question, actor, now);
      branches.push({
        outcome: branch.outcome,
        question: linkTo(branch.question),
        parentProbability: branch.parentProbability,
        childProbability: branch.childProbability,
        panel: buildForecastPanel({
          question: branch.question,
          summary: branch.summary,
          visibility,
          actor,
          now,
          isCompact: true,
          form: branchForm?.questionId === branch.question.id ? branchForm.form : null,
        }),
      });
    }
    groups.push({
      parent: { ...linkTo(group.parent), type: group.parent.type },
      branches,
      impliedMarginal: group.impliedMarginal,
    });
  }
  let branchOf: ConditionalModel['branchOf'] = null;
  if (question.conditionChildId !== null) {
    const parent = conditionals.groups.find(
      (group) => group.parent.id === question.conditionParentId,
    )?.parent;
    const split = splitBranchTitle(question.title);
    if (parent) {
      branchOf = {
        child: linkTo(conditionals.child),
        parent: linkTo(parent),
        condition: split?.condition ?? '',
      };
    }
  }
  return {
    branchOf,
    child: linkTo(conditionals.child),
    childProbability: conditionals.childProbability,
    groups,
    isIncoherent: conditionals.isIncoherent,
  };
}
