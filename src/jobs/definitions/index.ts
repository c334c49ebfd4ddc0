// Every job the runner knows; add a definition here (one file per job in this folder).
import type { JobDefinition } from '../../services/jobs/job-definition.ts';
import { closeScheduledQuestion } from './close-scheduled-question.ts';
import { expireForecastsJob } from './expire-forecasts.ts';
import { finalizeResolutionJob } from './finalize-resolution.ts';
import {
  cpMoveAlertJob,
  hourlyNotificationsJob,
  questionEventNotificationJob,
} from './notifications.ts';
import { openScheduledQuestion } from './open-scheduled-question.ts';
import { purgeExpiredDataJob } from './purge-expired-data.ts';
import { refreshLeaderboardsDefinition } from './refresh-leaderboards.ts';

export const JOB_DEFINITIONS: readonly JobDefinition[] = [
  openScheduledQuestion,
  closeScheduledQuestion,
  expireForecastsJob,
  purgeExpiredDataJob,
  finalizeResolutionJob,
  refreshLeaderboardsDefinition,
  questionEventNotificationJob,
  cpMoveAlertJob,
  hourlyNotificationsJob,
];
