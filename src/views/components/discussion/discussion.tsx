// The discussion under an article or a question: sorts, the comment form (with a rationale
// prompt after a big forecast move), and threads of comments with forecast badges, votes,
// "changed my mind", reply / edit / delete / report forms and moderator actions. Plain forms
// that post to the page routes (http/pages/discussion-pages.ts): no JavaScript needed. Threads
// fold with <details>.
import {
  COMMENT_SORT_LABELS,
  COMMENT_SORTS,
  type ForecastSnapshot,
} from '../../../domain/discussion.ts';
import type { CommentView, DiscussionModel } from '../../../domain/view-models/discussion.ts';
import { formatDayTime } from '../../format/dates.ts';
import { PostForm } from '../form-fields.tsx';
import { usePageContext } from '../page-context.tsx';

function Badge({ label, snapshot }: { label: string; snapshot: ForecastSnapshot | null }) {
  if (!snapshot) return null;
  return (
    <span class="forecast-badge">
      <span class="forecast-badge-label">{label}</span> {snapshot.label}
    </span>
  );
}

function Badges({ comment }: { comment: CommentView }) {
  const then = comment.forecastAtPosting;
  const now = comment.forecastNow;
  if (!then && !now) return null;
  return (
    <p class="forecast-badges">
      {comment.forecastQuestion ? (
        <span class="forecast-badge-question">On “{comment.forecastQuestion.title}”:</span>
      ) : null}
      <Badge label="Forecast when posting:" snapshot={then} />
      {now && (!then || now.label !== then.label) ? (
        <Badge label="Now:" snapshot={now} />
      ) : then && now ? (
        <span class="forecast-badge forecast-badge-same">unchanged</span>
      ) : null}
    </p>
  );
}

function BodyField(props: { id: string; label: string; value?: string; rows?: number }) {
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <textarea id={props.id} name="body" rows={props.rows ?? 3} required maxLength={10_000}>
        {props.value ?? ''}
      </textarea>
    </div>
  );
}

function ReturnField({ to }: { to: string }) {
  return <input type="hidden" name="return_to" value={to} />;
}

function CommentActions({ comment, model }: { comment: CommentView; model: DiscussionModel }) {
  const { viewer } = usePageContext();
  if (comment.state === 'deleted') return null;
  if (!viewer) {
    return (
      <div class="comment-actions">
        <span class="comment-counts">
          {comment.upvotes} up · {comment.downvotes} down · {comment.mindsChanged} changed their
          mind
        </span>
      </div>
    );
  }
  const id = comment.id;
  const back = model.returnTo;
  const isLive = comment.state === 'visible';
  return (
    <div class="comment-actions">
      {isLive && !comment.isMine ? (
        <>
          <PostForm action={`/comments/${id}/vote`} class="inline-form">
            <ReturnField to={back} />
            <input type="hidden" name="value" value={comment.myVote === 1 ? '0' : '1'} />
            <button
              type="submit"
              class="button button-small secondary"
              aria-pressed={comment.myVote === 1 ? 'true' : 'false'}
            >
              Upvote ({comment.upvotes})
            </button>
          </PostForm>
          <PostForm action={`/comments/${id}/vote`} class="inline-form">
            <ReturnField to={back} />
            <input type="hidden" name="value" value={comment.myVote === -1 ? '0' : '-1'} />
            <button
              type="submit"
              class="button button-small secondary"
              aria-pressed={comment.myVote === -1 ? 'true' : 'false'}
            >
              Downvote ({comment.downvotes})
            </button>
          </PostForm>
          <PostForm action={`/comments/${id}/changed-my-mind`} class="inline-form">
            <ReturnField to={back} />
            <input
              type="hidden"
              name="changed"
              value={comment.hasChangedMyMind ? 'false' : 'true'}
            />
            <button
              type="submit"
              class="button button-small secondary"
              aria-pressed={comment.hasChangedMyMind ? 'true' : 'false'}
            >
              Changed my mind ({comment.mindsChanged})
            </button>
          </PostForm>
        </>
      ) : (
        <span class="comment-counts">
          {comment.upvotes} up · {comment.downvotes} down · {comment.mindsChanged} changed their
          mind
        </span>
      )}
      {isLive ? (
        <details class="comment-form-toggle">
          <summary>Reply</summary>
          <PostForm action="/comments" class="form comment-form">
            <ReturnField to={back} />
            <input type="hidden" name="target_type" value={model.targetType} />
            <input type="hidden" name="target_id" value={String(model.targetId)} />
            <input type="hidden" name="parent_id" value={String(id)} />
            <BodyField id={`reply-${id}`} label={`Reply to ${comment.author.username}`} />
            <button type="submit" class="button button-small">
              Post reply
            </button>
          </PostForm>
        </details>
      ) : null}
      {isLive && comment.isMine ? (
        <details class="comment-form-toggle">
          <summary>Edit</summary>
          <PostForm action={`/comments/${id}/edit`} class="form comment-form">
            <ReturnField to={back} />
            <BodyField id={`edit-${id}`} label="Your comment" value={comment.body ?? ''} />
            <button type="submit" class="button button-small">
              Save
            </button>
          </PostForm>
        </details>
      ) : null}
      {comment.isMine || model.canModerate ? (
        <PostForm action={`/comments/${id}/delete`} class="inline-form">
          <ReturnField to={back} />
          <button type="submit" class="button button-small secondary">
            Delete
          </button>
        </PostForm>
      ) : null}
      {isLive && !comment.isMine ? (
        <details class="comment-form-toggle">
          <summary>Report</summary>
          <PostForm action="/reports" class="form comment-form">
            <ReturnField to={`${back}#comment-${id}`} />
            <input type="hidden" name="target_type" value="comment" />
            <input type="hidden" name="target_id" value={String(id)} />
            <div class="field">
              <label for={`report-${id}`}>Why should a moderator look at this?</label>
              <input id={`report-${id}`} name="reason" required maxLength={1000} />
            </div>
            <button type="submit" class="button button-small">
              Send report
            </button>
          </PostForm>
        </details>
      ) : null}
      {model.canModerate ? (
        <PostForm
          action={`/moderation/comments/${id}/${comment.state === 'hidden' ? 'restore' : 'hide'}`}
          class="inline-form"
        >
          <ReturnField to={back} />
          <button type="submit" class="button button-small secondary">
            {comment.state === 'hidden' ? 'Restore' : 'Hide'}
          </button>
        </PostForm>
      ) : null}
    </div>
  );
}

