// The forecast panel island: your forecast next to the crowd, the control for the question's
// type, and withdraw / reaffirm. Rendered on the server as plain forms that post to the page
// routes (http/pages/question-page.ts); hydrated, it sends the same values to the JSON API,
// updates in place and follows the live CP. Used by the question page for its question and its
// conditional branches, and meant for article question cards (give it a ForecastPanelModel
// from services/pages/forecast-panel-model.ts).
import { useEffect, useState } from 'preact/hooks';
import { ownChartColumns, unixSeconds } from '../../../domain/cp-chart-values.ts';
import {
  FORM_ERROR,
  initialFormFields,
  normalizedOptionFields,
  readForecastForm,
} from '../../../domain/forecast-form.ts';
import { crowdFromEntry, mineFromForecast } from '../../../domain/forecast-panel-values.ts';
import type {
  CrowdModel,
  ForecastPanelModel,
  MyForecastModel,
} from '../../../domain/view-models/forecast-panel.ts';
import { formatDay } from '../../format/dates.ts';
import { headlineOf } from '../../format/forecast-format.ts';
import { PostForm } from '../form-fields.tsx';
import { defineIsland } from '../island.tsx';
import { useIslandServices } from '../island-services.tsx';
import { BinaryControl } from './binary-control.tsx';
import { ChoiceControl } from './choice-control.tsx';
import { DistributionEditor } from './distribution-editor.tsx';
import { callForecastApi, type PanelAction } from './forecast-api.ts';
import { ForecastComparison } from './forecast-comparison.tsx';

export interface ForecastPanelProps {
  model: ForecastPanelModel;
  /** The session's CSRF token (null for guests). */
  csrfToken: string | null;
  /** The page the plain forms come back to. */
  returnTo: string;
}

function AccessNote({ model }: { model: ForecastPanelModel }) {
  const { access } = model;
  switch (access.state) {
    case 'open':
      return null;
    case 'guest':
      return (
        <p class="access-note">
          <a href={access.signInPath}>Sign in</a> or <a href={access.registerPath}>register</a> to
          forecast.
        </p>
      );
    case 'not_yet_open':
      return (
        <p class="access-note">
          Forecasting opens
          {access.openTime
            ? ` on ${formatDay(new Date(access.openTime))}`
            : ' when the question is approved'}
          .
        </p>
      );
    case 'closed':
      return <p class="access-note">This question is closed: forecasts are no longer accepted.</p>;
  }
}

