// "Your forecast next to the crowd, with the difference": three figures for a binary question,
// a table per option or per quantile otherwise. The crowd's figure carries `data-cp`, the text
// that live updates change in place.
import type {
  CrowdModel,
  ForecastQuestionModel,
  ForecastValuesModel,
  MyForecastModel,
} from '../../../domain/view-models/forecast-panel.ts';
import { formatDay } from '../../format/dates.ts';
import {
  continuousSummary,
  formatPercent,
  formatPoints,
  formatValue,
  formatValueDifference,
} from '../../format/forecast-format.ts';
import { ScrollableTable } from '../scrollable-table.tsx';

function crowdNote(crowd: CrowdModel): string {
  switch (crowd.state) {
    case 'visible':
      return `${crowd.forecasterCount} ${crowd.forecasterCount === 1 ? 'forecaster' : 'forecasters'}`;
    case 'empty':
      return 'No forecasts yet';
    case 'hidden':
      return crowd.reason === 'before_reveal'
        ? `Hidden until ${formatDay(new Date(crowd.revealTime))}`
        : 'Shown once you forecast';
  }
}

function since(mine: MyForecastModel): string {
  return mine.startTime ? `since ${formatDay(new Date(mine.startTime))}` : '';
}

function Figure(props: { label: string; value: string; note: string; isCp?: boolean }) {
  return (
    <div class="figure">
      <dt>{props.label}</dt>
      <dd class="figure-value" data-cp={props.isCp ? '' : undefined}>
        {props.value}
      </dd>
      <dd class="figure-note">{props.note}</dd>
    </div>
  );
}

/** A column heading that shortens on phones (CSS shows one of the two). */
function NarrowLabel({ wide, narrow }: { wide: string; narrow: string }) {
  return (
    <>
      <span class="label-wide">{wide}</span>
      <span class="label-narrow">{narrow}</span>
    </>
  );
}

function visibleValues(crowd: CrowdModel): ForecastValuesModel | null {
  return crowd.state === 'visible' ? crowd.values : null;
}

function BinaryComparison(props: { mine: MyForecastModel | null; crowd: CrowdModel }) {
  const mine = props.mine?.values.kind === 'binary' ? props.mine.values.probabilityYes : null;
  const crowdValues = visibleValues(props.crowd);
  const crowd = crowdValues?.kind === 'binary' ? crowdValues.probabilityYes : null;
  const difference = mine !== null && crowd !== null ? mine - crowd : null;
  return (
    <dl class="comparison">
      <Figure
        label="You"
        value={mine === null ? '—' : formatPercent(mine)}
        note={props.mine ? since(props.mine) : 'No forecast yet'}
      />
      <Figure
        label="Community"
        value={crowd === null ? '—' : formatPercent(crowd)}
        note={crowdNote(props.crowd)}
        isCp
      />
      <Figure
        label="Difference"
        value={difference === null ? '—' : formatPoints(difference)}
        note={
          difference === null
            ? 'Forecast to compare'
            : difference > 0
              ? 'You are higher'
              : difference < 0
                ? 'You are lower'
                : 'You agree'
        }
      />
    </dl>
  );
}

function ChoiceComparison(props: {
  question: ForecastQuestionModel;
  mine: MyForecastModel | null;
  crowd: CrowdModel;
}) {
  const mine = props.mine?.values.kind === 'multiple_choice' ? props.mine.values.probabilities : [];
  const crowdValues = visibleValues(props.crowd);
  const crowd = crowdValues?.kind === 'multiple_choice' ? crowdValues.probabilities : [];
  return (
    <div>
      <ScrollableTable label="Your forecast and the community's">
        <table class="data comparison-table">
          <caption class="visually-hidden">Your forecast and the community's, per option</caption>
          <thead>
            <tr>
              <th scope="col">Option</th>
              <th scope="col">You</th>
              <th scope="col">
                <NarrowLabel wide="Community" narrow="Crowd" />
              </th>
              <th scope="col">
                <NarrowLabel wide="Difference" narrow="Diff." />
              </th>
            </tr>
          </thead>
          <tbody>
            {(props.question.options ?? []).map((option, index) => {
              const you = mine[index] ?? null;
              const them = crowd[index] ?? null;
              return (
                <tr key={option.label}>
                  <th scope="row">{option.label}</th>
                  <td>{you === null ? '—' : formatPercent(you)}</td>
                  <td data-cp="">{them === null ? '—' : formatPercent(them)}</td>
                  <td>{you === null || them === null ? '—' : formatPoints(you - them)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </ScrollableTable>
      <p class="figure-note">Community: {crowdNote(props.crowd)}</p>
    </div>
  );
}

function ContinuousComparison(props: {
  question: ForecastQuestionModel;
  mine: MyForecastModel | null;
  crowd: CrowdModel;
}) {
  const range = props.question.range;
  if (!range) return null;
  const mine =
    props.mine?.values.kind === 'continuous'
      ? continuousSummary(range, props.mine.values.cdf)
      : null;
  const crowdValues = visibleValues(props.crowd);
  const crowd =
    crowdValues?.kind === 'continuous' ? continuousSummary(range, crowdValues.cdf) : null;
  const middle = (summary: typeof mine) =>
    summary ? `${formatValue(range, summary.lower)} – ${formatValue(range, summary.upper)}` : '—';
  return (
    <div>
      <ScrollableTable label="Your forecast and the community's">
        <table class="data comparison-table">
          <caption class="visually-hidden">Your forecast and the community's</caption>
          <thead>
            <tr>
              <th scope="col">
                <span class="visually-hidden">Statistic</span>
              </th>
              <th scope="col">You</th>
              <th scope="col">
                <NarrowLabel wide="Community" narrow="Crowd" />
              </th>
              <th scope="col">
                <NarrowLabel wide="Difference" narrow="Diff." />
              </th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">Median</th>
              <td>{mine ? formatValue(range, mine.median) : '—'}</td>
              <td data-cp="">{crowd ? formatValue(range, crowd.median) : '—'}</td>
              <td>
                {mine && crowd ? formatValueDifference(range, mine.median - crowd.median) : '—'}
              </td>
            </tr>
            <tr>
              <th scope="row">Middle 50 %</th>
              <td>{middle(mine)}</td>
              <td>{middle(crowd)}</td>
              <td />
            </tr>
          </tbody>
        </table>
      </ScrollableTable>
      <p class="figure-note">
        {props.mine ? `You: ${since(props.mine)}. ` : ''}Community: {crowdNote(props.crowd)}
      </p>
    </div>
  );
}

export function ForecastComparison(props: {
  question: ForecastQuestionModel;
  mine: MyForecastModel | null;
  crowd: CrowdModel;
}) {
  switch (props.question.type) {
    case 'binary':
      return <BinaryComparison mine={props.mine} crowd={props.crowd} />;
    case 'multiple_choice':
      return <ChoiceComparison {...props} />;
    default:
      return <ContinuousComparison {...props} />;
  }
}
