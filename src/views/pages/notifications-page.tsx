// The notifications page: unread first, then newest; mark one or all read (form posts).
import type {
  NotificationItem,
  NotificationsPageModel,
  UnsubscribeModel,
} from '../../domain/view-models/notifications.ts';
import { PostForm } from '../components/form-fields.tsx';
import { formatDayTime } from '../format/dates.ts';

function NotificationRow({ item }: { item: NotificationItem }) {
  return (
    <li class={item.isRead ? 'notification' : 'notification notification-unread'}>
      <div class="notification-body">
        <p class="notification-text">
          {item.isRead ? null : <span class="visually-hidden">Unread: </span>}
          <a href={item.href}>{item.text}</a>
        </p>
        {item.excerpt ? <blockquote class="notification-excerpt">{item.excerpt}</blockquote> : null}
        <p class="muted notification-time">
          <time dateTime={item.createdAt.toISOString()}>{formatDayTime(item.createdAt)}</time>
        </p>
      </div>
      {item.isRead ? null : (
        <PostForm action={`/notifications/${item.id}/read`} class="inline-form">
          <button
            type="submit"
            class="button-small secondary"
            aria-label={`Mark read: ${item.text}`}
          >
            Mark read
          </button>
        </PostForm>
      )}
    </li>
  );
}

export function NotificationsPage({ model }: { model: NotificationsPageModel }) {
  return (
    <div class="medium stack">
      <div class="page-heading-row">
        <h1>Notifications</h1>
        {model.unreadCount > 0 ? (
          <PostForm action="/notifications/read-all" class="inline-form">
            <button type="submit" class="secondary">
              Mark all read
            </button>
          </PostForm>
        ) : null}
      </div>
      <p class="muted" role="status">
        {model.unreadCount === 0
          ? 'You have no unread notifications.'
          : `${model.unreadCount} unread.`}{' '}
        Choose what reaches you in <a href="/settings#notifications">settings</a>.
      </p>
      {model.items.length === 0 ? (
        <p class="card">
          Nothing yet. Follow questions, tournaments or people, or forecast on a question, and what
          happens to them appears here.
        </p>
      ) : (
        <ul class="card notification-list">
          {model.items.map((item) => (
            <NotificationRow item={item} key={item.id} />
          ))}
        </ul>
      )}
      {model.nextCursor || model.isContinued ? (
        <nav aria-label="More notifications" class="pager">
          {model.isContinued ? <a href="/notifications">Newest</a> : null}
          {model.nextCursor ? (
            <a href={`/notifications?cursor=${encodeURIComponent(model.nextCursor)}`}>Older</a>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}

export function UnsubscribePage({ model }: { model: UnsubscribeModel }) {
  return (
    <div class="narrow stack">
      <h1>Unsubscribe</h1>
      {model.isDone ? (
        <div class="alert alert-success" role="status">
          Done: {model.username} no longer gets {model.label}. You can change this any time in{' '}
          <a href="/settings#notifications">settings</a>.
        </div>
      ) : (
        <>
          <p>
            Stop sending <strong>{model.label}</strong> to the account{' '}
            <strong>{model.username}</strong>? In-app notifications stay.
          </p>
          <PostForm action="/unsubscribe">
            <input type="hidden" name="token" value={model.token} />
            <div>
              <button type="submit" class="primary">
                Unsubscribe
              </button>
            </div>
          </PostForm>
        </>
      )}
    </div>
  );
}
