// Leaderboards, tournaments and track records as API JSON (snake_case, RFC 3339 instants).
import { type FeedbackCard, feedbackText } from '../../../domain/calibration-feedback.ts';
import type {
  CalibrationBin,
  LeaderboardView,
  StoredEntryWithUser,
  TournamentDetails,
} from '../../../domain/view-models/standings.ts';
import type { CpEntryView } from '../../../services/forecasts/forecast-views.ts';
import type { CpTrackRecord, TrackRecord } from '../../../services/standings/get-track-record.ts';
import type { TournamentView } from '../../../services/tournaments/get-tournament.ts';

const iso = (date: Date | null) => (date === null ? null : date.toISOString());

export function presentEntry(entry: StoredEntryWithUser) {
  return {
    user:
      entry.userId === null
        ? null
        : { id: entry.userId, username: entry.username ?? '', display_name: entry.displayName },
    aggregation_method: entry.aggregationMethod,
    score: entry.score,
    coverage: entry.coverage,
    contribution_count: entry.contributionCount,
    take: entry.take,
    rank: entry.rank,
    exclusion_status: entry.exclusionStatus,
    percent_prize: entry.percentPrize,
    prize: entry.prize,
    medal: entry.medal,
  };
}

export function presentLeaderboard(view: Omit<LeaderboardView, 'windows'>) {
  const { board } = view;
  return {
    key: board.key,
    score_type: board.scoreType,
    window: board.timeWindow,
    window_start: iso(board.windowStart),
    window_end: iso(board.windowEnd),
    question_count: board.questionCount,
    is_finalized: board.isFinalized,
    computed_at: board.computedAt.getTime() === 0 ? null : board.computedAt.toISOString(),
    total: view.total,
    offset: view.offset,
    limit: view.limit,
    entries: view.entries.map(presentEntry),
    my_entry: view.myEntry ? presentEntry(view.myEntry) : null,
  };
}

export function presentTournament(tournament: TournamentDetails) {
  return {
    id: tournament.id,
    slug: tournament.slug,
    title: tournament.title,
    description: tournament.description,
    start_time: iso(tournament.startTime),
    close_time: iso(tournament.closeTime),
    score_type: tournament.scoreType,
    prize_pool: tournament.prizePool,
    minimum_prize_amount: tournament.minimumPrizeAmount,
    finalize_time: iso(tournament.finalizeTime),
    is_finalized: tournament.isFinalized,
    finalized_at: iso(tournament.finalizedAt),
  };
}

export function presentTournamentDetail(view: TournamentView) {
  return {
    ...presentTournament(view.tournament),
    questions: view.questions.map((question) => ({
      id: question.id,
      title: question.title,
      type: question.type,
      status: question.status,
      question_weight: question.questionWeight,
      resolution: question.resolution,
      scheduled_close_time: iso(question.scheduledCloseTime),
      forecaster_count: question.forecasterCount,
      community_prediction: question.communityPrediction as CpEntryView | null,
    })),
    leaderboard: presentLeaderboard(view.leaderboard),
  };
}

export function presentCalibration(bins: readonly CalibrationBin[]) {
  return bins.map((bin) => ({
    bin_lower: bin.binLower,
    bin_upper: bin.binUpper,
    count: bin.count,
    mean_forecast: bin.meanForecast,
    observed_frequency: bin.observedFrequency,
    wilson_lower: bin.wilsonLower,
    wilson_upper: bin.wilsonUpper,
  }));
}

function presentFeedback(cards: readonly FeedbackCard[], who: string) {
  return cards.map((card) => ({
    bin_lower: card.binLower,
    bin_upper: card.binUpper,
    count: card.count,
    mean_forecast: card.meanForecast,
    observed_frequency: card.observedFrequency,
    verdict: card.verdict,
    text: feedbackText(card, who),
  }));
}

export function presentTrackRecord(record: TrackRecord) {
  return {
    user: { id: record.user.id, username: record.user.username },
    filters: { tag: record.filters.tag, tournament: record.filters.tournamentSlug },
    questions: record.questions.map((question) => ({
      id: question.id,
      title: question.title,
      type: question.type,
      resolution: question.resolution,
      resolved_at: iso(question.resolvedAt),
      tournament:
        question.tournamentSlug === null
          ? null
          : { slug: question.tournamentSlug, title: question.tournamentTitle ?? '' },
      mine: question.mine,
      cp: question.cp,
    })),
    totals: record.totals.map((total) => ({
      score_type: total.scoreType,
      count: total.count,
      total: total.total,
      average: total.average,
      cp_count: total.cpCount,
      cp_total: total.cpTotal,
      cp_average: total.cpAverage,
    })),
    calibration: presentCalibration(record.calibration),
    feedback: presentFeedback(record.feedback, 'your'),
  };
}

export function presentCpTrackRecord(record: CpTrackRecord) {
  return {
    filters: { tag: record.filters.tag, tournament: record.filters.tournamentSlug },
    question_count: record.questionCount,
    calibration: presentCalibration(record.calibration),
    feedback: presentFeedback(record.feedback, 'the CP\u2019s'),
  };
}
