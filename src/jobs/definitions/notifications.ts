// notifications.* — fan-out jobs of notifications: question opened/closed to followers, CP-move
// alerts (docs/design.md "Notifications").
import type { JobDefinition } from '../../services/jobs/job-definition.ts';
import { CP_MOVE_JOB, checkCpMove } from '../../services/notifications/cp-move.ts';
import {
  HOURLY_NOTIFICATIONS_JOB,
  runHourlyNotifications,
} from '../../services/notifications/periodic.ts';
import {
  notifyQuestionEvent,
  QUESTION_EVENT_JOB,
} from '../../services/notifications/question-notifications.ts';

export const questionEventNotificationJob: JobDefinition = {
  id: QUESTION_EVENT_JOB,
  handler: notifyQuestionEvent,
};

export const cpMoveAlertJob: JobDefinition = { id: CP_MOVE_JOB, handler: checkCpMove };

export const hourlyNotificationsJob: JobDefinition = {
  id: HOURLY_NOTIFICATIONS_JOB,
  handler: runHourlyNotifications,
};
