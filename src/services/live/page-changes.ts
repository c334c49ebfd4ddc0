// What a cache of rendered question pages must forget: the question ids whose CP changed
// (LISTEN cp_updated, through the per-process hub) or whose row changed (LISTEN
// question_changed, sent by every write of a question); null means "anything may have changed"
// (a listening connection was lost and is back).
import { QUESTION_CHANGED_CHANNEL } from '../../db/repositories/question-repository.ts';
import type { Deps } from '../deps.ts';
import { cpUpdateHub } from './cp-updates.ts';

/** Resolves once both LISTENs are active; returns the unsubscriber. */
export async function watchQuestionPageChanges(
  deps: Pick<Deps, 'database' | 'logger'>,
  listener: (questionId: number | null) => void,
): Promise<() => Promise<void>> {
  const stopCp = await cpUpdateHub(deps).onAnyUpdate(listener);
  try {
    const unlisten = await deps.database.listen(
      QUESTION_CHANGED_CHANNEL,
      (payload) => {
        const id = /^\d{1,15}$/.test(payload) ? Number(payload) : null;
        listener(id);
      },
      { onReconnect: () => listener(null) },
    );
    return async () => {
      stopCp();
      await unlisten();
    };
  } catch (error) {
    stopCp();
    throw error;
  }
}
