// Forecasts through the real API, plus valid (and deliberately broken) value builders per type.
import type { TestApp } from '../helpers/test-app.ts';

export interface ForecastActor {
  auth: { authorization: string };
}

// biome-ignore lint/suspicious/noExplicitAny: API JSON as returned by the server.
export type Json = Record<string, any>;

export async function postForecast(
  t: TestApp,
  user: ForecastActor,
  questionId: number,
  body: Record<string, unknown>,
  headers: Record<string, string> = {},
) {
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/questions/${questionId}/forecasts`,
    headers: { ...user.auth, ...headers },
    payload: body,
  });
}

/** Posts a forecast and fails the test unless it is accepted (201); returns the body. */
export async function forecast(
  t: TestApp,
  user: ForecastActor,
  questionId: number,
  body: Record<string, unknown>,
): Promise<Json> {
  const response = await postForecast(t, user, questionId, body);
  if (response.statusCode !== 201) {
    throw new Error(`forecast answered ${response.statusCode}: ${response.body}`);
  }
  return response.json() as Json;
}

export async function withdraw(
  t: TestApp,
  user: ForecastActor,
  questionId: number,
  headers: Record<string, string> = {},
) {
  return t.app.inject({
    method: 'DELETE',
    url: `/api/v1/questions/${questionId}/forecasts/mine`,
    headers: { ...user.auth, ...headers },
  });
}

export async function reaffirm(
  t: TestApp,
  user: ForecastActor,
  questionId: number,
  body?: Record<string, unknown>,
) {
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/questions/${questionId}/forecasts/mine/reaffirm`,
    headers: user.auth,
    ...(body === undefined ? {} : { payload: body }),
  });
}

/**
 * A valid CDF of n + 1 points: a smooth S-curve centred at `center` (unscaled), mixed with a
 * uniform so every step is comfortably above the minimum; tails per bound.
 */
export function cdfFor(
  options: { n?: number; center?: number; openLower?: boolean; openUpper?: boolean } = {},
): number[] {
  const n = options.n ?? 200;
  const center = options.center ?? 0.5;
  const low = options.openLower ? 0.05 : 0;
  const high = options.openUpper ? 0.05 : 0;
  const shape = (u: number) => 1 / (1 + Math.exp(-(u - center) / 0.1));
  const s0 = shape(0);
  const s1 = shape(1);
  const values: number[] = [];
  for (let i = 0; i <= n; i++) {
    const u = i / n;
    const h = 0.8 * ((shape(u) - s0) / (s1 - s0)) + 0.2 * u;
    values.push(Math.round((low + (1 - low - high) * h) * 1e10) / 1e10);
  }
  values[0] = low;
  values[n] = 1 - high;
  return values;
}
