// Administration: every account with its role and ban status (changed by plain forms, written to
// the audit log by the service), and the audit log itself, newest first. Both lists page by cursor.
import type { Role } from '../../../domain/actor.ts';
import type { User } from '../../../domain/user.ts';
import type { AdminModel, AuditEntryModel } from '../../../domain/view-models/workflow.ts';
import { FieldError, PostForm } from '../../components/form-fields.tsx';
import { ScrollableTable } from '../../components/scrollable-table.tsx';
import { formatDay, formatDayTime } from '../../format/dates.ts';

const ROLE_LABELS: Record<Role, string> = {
  reader: 'Reader',
  analyst: 'Analyst',
  moderator: 'Moderator',
  admin: 'Admin',
};

/** The admin page's address with one list moved to a cursor (the other kept). */
export function adminHref(cursors: { users?: string | null; audit?: string | null }): string {
  const query = new URLSearchParams();
  if (cursors.users) query.set('users', cursors.users);
  if (cursors.audit) query.set('audit', cursors.audit);
  const search = query.toString();
  return search ? `/admin?${search}` : '/admin';
}

function UserRow({
  user,
  model,
  usersCursor,
}: {
  user: User;
  model: AdminModel;
  usersCursor: string | undefined;
}) {
  const isSelf = user.id === model.viewerId;
  const error = model.userError?.userId === user.id ? model.userError.message : undefined;
  const errorId = `user-${user.id}-error`;
  const roleId = `role-${user.id}`;
  return (
    <li class="user-row" id={`user-${user.id}`}>
      <div class="user-identity">
        <a href={`/users/${encodeURIComponent(user.username)}`} class="user-name">
          {user.username}
        </a>
        {user.isBanned ? <span class="badge badge-danger">Banned</span> : null}
        {isSelf ? <span class="badge badge-neutral">You</span> : null}
        <span class="muted user-email">{user.email}</span>
        <span class="muted">joined {formatDay(user.createdAt)}</span>
      </div>
      {isSelf ? (
        <p class="muted user-self">
          {ROLE_LABELS[user.role]}: admins cannot change their own account.
        </p>
      ) : (
        <div class="user-controls">
          <PostForm action={`/admin/users/${user.id}`} class="role-form">
            {usersCursor ? <input type="hidden" name="users_cursor" value={usersCursor} /> : null}
            <label for={roleId} class="visually-hidden">
              Role of {user.username}
            </label>
            <select id={roleId} name="role" aria-describedby={error ? errorId : undefined}>
              {model.roles.map((role) => (
                <option value={role} selected={role === user.role} key={role}>
                  {ROLE_LABELS[role]}
                </option>
              ))}
            </select>
            <button type="submit" class="secondary button-small">
              Change role<span class="visually-hidden"> of {user.username}</span>
            </button>
          </PostForm>
          <PostForm action={`/admin/users/${user.id}`} class="inline-form">
            {usersCursor ? <input type="hidden" name="users_cursor" value={usersCursor} /> : null}
            <input type="hidden" name="is_banned" value={user.isBanned ? 'false' : 'true'} />
            <button
              type="submit"
              class={user.isBanned ? 'secondary button-small' : 'danger button-small'}
            >
              {user.isBanned ? 'Unban' : 'Ban'}
              <span class="visually-hidden"> {user.username}</span>
            </button>
          </PostForm>
        </div>
      )}
      <FieldError id={errorId} error={error} />
    </li>
  );
}

function formatValue(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .map(([key, inner]) => `${key.replace(/_/g, ' ')} ${formatValue(inner)}`)
      .join(', ');
  }
  return String(value);
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** "role: reader → analyst" for before/after pairs, else "key: value; …". */
export function formatAuditDetails(details: Record<string, unknown>): string {
  const { before, after, ...rest } = details;
  const parts: string[] = [];
  if (isRecord(before) && isRecord(after)) {
    for (const key of Object.keys(after)) {
      if (JSON.stringify(before[key]) === JSON.stringify(after[key])) continue;
      parts.push(
        `${key.replace(/_/g, ' ')}: ${formatValue(before[key])} → ${formatValue(after[key])}`,
      );
    }
  } else {
    if (before !== undefined) rest.before = before;
    if (after !== undefined) rest.after = after;
  }
  for (const [key, value] of Object.entries(rest)) {
    parts.push(`${key.replace(/_/g, ' ')}: ${formatValue(value)}`);
  }
  return parts.join('; ');
}

