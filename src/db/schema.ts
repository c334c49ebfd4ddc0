// Row types of every table, for Kysely's typed queries. Mirrors db/migrations/*.sql.
import type { ColumnType, Generated, JSONColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

export interface UsersTable {
  id: Generated<number>;
  username: string;
  email: string;
  password_hash: string;
  role: ColumnType<string, string | undefined, string>;
  display_name: string | null;
  bio: ColumnType<string, string | undefined, string>;
  is_banned: ColumnType<boolean, boolean | undefined, boolean>;
  email_verified_at: Timestamp | null;
  deleted_at: Timestamp | null;
  created_at: CreatedAt;
}

export interface SessionsTable {
  id: string;
  user_id: number;
  csrf_token: string;
  created_at: CreatedAt;
  expires_at: Timestamp;
  last_seen_at: ColumnType<Date, Date | string | undefined, Date | string>;
  user_agent: ColumnType<string, string | undefined, never>;
}

export interface ApiTokensTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  token_hash: string;
  token_prefix: string;
  scopes: string[];
  created_at: CreatedAt;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface TournamentsTable {
  id: Generated<number>;
  slug: string;
  title: string;
  description: ColumnType<string, string | undefined, string>;
  start_time: Timestamp | null;
  close_time: Timestamp | null;
  score_type: ColumnType<string, string | undefined, string>;
  prize_pool: number | null;
  minimum_prize_amount: ColumnType<number, number | undefined, number>;
  is_finalized: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: CreatedAt;
  finalize_time: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  finalized_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface QuestionOptionRow {
  label: string;
  description: string;
}

export interface QuestionsTable {
  id: Generated<number>;
  type: string;
  status: ColumnType<string, string | undefined, string>;
  title: string;
  description: ColumnType<string, string | undefined, string>;
  resolution_criteria: ColumnType<string, string | undefined, string>;
  fine_print: ColumnType<string, string | undefined, string>;
  sources: JSONColumnType<Array<{ title: string; url: string }>>;
  tags: ColumnType<string[], string[] | undefined, string[]>;
  author_id: number;
  tournament_id: number | null;
  question_weight: ColumnType<number, number | undefined, number>;
  open_time: Timestamp | null;
  scheduled_close_time: Timestamp | null;
  scheduled_resolve_time: Timestamp | null;
  cp_reveal_time: Timestamp | null;
  actual_close_time: Timestamp | null;
  range_min: number | null;
  range_max: number | null;
  zero_point: number | null;
  open_lower_bound: boolean | null;
  open_upper_bound: boolean | null;
  inbound_outcome_count: number | null;
  unit: ColumnType<string, string | undefined, string>;
  options: JSONColumnType<QuestionOptionRow[]> | null;
  options_history: JSONColumnType<Array<[string, string[]]>> | null;
  condition_parent_id: number | null;
  condition_child_id: number | null;
  condition_outcome: string | null;
  is_forecast_before_crowd: ColumnType<boolean, boolean | undefined, boolean>;
  review_note: string | null;
  resolution: string | null;
  resolved_at: Timestamp | null;
  /** null = the instance's DISPUTE_WINDOW_HOURS (0007) */
  dispute_window_hours: ColumnType<number | null, number | null | undefined, number | null>;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface QuestionClarificationsTable {
  id: Generated<number>;
  question_id: number;
  version: number;
  note: ColumnType<string, string | undefined, string>;
  /** 'description' | 'fine_print' when the clarification amends that text, else null */
  field: string | null;
  previous_text: string | null;
  new_text: string | null;
  author_id: number;
  created_at: CreatedAt;
}

export interface AuditLogTable {
  id: Generated<number>;
  actor_id: number | null;
  action: string;
  target_type: string;
  target_id: number;
  details: JSONColumnType<Record<string, unknown>>;
  created_at: CreatedAt;
}

export interface ForecastsTable {
  id: Generated<number>;
  question_id: number;
  user_id: number;
  start_time: Timestamp;
  end_time: Timestamp | null;
  probability_yes: number | null;
  probability_yes_per_category: Array<number | null> | null;
  continuous_cdf: number[] | null;
  created_at: CreatedAt;
}

/** One score of a resolved question, for a forecaster (user_id) or the CP (aggregation_method). */
export interface ScoresTable {
  id: Generated<number>;
  question_id: number;
  user_id: number | null;
  aggregation_method: string | null;
  score_type: string;
  score: number;
  coverage: number;
  created_at: CreatedAt;
}

export interface CpEntriesTable {
  question_id: number;
  method: string;
  seq: number;
  start_time: Timestamp;
  end_time: Timestamp | null;
  forecaster_count: number;
  forecast_values: Array<number | null>;
  interval_lower_bounds: Array<number | null>;
  centers: Array<number | null>;
  interval_upper_bounds: Array<number | null>;
  means: Array<number | null> | null;
}

export interface CpStatesTable {
  question_id: number;
  version: ColumnType<number, number | undefined, number>;
  processed_until: ColumnType<number, number | undefined, number>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface IdempotencyKeysTable {
  user_id: number;
  key: string;
  request_hash: string;
  status_code: number;
  response: JSONColumnType<Record<string, unknown>>;
  created_at: CreatedAt;
}

export interface JobsTable {
  id: Generated<number>;
  type: string;
  payload: JSONColumnType<Record<string, unknown>>;
  run_at: ColumnType<Date, Date | string | undefined, Date | string>;
  status: ColumnType<string, string | undefined, string>;
  attempts: ColumnType<number, number | undefined, number>;
  last_error: string | null;
  locked_at: Timestamp | null;
  dedupe_key: string | null;
  created_at: CreatedAt;
}

export interface NotificationsTable {
  id: Generated<number>;
  user_id: number;
  kind: string;
  question_id: number | null;
  payload: JSONColumnType<Record<string, unknown>>;
  dedupe_key: string | null;
  created_at: CreatedAt;
  read_at: Timestamp | null;
}

export interface ResolutionEvidenceRow {
  url: string;
  note: string;
}

/** A proposed (or final, or withdrawn) resolution of a question (0007). */
export interface ResolutionProposalsTable {
  id: Generated<number>;
  question_id: number;
  resolution: string;
  evidence: JSONColumnType<ResolutionEvidenceRow[]>;
  note: ColumnType<string, string | undefined, string>;
  kind: string;
  status: ColumnType<string, string | undefined, string>;
  proposed_by: number | null;
  proposed_at: Timestamp;
  window_ends_at: Timestamp;
  decided_by: number | null;
  decided_at: Timestamp | null;
}

export interface ResolutionDisputesTable {
  id: Generated<number>;
  proposal_id: number;
  user_id: number;
  reason: string;
  created_at: Timestamp;
}

export interface LoginThrottlesTable {
  key: string;
  failures: number;
  last_failure_at: Timestamp;
  locked_until: Timestamp | null;
}

export interface LeaderboardsTable {
  key: string;
  score_type: string;
  tournament_id: number | null;
  time_window: string;
  window_start: Timestamp | null;
  window_end: Timestamp | null;
  question_count: number;
  entry_count: ColumnType<number, number | undefined, number>;
  is_finalized: ColumnType<boolean, boolean | undefined, boolean>;
  computed_at: Timestamp;
}

export interface LeaderboardEntriesTable {
  leaderboard_key: string;
  position: number;
  user_id: number | null;
  aggregation_method: string | null;
  score: number;
  coverage: number;
  contribution_count: number;
  take: number | null;
  rank: number;
  exclusion_status: number;
  percent_prize: number;
  prize: number | null;
  medal: string | null;
}

export type FollowTargetType = 'question' | 'article' | 'tournament' | 'user';

export interface FollowsTable {
  user_id: number;
  target_type: FollowTargetType;
  target_id: number;
  is_muted: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: CreatedAt;
}

export interface NotificationPreferencesTable {
  user_id: number;
  kind: string;
  channel: 'in_app' | 'email' | 'off';
}

export interface NotificationSettingsTable {
  user_id: number;
  cp_move_threshold: ColumnType<number, number | undefined, number>;
  last_digest_at: Timestamp | null;
}

export interface CpMoveAlertStatesTable {
  user_id: number;
  question_id: number;
  reference_centers: number[];
  last_alert_at: Timestamp | null;
}

export interface EmailOutboxTable {
  id: Generated<number>;
  user_id: number | null;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string;
  kind: string;
  status: ColumnType<string, string | undefined, string>;
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: ColumnType<Date, Date | string | undefined, Date | string>;
  last_error: string | null;
  created_at: CreatedAt;
  sent_at: Timestamp | null;
}

export interface AccountTokensTable {
  token_hash: string;
  user_id: number;
  purpose: 'password_reset' | 'verify_email';
  email: string;
  created_at: CreatedAt;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

export interface PendingCommentNotificationsTable {
  id: Generated<number>;
  target_type: FollowTargetType;
  target_id: number;
  comment_id: number;
  author_id: number | null;
  target_title: ColumnType<string, string | undefined, string>;
  url: string;
  created_at: CreatedAt;
}

export interface DatabaseSchema {
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  tournaments: TournamentsTable;
  questions: QuestionsTable;
  question_clarifications: QuestionClarificationsTable;
  audit_log: AuditLogTable;
  forecasts: ForecastsTable;
  cp_entries: CpEntriesTable;
  cp_states: CpStatesTable;
  idempotency_keys: IdempotencyKeysTable;
  jobs: JobsTable;
  notifications: NotificationsTable;
  scores: ScoresTable;
  login_throttles: LoginThrottlesTable;
  resolution_proposals: ResolutionProposalsTable;
  resolution_disputes: ResolutionDisputesTable;
  leaderboards: LeaderboardsTable;
  leaderboard_entries: LeaderboardEntriesTable;
  follows: FollowsTable;
  notification_preferences: NotificationPreferencesTable;
  notification_settings: NotificationSettingsTable;
  cp_move_alert_states: CpMoveAlertStatesTable;
  email_outbox: EmailOutboxTable;
  account_tokens: AccountTokensTable;
  pending_comment_notifications: PendingCommentNotificationsTable;
}
