// The forecast panel's calls to the JSON API from the browser (cookie session + CSRF header,
// an Idempotency-Key so a retried click never forecasts twice), and what their answers mean
// for the panel: new values, or errors by form field.
import { errorsFromProblems, FORM_ERROR } from '../../../domain/forecast-form.ts';
import type { ForecastValuesInput } from '../../../domain/forecast-values.ts';
import type { ForecastQuestionModel } from '../../../domain/view-models/forecast-panel.ts';

export type PanelAction = 'forecast' | 'withdraw' | 'reaffirm';

export type ApiOutcome =
  | { ok: true; body: Record<string, unknown> }
  | { ok: false; errors: Record<string, string> };

function bodyOf(values: ForecastValuesInput): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (values.probabilityYes !== undefined) body.probability_yes = values.probabilityYes;
  if (values.probabilityYesPerCategory !== undefined) {
    body.probability_yes_per_category = values.probabilityYesPerCategory;
  }
  if (values.components !== undefined) body.components = values.components;
  if (values.normalize !== undefined) body.normalize = values.normalize;
  return body;
}

function idempotencyKey(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

function failureMessage(status: number, retryAfter: string | null): string {
  if (status === 401) return 'Your session has ended. Sign in again to forecast.';
  if (status === 403) return 'This page is out of date. Reload it and try again.';
  if (status === 409) return 'This question is not open for forecasting.';
  if (status === 404) return 'You have no standing forecast on this question.';
  if (status === 429) {
    return `Too many forecasts in a short time. Try again in ${retryAfter ?? 'a few'} seconds.`;
  }
  return 'Something went wrong. Try again in a moment.';
}

export async function callForecastApi(
  question: ForecastQuestionModel,
  action: PanelAction,
  csrfToken: string | null,
  values?: ForecastValuesInput,
): Promise<ApiOutcome> {
  const base = `/api/v1/questions/${question.id}/forecasts`;
  const request: Record<PanelAction, { url: string; method: string }> = {
    forecast: { url: base, method: 'POST' },
    withdraw: { url: `${base}/mine`, method: 'DELETE' },
    reaffirm: { url: `${base}/mine/reaffirm`, method: 'POST' },
  };
  const headers: Record<string, string> = { 'idempotency-key': idempotencyKey() };
  if (csrfToken) headers['x-csrf-token'] = csrfToken;
  if (action === 'forecast') headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(request[action].url, {
      method: request[action].method,
      headers,
      credentials: 'same-origin',
      body: action === 'forecast' && values ? JSON.stringify(bodyOf(values)) : undefined,
    });
  } catch {
    return {
      ok: false,
      errors: { [FORM_ERROR]: 'No connection. Check your network and try again.' },
    };
  }
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (response.ok) return { ok: true, body };
  const error = (body.error ?? {}) as { details?: { fields?: unknown } };
  const problems = Array.isArray(error.details?.fields) ? error.details.fields : [];
  if (response.status === 400 && problems.length > 0) {
    return { ok: false, errors: errorsFromProblems(question, problems) };
  }
  return {
    ok: false,
    errors: { [FORM_ERROR]: failureMessage(response.status, response.headers.get('retry-after')) },
  };
}
