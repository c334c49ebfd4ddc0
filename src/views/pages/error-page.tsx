// Friendly error pages (404, 403, 500, …) in the site's layout; the API gets the JSON body instead.
import type { VNode } from 'preact';

export interface ErrorPageModel {
  status: number;
  code: string;
  message: string;
  /** Guests meeting a 401/403 are offered to sign in and come back. */
  isGuest: boolean;
  path: string;
}

export function errorHeading(status: number): string {
  if (status === 404) return 'Page not found';
  if (status === 401) return 'Please sign in';
  if (status === 403) return 'You can’t open this page';
  if (status >= 500) return 'Something went wrong';
  return 'That did not work';
}

export function ErrorPage({ model }: { model: ErrorPageModel }): VNode {
  const heading = errorHeading(model.status);
  const signIn = model.isGuest && (model.status === 401 || model.status === 403);
  return (
    <div class="error-box card">
      <p class="badge badge-neutral">Error {model.status}</p>
      <h1>{heading}</h1>
      <p>{model.message}</p>
      {signIn ? (
        <p>
          <a class="button" href={`/login?next=${encodeURIComponent(model.path)}`}>
            Sign in
          </a>
        </p>
      ) : null}
      <p>
        <a href="/">Back to the questions</a>
      </p>
      <p class="muted">Code: {model.code}</p>
    </div>
  );
}