function AuditTarget({ entry }: { entry: AuditEntryModel }) {
  if (entry.targetType === 'question') {
    return (
      <a href={`/questions/${entry.targetId}`}>
        {entry.targetName ?? `question ${entry.targetId}`}
      </a>
    );
  }
  if (entry.targetType === 'user' && entry.targetName) {
    return <a href={`/users/${encodeURIComponent(entry.targetName)}`}>{entry.targetName}</a>;
  }
  return (
    <>
      {entry.targetType} {entry.targetId}
    </>
  );
}

/** "user.update_access" with break opportunities after "." and "_" (narrow screens). */
function breakable(action: string) {
  return action.split(/(?<=[._])/).map((part, index) => (
    <>
      {index > 0 ? <wbr /> : null}
      {part}
    </>
  ));
}

function AuditLog({ model }: { model: AdminModel }) {
  if (model.audit.length === 0) return <p class="muted">Nothing has been logged yet.</p>;
  return (
    <ScrollableTable label="Audit log entries">
      <table class="data audit-table">
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Who</th>
            <th scope="col">Action</th>
            <th scope="col">Target</th>
            <th scope="col">Details</th>
          </tr>
        </thead>
        <tbody>
          {model.audit.map((entry) => (
            <tr key={entry.id}>
              <td class="nowrap">{formatDayTime(entry.createdAt)}</td>
              <td>{entry.actorUsername ?? 'system'}</td>
              <td>
                <code>{breakable(entry.action)}</code>
              </td>
              <td class="audit-target">
                <AuditTarget entry={entry} />
              </td>
              <td class="audit-details">{formatAuditDetails(entry.details)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollableTable>
  );
}

export function AdminPage({
  model,
  cursors,
}: {
  model: AdminModel;
  cursors: { users?: string; audit?: string };
}) {
  return (
    <div class="stack">
      <h1>Administration</h1>
      {model.notice ? (
        <div class="alert alert-success" role="status">
          {model.notice}
        </div>
      ) : null}
      <section class="card" aria-labelledby="users-heading">
        <h2 id="users-heading">Users</h2>
        <p class="muted">
          Analysts draft questions, moderators review them, admins manage accounts. A ban ends the
          user’s sessions; every change is written to the audit log.
        </p>
        <ul class="user-list">
          {model.users.map((user) => (
            <UserRow user={user} model={model} usersCursor={cursors.users} key={user.id} />
          ))}
        </ul>
        {cursors.users || model.usersNextCursor ? (
          <nav class="pagination" aria-label="More users">
            {cursors.users ? <a href={adminHref({ audit: cursors.audit })}>First users</a> : null}
            {model.usersNextCursor ? (
              <a
                class="button secondary"
                href={adminHref({ users: model.usersNextCursor, audit: cursors.audit })}
              >
                More users
              </a>
            ) : null}
          </nav>
        ) : null}
      </section>
      <section class="card" aria-labelledby="audit-heading">
        <h2 id="audit-heading">Audit log</h2>
        <AuditLog model={model} />
        {cursors.audit || model.auditNextCursor ? (
          <nav class="pagination" aria-label="More audit entries">
            {cursors.audit ? (
              <a href={adminHref({ users: cursors.users })}>Newest entries</a>
            ) : null}
            {model.auditNextCursor ? (
              <a
                class="button secondary"
                href={adminHref({ users: cursors.users, audit: model.auditNextCursor })}
              >
                Older entries
              </a>
            ) : null}
          </nav>
        ) : null}
      </section>
    </div>
  );
}
