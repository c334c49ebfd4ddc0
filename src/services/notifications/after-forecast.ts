// What a committed forecast change sets off for notifications: the forecaster follows the
// question (unless they unfollowed it), and a CP-move check of the question is made pending.
// Both are cheap and mostly free (remembered per process), so forecasting stays fast; a failure
// here is logged and never fails the forecast, which has committed.
import type { Deps } from '../deps.ts';
import { scheduleCpMoveCheck } from './cp-move.ts';
import { followOnForecast } from './follows.ts';

export async function afterForecastChange(
  deps: Deps,
  change: { userId: number; questionId: number; isNewForecast: boolean },
): Promise<void> {
  try {
    if (change.isNewForecast) await followOnForecast(deps, change.userId, change.questionId);
    await scheduleCpMoveCheck(deps, change.questionId);
  } catch (error) {
    deps.logger.warn(
      { err: error, question_id: change.questionId },
      'notification bookkeeping after a forecast failed',
    );
  }
}
