// A forecaster's track record (public questions only: resolved ones): each scored question with
// their scores beside the CP's, totals and averages per score type, the calibration table of
// docs/maths.md §15.5 and feedback cards; and the CP's own track record (calibration over every
// resolved binary question). Filters: a tag and a tournament.
import { type CalibrationBin, calibrationTable } from '../../core/calibration/calibration-table.ts';
import { findTournamentBySlug } from '../../db/repositories/tournament-repository.ts';
import {
  listCpCalibrationRows,
  listTrackRecordScores,
  listUserCalibrationRows,
  listUserScoredQuestions,
  type TrackRecordFilter,
} from '../../db/repositories/track-record-repository.ts';
import type { FeedbackCard } from '../../domain/calibration-feedback.ts';
import { invalidField } from '../../domain/errors.ts';
import type {
  CpTrackRecord,
  ScoreCell,
  ScoreTotal,
  TrackRecord,
  TrackRecordFilters,
  TrackRecordQuestion,
  TrackRecordScoreType,
} from '../../domain/view-models/standings.ts';
import { TRACK_RECORD_SCORE_TYPES } from '../../domain/view-models/standings.ts';
import type { Deps } from '../deps.ts';
import { SCORED_AGGREGATION } from '../resolution/score-question.ts';
import { getUserProfile } from '../users/get-user-profile.ts';
/** Feedback cards need this many forecasts in a bin. */
export const FEEDBACK_MIN_COUNT = 5;
export type { CpTrackRecord, FeedbackCard, TrackRecord };

async function resolveFilter(
  deps: Deps,
  input: { tag?: string; tournament?: string },
): Promise<{ filter: TrackRecordFilter; filters: TrackRecordFilters }> {
  const tag = input.tag?.trim().toLowerCase() || undefined;
  const slug = input.tournament?.trim() || undefined;
  let tournamentId: number | undefined;
  if (slug !== undefined) {
    const tournament = await findTournamentBySlug(deps.database.db, slug);
    if (!tournament) throw invalidField('querystring/tournament', 'is not a tournament slug');
    tournamentId = tournament.id;
  }
  return {
    filter: { tag, tournamentId },
    filters: { tag: tag ?? null, tournamentSlug: slug ?? null },
  };
}

function emptyCells(): Record<TrackRecordScoreType, ScoreCell> {
  return { peer: null, baseline: null, brier: null, log: null };
}

function isShownType(value: string): value is TrackRecordScoreType {
  return (TRACK_RECORD_SCORE_TYPES as readonly string[]).includes(value);
}

/** Bins with enough forecasts, most miscalibrated first (distance outside the interval). */
export function feedbackCards(bins: readonly CalibrationBin[]): FeedbackCard[] {
  const cards: Array<FeedbackCard & { distance: number }> = [];
  for (const bin of bins) {
    if (bin.count < FEEDBACK_MIN_COUNT || bin.meanForecast === null) continue;
    const lower = bin.wilsonLower as number;
    const upper = bin.wilsonUpper as number;
    const observed = bin.observedFrequency as number;
    let verdict: FeedbackCard['verdict'] = 'calibrated';
    let distance = 0;
    if (bin.meanForecast > upper) {
      verdict = 'happened_less';
      distance = bin.meanForecast - upper;
    } else if (bin.meanForecast < lower) {
      verdict = 'happened_more';
      distance = lower - bin.meanForecast;
    }
    cards.push({
      binLower: bin.binLower,
      binUpper: bin.binUpper,
      count: bin.count,
      meanForecast: bin.meanForecast,
      observedFrequency: observed,
      verdict,
      distance,
    });
  }
  cards.sort((a, b) => b.distance - a.distance || b.count - a.count);
  return cards.map(({ distance: _distance, ...card }) => card);
}

export async function getTrackRecord(
  deps: Deps,
  input: { username: string; tag?: string; tournament?: string },
): Promise<TrackRecord> {
  const db = deps.database.db;
  const user = await getUserProfile(deps, { username: input.username });
  const { filter, filters } = await resolveFilter(deps, input);
  const rows = await listUserScoredQuestions(db, user.id, filter);
  const scores = await listTrackRecordScores(
    db,
    user.id,
    SCORED_AGGREGATION,
    rows.map((row) => row.id),
  );
  const byQuestion = new Map<number, TrackRecordQuestion>();
  for (const row of rows) byQuestion.set(row.id, { ...row, mine: emptyCells(), cp: emptyCells() });
  for (const score of scores) {
    const question = byQuestion.get(score.questionId);
    if (!question || !isShownType(score.scoreType)) continue;
    const cell = { score: score.score, coverage: score.coverage };
    if (score.isCp) question.cp[score.scoreType] = cell;
    else question.mine[score.scoreType] = cell;
  }
  const questions = [...byQuestion.values()];
  const totals = TRACK_RECORD_SCORE_TYPES.map((scoreType): ScoreTotal => {
    let count = 0;
    let total = 0;
    let cpCount = 0;
    let cpTotal = 0;
    for (const question of questions) {
      const mine = question.mine[scoreType];
      if (mine === null) continue;
      count++;
      total += mine.score;
      // The CP over the same questions, so the two averages compare like with like.
      const cp = question.cp[scoreType];
      if (cp !== null) {
        cpCount++;
        cpTotal += cp.score;
      }
    }
    return {
      scoreType,
      count,
      total,
      average: count > 0 ? total / count : null,
      cpCount,
      cpTotal,
      cpAverage: cpCount > 0 ? cpTotal / cpCount : null,
    };
  });
  const pairs = await listUserCalibrationRows(db, user.id, filter);
  const calibration = calibrationTable(pairs);
  return { user, filters, questions, totals, calibration, feedback: feedbackCards(calibration) };
}

export async function getCpTrackRecord(
  deps: Deps,
  input: { tag?: string; tournament?: string },
): Promise<CpTrackRecord> {
  const { filter, filters } = await resolveFilter(deps, input);
  const pairs = await listCpCalibrationRows(deps.database.db, SCORED_AGGREGATION, filter);
  const calibration = calibrationTable(pairs);
  return {
    filters,
    questionCount: pairs.length,
    calibration,
    feedback: feedbackCards(calibration),
  };
}
