// A forecaster's track record on their profile: filters (tag, tournament; a GET form), totals
// beside the CP's (Brier and log side by side), feedback cards, the calibration chart with its
// table, and every scored question with their scores and the CP's.
import { feedbackText } from '../../domain/calibration-feedback.ts';
import { questionPath } from '../../domain/question-path.ts';
import type { ScoreCell, TrackRecord } from '../../domain/view-models/standings.ts';
import { formatDay } from '../format/dates.ts';
import { calibrationChartIsland } from './calibration-chart.tsx';
import { Island } from './island.tsx';
import { formatScore } from './leaderboard-table.tsx';

const SCORE_NAMES: Record<string, string> = {
  peer: 'Peer',
  baseline: 'Baseline',
  brier: 'Brier (lower is better)',
  log: 'Log (higher is better)',
};

const cell = (value: ScoreCell, digits = 2) =>
  value === null ? '\u2013' : formatScore(value.score, digits);
const maybe = (value: number | null, digits = 2) =>
  value === null ? '\u2013' : formatScore(value, digits);
const pct = (value: number | null) => (value === null ? '\u2013' : `${Math.round(value * 100)} %`);

export function CalibrationTable(props: { bins: TrackRecord['calibration']; label: string }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take the focus to scroll by keyboard (WCAG 2.1.1)
    <section class="table-wrap" tabIndex={0} aria-label={props.label}>
      <table class="data calibration-table">
        <thead>
          <tr>
            <th scope="col">Forecasts between</th>
            <th scope="col" class="number">
              Count
            </th>
            <th scope="col" class="number">
              Mean forecast
            </th>
            <th scope="col" class="number">
              Happened
            </th>
            <th scope="col" class="number">
              95 % interval
            </th>
          </tr>
        </thead>
        <tbody>
          {props.bins.map((bin) => (
            <tr key={bin.binLower}>
              <th scope="row">
                {Math.round(bin.binLower * 100)}–{Math.round(bin.binUpper * 100)} %
              </th>
              <td class="number">{bin.count}</td>
              <td class="number">{pct(bin.meanForecast)}</td>
              <td class="number">{pct(bin.observedFrequency)}</td>
              <td class="number">
                {bin.wilsonLower === null
                  ? '\u2013'
                  : `${pct(bin.wilsonLower)}–${pct(bin.wilsonUpper)}`}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function CalibrationSection(props: {
  bins: TrackRecord['calibration'];
  feedback: TrackRecord['feedback'];
  who: string;
  headingId: string;
  heading: string;
}) {
  const total = props.bins.reduce((sum, bin) => sum + bin.count, 0);
  return (
    <section aria-labelledby={props.headingId} class="stack">
      <h2 id={props.headingId}>{props.heading}</h2>
      {total === 0 ? (
        <p class="muted">No binary question resolved yes or no yet.</p>
      ) : (
        <>
          {props.feedback.length > 0 ? (
            <ul class="feedback-cards">
              {props.feedback.map((card) => (
                <li class={`card feedback-card feedback-${card.verdict}`} key={card.binLower}>
                  {feedbackText(card, props.who)}
                </li>
              ))}
            </ul>
          ) : (
            <p class="muted">
              Feedback appears once a 10-point bin holds at least 5 resolved forecasts.
            </p>
          )}
          <Island
            island={calibrationChartIsland}
            props={{ bins: props.bins, label: `${props.heading}: chart of the table below` }}
          />
          <CalibrationTable bins={props.bins} label={`${props.heading} table`} />
        </>
      )}
    </section>
  );
}

export function TrackRecordSection(props: {
  record: TrackRecord;
  tags: string[];
  tournaments: Array<{ slug: string; title: string }>;
}) {
  const { record } = props;
  const base = `/users/${encodeURIComponent(record.user.username)}`;
  return (
    <div class="stack track-record">
      <section aria-labelledby="track-record-heading" class="stack">
        <h2 id="track-record-heading">Track record</h2>
        <form method="get" action={base} class="feed-controls">
          <div class="field">
            <label for="track-tag">Tag</label>
            <select id="track-tag" name="tag">
              <option value="">All tags</option>
              {props.tags.map((tag) => (
                <option value={tag} selected={tag === record.filters.tag} key={tag}>
                  {tag}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="track-tournament">Tournament</label>
            <select id="track-tournament" name="tournament">
              <option value="">All tournaments</option>
              {props.tournaments.map((tournament) => (
                <option
                  value={tournament.slug}
                  selected={tournament.slug === record.filters.tournamentSlug}
                  key={tournament.slug}
                >
                  {tournament.title}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" class="button">
            Filter
          </button>
        </form>
        {record.questions.length === 0 ? (
          <p class="muted">
            No scored questions yet
            {record.filters.tag || record.filters.tournamentSlug ? ' with these filters' : ''}.
          </p>
        ) : (
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take the focus to scroll by keyboard (WCAG 2.1.1)
          <section class="table-wrap" tabIndex={0} aria-label="Score totals">
            <table class="data">
              <caption class="visually-hidden">
                Totals and averages beside the community prediction
              </caption>
              <thead>
                <tr>
                  <th scope="col">Score</th>
                  <th scope="col" class="number">
                    Questions
                  </th>
                  <th scope="col" class="number">
                    Total
                  </th>
                  <th scope="col" class="number">
                    Average
                  </th>
                  <th scope="col" class="number">
                    Community average
                  </th>
                </tr>
              </thead>
              <tbody>
                {record.totals.map((total) => (
                  <tr key={total.scoreType}>
                    <th scope="row">{SCORE_NAMES[total.scoreType]}</th>
                    <td class="number">{total.count}</td>
                    <td class="number">{formatScore(total.total, 3)}</td>
                    <td class="number">{maybe(total.average, 3)}</td>
                    <td class="number">{maybe(total.cpAverage, 3)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        )}
      </section>
      <CalibrationSection
        bins={record.calibration}
        feedback={record.feedback}
        who="your"
        headingId="calibration-heading"
        heading="Calibration"
      />
      {record.questions.length > 0 ? (
        <section aria-labelledby="scored-heading">
          <h2 id="scored-heading">Scored questions</h2>
          {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take the focus to scroll by keyboard (WCAG 2.1.1) */}
          <section class="table-wrap" tabIndex={0} aria-label="Scored questions">
            <table class="data scored-questions">
              <thead>
                <tr>
                  <th scope="col">Question</th>
                  <th scope="col">Resolved</th>
                  <th scope="col" class="number">
                    Peer
                  </th>
                  <th scope="col" class="number">
                    Baseline
                  </th>
                  <th scope="col" class="number">
                    Brier (you / CP)
                  </th>
                  <th scope="col" class="number">
                    Log (you / CP)
                  </th>
                </tr>
              </thead>
              <tbody>
                {record.questions.map((question) => (
                  <tr key={question.id}>
                    <th scope="row">
                      <a href={questionPath(question)}>{question.title}</a>
                    </th>
                    <td>
                      {question.resolution}
                      {question.resolvedAt ? `, ${formatDay(question.resolvedAt)}` : ''}
                    </td>
                    <td class="number">{cell(question.mine.peer)}</td>
                    <td class="number">{cell(question.mine.baseline)}</td>
                    <td class="number">
                      {cell(question.mine.brier, 3)} / {cell(question.cp.brier, 3)}
                    </td>
                    <td class="number">
                      {cell(question.mine.log, 3)} / {cell(question.cp.log, 3)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </section>
      ) : null}
    </div>
  );
}