function Comment({
  comment,
  model,
  depth,
}: {
  comment: CommentView;
  model: DiscussionModel;
  depth: number;
}) {
  const headingLevel = depth === 0 ? 'h3' : 'h4';
  const Heading = headingLevel;
  return (
    <article
      class="comment"
      id={`comment-${comment.id}`}
      aria-labelledby={`comment-${comment.id}-by`}
    >
      <header class="comment-header">
        <Heading class="comment-author" id={`comment-${comment.id}-by`}>
          {comment.state === 'deleted' ? (
            '[deleted]'
          ) : (
            <a href={`/users/${encodeURIComponent(comment.author.username)}`}>
              {comment.author.username}
            </a>
          )}
        </Heading>
        <span class="comment-meta">
          <time dateTime={comment.createdAt.toISOString()}>{formatDayTime(comment.createdAt)}</time>
          {comment.editedAt ? ' · edited' : ''}
          {comment.state === 'hidden' ? ' · hidden by a moderator' : ''}
        </span>
      </header>
      {comment.state === 'deleted' ? (
        <p class="comment-removed">[deleted]</p>
      ) : comment.html === null ? (
        <p class="comment-removed">[hidden by a moderator]</p>
      ) : (
        <>
          <Badges comment={comment} />
          {/* Sanitised by services/markdown/render-markdown.ts (allow-list). */}
          <div class="comment-body prose" dangerouslySetInnerHTML={{ __html: comment.html }} />
        </>
      )}
      <CommentActions comment={comment} model={model} />
      {comment.replies.length > 0 ? (
        <details class="comment-replies" open>
          <summary>
            {comment.replies.length} {comment.replies.length === 1 ? 'reply' : 'replies'}
          </summary>
          <div class="comment-thread">
            {comment.replies.map((reply) => (
              <Comment comment={reply} model={model} depth={depth + 1} key={reply.id} />
            ))}
          </div>
        </details>
      ) : null}
    </article>
  );
}

export function Discussion({ model }: { model: DiscussionModel }) {
  const { viewer } = usePageContext();
  const back = model.returnTo;
  if (model.isWithheld) {
    return (
      <div class="discussion-withheld" role="note">
        <p>
          <strong>Forecast first.</strong> This question asks you to make your own forecast before
          you see the crowd and the discussion. Make a forecast above, and the comments will appear
          here.
        </p>
      </div>
    );
  }
  const page = model.page;
  return (
    <div class="discussion">
      {model.rationalePoints !== null ? (
        <div class="alert alert-info" role="status">
          Your forecast moved by {model.rationalePoints} points. What changed your mind? A short
          comment helps others weigh the same evidence.
        </div>
      ) : null}
      {viewer ? (
        <PostForm action="/comments" class="form comment-form comment-form-new">
          <ReturnField to={back} />
          <input type="hidden" name="target_type" value={model.targetType} />
          <input type="hidden" name="target_id" value={String(model.targetId)} />
          <BodyField
            id={`new-comment-${model.targetType}-${model.targetId}`}
            label="Add a comment (markdown)"
            rows={4}
          />
          {model.forecastQuestionTitle ? (
            <p class="hint">
              Your current forecast on “{model.forecastQuestionTitle}” is shown beside your comment.
            </p>
          ) : null}
          <button type="submit" class="button">
            Post comment
          </button>
        </PostForm>
      ) : (
        <p>
          <a href={`/login?next=${encodeURIComponent(back)}`}>Sign in</a> to comment.
        </p>
      )}
      <nav class="comment-sorts" aria-label="Sort comments">
        <span>Sort:</span>
        <ul>
          {COMMENT_SORTS.map((sort) => (
            <li key={sort}>
              <a
                href={`${back}?sort=${sort}#discussion`}
                aria-current={sort === model.sort ? 'true' : undefined}
              >
                {COMMENT_SORT_LABELS[sort]}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {page && page.items.length > 0 ? (
        <div class="comment-list">
          {page.items.map((comment) => (
            <Comment comment={comment} model={model} depth={0} key={comment.id} />
          ))}
        </div>
      ) : (
        <p class="empty">No comments yet. Start the discussion.</p>
      )}
      {page?.nextCursor ? (
        <p>
          <a
            class="button secondary"
            href={`${back}?sort=${model.sort}&cursor=${encodeURIComponent(page.nextCursor)}#discussion`}
          >
            More comments
          </a>
        </p>
      ) : null}
    </div>
  );
}
