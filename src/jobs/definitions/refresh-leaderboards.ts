// leaderboards.refresh@1 — rebuilds the stored leaderboards; scheduled by resolution and hourly.
import type { JobDefinition } from '../../services/jobs/job-definition.ts';
import {
  REFRESH_LEADERBOARDS_JOB,
  refreshLeaderboardsJob,
} from '../../services/standings/refresh-leaderboards.ts';

export const refreshLeaderboardsDefinition: JobDefinition = {
  id: REFRESH_LEADERBOARDS_JOB,
  handler: refreshLeaderboardsJob,
};