export function ForecastPanel({ model, csrfToken, returnTo }: ForecastPanelProps) {
  const services = useIslandServices();
  const question = model.question;
  const idPrefix = `f${question.id}`;
  const [isInteractive, setInteractive] = useState(false);
  const [mine, setMine] = useState<MyForecastModel | null>(model.mine);
  const [crowd, setCrowd] = useState<CrowdModel>(model.crowd);
  const [fields, setFields] = useState<Record<string, string>>(
    () =>
      model.form?.values ??
      initialFormFields(question, model.mine?.values ?? null, model.startingComponents),
  );
  const [errors, setErrors] = useState<Record<string, string>>(model.form?.errors ?? {});
  const [status, setStatus] = useState(model.form?.notice ?? '');
  const [isBusy, setBusy] = useState(false);

  useEffect(() => {
    setInteractive(true);
    if (!model.isLive || !services) return;
    return services.watchCp(question.id, (event) => {
      if (event.hidden) return;
      const next = crowdFromEntry(question, event.entry);
      setCrowd(next);
      // The page header's forecaster count is server markup outside this island.
      const count = next.state === 'visible' ? String(next.forecasterCount) : '0';
      for (const element of document.querySelectorAll(`[data-live-forecasters="${question.id}"]`)) {
        element.textContent = count;
      }
    });
  }, []);

  const change = (changes: Record<string, string>) => {
    setFields((current) => ({ ...current, ...changes }));
  };

  const labels = (question.options ?? []).map((option) => option.label);

  async function run(action: PanelAction) {
    const read = action === 'forecast' ? readForecastForm(question, fields) : null;
    if (read && !read.ok) {
      setErrors(read.errors);
      setStatus('');
      return;
    }
    setBusy(true);
    const outcome = await callForecastApi(question, action, csrfToken, read?.values);
    setBusy(false);
    if (!outcome.ok) {
      setErrors(outcome.errors);
      setStatus('');
      return;
    }
    setErrors({});
    const entry = (outcome.body.community_prediction ?? null) as Record<string, unknown> | null;
    if (entry || crowd.state !== 'hidden') setCrowd(crowdFromEntry(question, entry));
    const forecast = outcome.body.forecast as Record<string, unknown> | undefined;
    const next = forecast ? mineFromForecast(question, forecast) : null;
    setMine(next);
    const time = next ? unixSeconds(next.startTime) : Math.floor(Date.now() / 1000);
    services?.publishOwnForecast({
      questionId: question.id,
      time,
      columns: next ? ownChartColumns(next.values, question.range) : null,
      entry,
    });
    const reading = next ? headlineOf(next.values, question.range, labels) : '';
    setStatus(
      action === 'withdraw'
        ? 'Your forecast is withdrawn.'
        : `${action === 'reaffirm' ? 'Reaffirmed' : 'Saved'}: ${reading}.`,
    );
  }

  const submitWith = (action: PanelAction) => (event: SubmitEvent) => {
    event.preventDefault();
    if (isBusy) return;
    const submitter = event.submitter as HTMLButtonElement | null;
    if (action === 'forecast' && submitter?.value === 'normalize') {
      const normalized = normalizedOptionFields(question, fields);
      if (normalized) {
        change(normalized);
        setErrors({});
        setStatus('Rescaled to add up to 100 %. Check, then save.');
      }
      return;
    }
    void run(action);
  };

  const crowdCdf =
    crowd.state === 'visible' && crowd.values.kind === 'continuous' ? crowd.values.cdf : null;
  const isOpen = model.access.state === 'open';
  const formError = errors[FORM_ERROR];
  const Heading = model.isCompact ? 'h4' : 'h3';
  return (
    <div
      class={`forecast-panel${model.isCompact ? ' is-compact' : ''}`}
      id={`forecast-${question.id}`}
    >
      <ForecastComparison question={question} mine={mine} crowd={crowd} />
      <AccessNote model={model} />
      {isOpen ? (
        <>
          <Heading class="visually-hidden">Your forecast</Heading>
          <PostForm
            action={`${question.path}/forecast`}
            class="forecast-form"
            aria-label={`Forecast: ${question.title}`}
            csrfToken={csrfToken}
            onSubmit={submitWith('forecast')}
          >
            <input type="hidden" name="return_to" value={returnTo} />
            {formError ? (
              <p class="alert alert-error" role="alert">
                {formError}
              </p>
            ) : null}
            {question.type === 'binary' ? (
              <BinaryControl
                idPrefix={idPrefix}
                value={fields.probability ?? ''}
                error={errors.probability}
                isInteractive={isInteractive}
                onChange={(value) => change({ probability: value })}
              />
            ) : question.type === 'multiple_choice' ? (
              <ChoiceControl
                idPrefix={idPrefix}
                question={question}
                fields={fields}
                errors={errors}
                onChange={(name, value) => change({ [name]: value })}
              />
            ) : (
              <DistributionEditor
                idPrefix={idPrefix}
                question={question}
                fields={fields}
                errors={errors}
                crowd={crowdCdf}
                isInteractive={isInteractive}
                onChange={change}
              />
            )}
            <div class="form-actions">
              <button type="submit" class="primary" name="intent" value="save" disabled={isBusy}>
                {mine ? 'Update forecast' : 'Save forecast'}
              </button>
              {question.type === 'multiple_choice' ? (
                <button type="submit" class="secondary" name="intent" value="normalize">
                  Normalise
                </button>
              ) : null}
            </div>
          </PostForm>
          {mine ? (
            <div class="forecast-actions">
              <PostForm
                action={`${question.path}/reaffirm`}
                class="inline-form"
                csrfToken={csrfToken}
                onSubmit={submitWith('reaffirm')}
              >
                <input type="hidden" name="return_to" value={returnTo} />
                <button type="submit" class="secondary button-small" disabled={isBusy}>
                  Reaffirm
                </button>
              </PostForm>
              <PostForm
                action={`${question.path}/withdraw`}
                class="inline-form"
                csrfToken={csrfToken}
                onSubmit={submitWith('withdraw')}
              >
                <input type="hidden" name="return_to" value={returnTo} />
                <button type="submit" class="danger button-small" disabled={isBusy}>
                  Withdraw
                </button>
              </PostForm>
            </div>
          ) : null}
        </>
      ) : null}
      <p class="panel-status" role="status">
        {status}
      </p>
    </div>
  );
}

export const forecastPanelIsland = defineIsland('forecast-panel', ForecastPanel);
