// Settings: the public profile (display name, bio) and personal API tokens (create with scopes,
// the secret shown once with a copy button, list with last use, revoke).
import type { SettingsModel } from '../../domain/view-models/account.ts';
import { copyButtonIsland } from '../components/copy-button.tsx';
import {
  FieldError,
  type FieldErrors,
  FormAlert,
  PostForm,
  TextAreaField,
  TextField,
} from '../components/form-fields.tsx';
import { Island } from '../components/island.tsx';
import { formatDay, formatDayTime } from '../format/dates.ts';

export interface SettingsForms {
  notifications?: { errors: FieldErrors; isSaved?: boolean };
  profile?: { displayName: string; bio: string; errors: FieldErrors; isSaved?: boolean };
  token?: { name: string; scopes: string[]; errors: FieldErrors; formError?: string };
  password?: { errors: FieldErrors; formError?: string; endedSessions?: number };
  deletion?: { errors: FieldErrors; formError?: string };
  /** A token just created: its secret, shown this once. */
  createdToken?: { name: string; token: string };
}

function ProfileSection({ model, forms }: { model: SettingsModel; forms: SettingsForms }) {
  const form = forms.profile ?? {
    displayName: model.displayName ?? '',
    bio: model.bio,
    errors: {},
  };
  return (
    <section class="card" aria-labelledby="profile-heading">
      <h2 id="profile-heading">Profile</h2>
      <p class="muted">
        Shown on <a href={`/users/${encodeURIComponent(model.username)}`}>your public profile</a>.
        Signed in as <strong>{model.username}</strong> ({model.email}).
      </p>
      {form.isSaved ? (
        <div class="alert alert-success" role="status">
          Profile saved.
        </div>
      ) : null}
      <PostForm action="/settings/profile">
        <TextField
          name="display_name"
          label="Display name"
          value={form.displayName}
          autocomplete="nickname"
          maxLength={200}
          error={form.errors.display_name}
        />
        <TextAreaField
          name="bio"
          label="Bio"
          rows={4}
          value={form.bio}
          hint="A few words about you and what you forecast."
          error={form.errors.bio}
        />
        <div>
          <button type="submit" class="primary">
            Save profile
          </button>
        </div>
      </PostForm>
    </section>
  );
}

function CreatedToken({ created }: { created: { name: string; token: string } }) {
  return (
    <div class="alert alert-success" role="status">
      <p>
        <strong>Token “{created.name}” created.</strong> Copy it now: it will not be shown again.
      </p>
      <code class="token-secret" id="new-token">
        {created.token}
      </code>
      <Island island={copyButtonIsland} props={{ value: created.token, label: 'Copy token' }} />
    </div>
  );
}

function TokenForm({ forms }: { forms: SettingsForms }) {
  const form = forms.token ?? { name: '', scopes: ['read'], errors: {} };
  return (
    <PostForm action="/settings/tokens" aria-label="Create an API token">
      <FormAlert message={form.formError} />
      <TextField
        name="name"
        label="Token name"
        hint="What it is for, e.g. “forecast bot”."
        value={form.name}
        required
        maxLength={100}
        error={form.errors.name}
      />
      <fieldset class="field" aria-describedby={form.errors.scopes ? 'scopes-error' : undefined}>
        <legend>Scopes</legend>
        <label class="checkbox-row">
          <input
            type="checkbox"
            name="scopes"
            value="read"
            checked={form.scopes.includes('read')}
          />
          Read: questions, forecasts and your account
        </label>
        <label class="checkbox-row">
          <input
            type="checkbox"
            name="scopes"
            value="write"
            checked={form.scopes.includes('write')}
          />
          Write: forecast and change things on your behalf
        </label>
        <FieldError id="scopes-error" error={form.errors.scopes} />
      </fieldset>
      <div>
        <button type="submit" class="primary">
          Create token
        </button>
      </div>
    </PostForm>
  );
}

