// forecasts.expire@1 — applies auto-withdrawals (forecasts with an end_time) to the CP history.

import { expireForecasts } from '../../services/forecasts/expire-forecasts.ts';
import { EXPIRE_FORECASTS_JOB } from '../../services/forecasts/submit-forecast.ts';
import type { JobDefinition } from '../../services/jobs/job-definition.ts';

export const expireForecastsJob: JobDefinition = {
  id: EXPIRE_FORECASTS_JOB,
  handler: expireForecasts,
};
