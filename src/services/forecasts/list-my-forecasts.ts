// A user's own forecast history on a question (always visible to them), newest first.

import { listUserForecasts } from '../../db/repositories/forecast-repository.ts';
import type { Actor } from '../../domain/actor.ts';
import { requireUser } from '../auth/require-user.ts';
import type { Deps } from '../deps.ts';
import { getQuestionForActor } from '../questions/find-question.ts';
import { pageById } from '../users/id-cursor.ts';
import { type ForecastView, forecastView } from './forecast-views.ts';

export interface ListMyForecastsInput {
  actor: Actor | null;
  questionId: number;
  limit?: number;
  cursor?: string;
}

export async function listMyForecasts(
  deps: Deps,
  input: ListMyForecastsInput,
): Promise<{ items: ForecastView[]; next_cursor: string | null }> {
  const user = requireUser(input.actor, { scope: 'read' });
  const question = await getQuestionForActor(deps, input.questionId, user);
  const page = await pageById({ limit: input.limit, cursor: input.cursor }, (beforeId, limit) =>
    listUserForecasts(deps.database.db, question.id, user.userId, {
      beforeId: beforeId ?? undefined,
      limit,
    }),
  );
  return {
    items: page.items.map((forecast) => forecastView(question, forecast)),
    next_cursor: page.nextCursor,
  };
}