function TokenList({ model }: { model: SettingsModel }) {
  if (model.tokens.length === 0) return <p class="muted">You have no API tokens.</p>;
  return (
    <div class="table-wrap">
      <table class="data">
        <caption class="visually-hidden">Your API tokens</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Token</th>
            <th scope="col">Scopes</th>
            <th scope="col">Created</th>
            <th scope="col">Last used</th>
            <th scope="col">
              <span class="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {model.tokens.map((token) => (
            <tr key={token.id}>
              <td>{token.name}</td>
              <td>
                <code>{token.tokenPrefix}…</code>
              </td>
              <td>{token.scopes.join(', ')}</td>
              <td>{formatDay(token.createdAt)}</td>
              <td>{token.lastUsedAt ? formatDayTime(token.lastUsedAt) : 'never'}</td>
              <td>
                <PostForm action={`/settings/tokens/${token.id}/revoke`} class="inline-form">
                  <button
                    type="submit"
                    class="danger button-small"
                    aria-label={`Revoke token ${token.name}`}
                  >
                    Revoke
                  </button>
                </PostForm>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const CHANNEL_LABELS = { in_app: 'In-app', email: 'In-app and e-mail', off: 'Off' } as const;

function NotificationSection({ model, forms }: { model: SettingsModel; forms: SettingsForms }) {
  const settings = model.notifications;
  const form = forms.notifications ?? { errors: {} };
  return (
    <section class="card stack" id="notifications" aria-labelledby="notifications-heading">
      <h2 id="notifications-heading">Notifications</h2>
      <p class="muted">
        How each event reaches you. You hear of questions, tournaments and people you{' '}
        <a href="/notifications">follow</a>; forecasting on a question follows it.
      </p>
      {form.isSaved ? (
        <div class="alert alert-success" role="status">
          Notification settings saved.
        </div>
      ) : null}
      <PostForm action="/settings/notifications">
        <div class="table-wrap">
          <table class="data channel-table">
            <caption class="visually-hidden">Channel per kind of notification</caption>
            <thead>
              <tr>
                <th scope="col">Event</th>
                <th scope="col">Send</th>
              </tr>
            </thead>
            <tbody>
              {settings.kinds.map((kind) => (
                <tr key={kind.kind}>
                  <th scope="row">
                    <label for={`channel-${kind.kind}`}>{kind.label}</label>
                  </th>
                  <td>
                    <select id={`channel-${kind.kind}`} name={`channel_${kind.kind}`}>
                      {(['in_app', 'email', 'off'] as const).map((channel) => (
                        <option value={channel} selected={kind.channel === channel} key={channel}>
                          {CHANNEL_LABELS[channel]}
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <TextField
          name="cp_move_threshold"
          label="Community prediction alert threshold (percentage points)"
          type="number"
          inputMode="numeric"
          min="1"
          max="100"
          step="1"
          value={String(settings.cpMoveThreshold)}
          hint="Alert when the CP of a followed question moves this much: at most once a day per question, unless it moves twice as much."
          error={form.errors.cp_move_threshold}
        />
        <label class="checkbox-row">
          <input
            type="checkbox"
            name="email_enabled"
            value="on"
            checked={settings.isEmailEnabled}
          />
          Send e-mail at all (unchecked: e-mail choices above act as in-app)
        </label>
        <div>
          <button type="submit" class="primary">
            Save notification settings
          </button>
        </div>
      </PostForm>
    </section>
  );
}

function PasswordSection({ forms }: { forms: SettingsForms }) {
  const form = forms.password ?? { errors: {} };
  const ended = form.endedSessions;
  return (
    <section class="card" aria-labelledby="password-heading">
      <h2 id="password-heading">Password</h2>
      {ended === undefined ? null : (
        <div class="alert alert-success" role="status">
          Password changed.{' '}
          {ended === 0
            ? 'You had no other sessions.'
            : `${ended} other ${ended === 1 ? 'session was' : 'sessions were'} signed out.`}
        </div>
      )}
      <PostForm action="/settings/password" aria-label="Change your password">
        <FormAlert message={form.formError} />
        <TextField
          name="current_password"
          label="Current password"
          type="password"
          autocomplete="current-password"
          required
          error={form.errors.current_password}
        />
        <TextField
          name="new_password"
          label="New password"
          type="password"
          autocomplete="new-password"
          hint="At least 10 characters, and not a common password. Your other sessions will be signed out."
          required
          minLength={10}
          maxLength={200}
          error={form.errors.new_password}
        />
        <div>
          <button type="submit" class="primary">
            Change password
          </button>
        </div>
      </PostForm>
    </section>
  );
}

/** "Firefox on Linux" from a User-Agent, or the raw text when it is unusual. */
function describeBrowser(userAgent: string): string {
  if (userAgent === '') return 'Unknown browser';
  const browser = /Edg\//.test(userAgent)
    ? 'Edge'
    : /Firefox\//.test(userAgent)
      ? 'Firefox'
      : /Chrom(e|ium)\//.test(userAgent)
        ? 'Chrome'
        : /Safari\//.test(userAgent)
          ? 'Safari'
          : null;
  const system = /Android/.test(userAgent)
    ? 'Android'
    : /iPhone|iPad/.test(userAgent)
      ? 'iOS'
      : /Windows/.test(userAgent)
        ? 'Windows'
        : /Mac OS X|Macintosh/.test(userAgent)
          ? 'macOS'
          : /Linux/.test(userAgent)
            ? 'Linux'
            : null;
  if (browser && system) return `${browser} on ${system}`;
  return browser ?? system ?? userAgent.slice(0, 60);
}

function SessionsSection({ model }: { model: SettingsModel }) {
  const others = model.sessions.filter((session) => !session.isCurrent).length;
  return (
    <section class="card stack" aria-labelledby="sessions-heading">
      <h2 id="sessions-heading">Sessions</h2>
      <p class="muted">
        Browsers signed in to your account. Sign out any you do not recognise, then change your
        password.
      </p>
      <div class="table-wrap">
        <table class="data">
          <caption class="visually-hidden">Your signed-in sessions</caption>
          <thead>
            <tr>
              <th scope="col">Browser</th>
              <th scope="col">Signed in</th>
              <th scope="col">Last active</th>
              <th scope="col">
                <span class="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {model.sessions.map((session) => (
              <tr key={session.id}>
                <td title={session.userAgent}>
                  {describeBrowser(session.userAgent)}
                  {session.isCurrent ? <strong> (this browser)</strong> : null}
                </td>
                <td>{formatDayTime(session.createdAt)}</td>
                <td>{formatDayTime(session.lastSeenAt)}</td>
                <td>
                  {session.isCurrent ? null : (
                    <PostForm action={`/settings/sessions/${session.id}/end`} class="inline-form">
                      <button
                        type="submit"
                        class="danger button-small"
                        aria-label={`Sign out ${describeBrowser(session.userAgent)}, signed in ${formatDayTime(session.createdAt)}`}
                      >
                        Sign out
                      </button>
                    </PostForm>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {others > 0 ? (
        <PostForm action="/settings/sessions/end-others">
          <button type="submit" class="danger">
            Sign out everywhere else
          </button>
        </PostForm>
      ) : (
        <p class="muted">This is your only session.</p>
      )}
    </section>
  );
}

function YourDataSection({ forms }: { forms: SettingsForms }) {
  const form = forms.deletion ?? { errors: {} };
  return (
    <section class="card stack" aria-labelledby="data-heading">
      <h2 id="data-heading">Your data</h2>
      <p>
        <a href="/api/v1/me/export" download>
          Download your data
        </a>{' '}
        <span class="muted">
          (JSON: your account, forecasts, questions, scores, sessions, tokens and notifications).
        </span>
      </p>
      <details
        class="danger-zone"
        open={form.formError !== undefined || form.errors.password !== undefined}
      >
        <summary>Delete your account</summary>
        <p>
          Your name, e-mail, profile, sessions and tokens are deleted for good. Your forecasts stay,
          under a pseudonym, so that community predictions others rely on do not change. This cannot
          be undone. Admins cannot delete their own account.
        </p>
        <PostForm action="/settings/delete-account" aria-label="Delete your account">
          <FormAlert message={form.formError} />
          <TextField
            name="password"
            label="Your password, to confirm"
            type="password"
            autocomplete="current-password"
            required
            error={form.errors.password}
          />
          <div>
            <button type="submit" class="danger">
              Delete my account
            </button>
          </div>
        </PostForm>
      </details>
    </section>
  );
}

export function SettingsPage({ model, forms }: { model: SettingsModel; forms: SettingsForms }) {
  return (
    <div class="medium stack">
      <h1>Settings</h1>
      <ProfileSection model={model} forms={forms} />
      <NotificationSection model={model} forms={forms} />
      <PasswordSection forms={forms} />
      <SessionsSection model={model} />
      <section class="card stack" aria-labelledby="tokens-heading">
        <h2 id="tokens-heading">API tokens</h2>
        <p class="muted">
          Personal tokens let scripts use the <a href="/api/docs">API</a> as you. Send them as{' '}
          <code>Authorization: Bearer …</code>.
        </p>
        {forms.createdToken ? <CreatedToken created={forms.createdToken} /> : null}
        <TokenForm forms={forms} />
        <h3>Your tokens</h3>
        <TokenList model={model} />
      </section>
      <YourDataSection forms={forms} />
    </div>
  );
}
