// My drafts: the analyst's drafts and questions in review, with edit and "submit for review",
// and the moderator's note on drafts that came back.
import { questionPath } from '../../../domain/question-path.ts';
import type { QuestionRecord } from '../../../domain/question-record.ts';
import type { DraftsModel } from '../../../domain/view-models/workflow.ts';
import { FieldError, PostForm } from '../../components/form-fields.tsx';
import { TYPE_LABELS } from '../../components/question-card.tsx';
import { formatDayTime } from '../../format/dates.ts';

function DraftItem({ question, error }: { question: QuestionRecord; error: string | null }) {
  const isDraft = question.status === 'draft';
  const errorId = `draft-${question.id}-error`;
  return (
    <li class="card draft-item" id={`draft-${question.id}`}>
      <div class="draft-main">
        <p class="item-meta">
          <span class="badge">{TYPE_LABELS[question.type]}</span>
          <span class={isDraft ? 'badge badge-neutral' : 'badge badge-review'}>
            {isDraft ? 'Draft' : 'In review'}
          </span>
          <span>Changed {formatDayTime(question.updatedAt)}</span>
        </p>
        <h2 class="draft-title">
          {isDraft ? (
            <a href={`/drafts/${question.id}/edit`}>{question.title}</a>
          ) : (
            <a href={questionPath(question)}>{question.title}</a>
          )}
        </h2>
        {isDraft && question.reviewNote ? (
          <p class="review-note">
            <strong>Sent back by a moderator:</strong> {question.reviewNote}
          </p>
        ) : null}
        {!isDraft ? (
          <p class="muted">
            Waiting for a moderator. You will find it on the home page once approved.
          </p>
        ) : null}
        <FieldError id={errorId} error={error ?? undefined} />
      </div>
      {isDraft ? (
        <div class="draft-actions">
          <a
            class="button secondary button-small"
            href={`/drafts/${question.id}/edit`}
            aria-label={`Edit “${question.title}”`}
          >
            Edit
          </a>
          <PostForm action={`/drafts/${question.id}/submit`} class="inline-form">
            <button
              type="submit"
              class="primary button-small"
              aria-label={`Submit “${question.title}” for review`}
              aria-describedby={error ? errorId : undefined}
            >
              Submit for review
            </button>
          </PostForm>
        </div>
      ) : null}
    </li>
  );
}

export function DraftsPage({ model }: { model: DraftsModel }) {
  return (
    <div class="medium stack">
      <div class="page-header">
        <div>
          <h1>My drafts</h1>
          <p class="lead">Questions you are writing, and those waiting for a moderator.</p>
        </div>
        <a class="button" href="/questions/new">
          New question
        </a>
      </div>
      {model.notice ? (
        <div class="alert alert-success" role="status">
          {model.notice}
        </div>
      ) : null}
      {model.drafts.length === 0 ? (
        <div class="card empty-state">
          <p>
            You have no drafts. <a href="/questions/new">Draft a question</a>: it stays private
            until you submit it for review.
          </p>
        </div>
      ) : (
        <ul class="draft-list">
          {model.drafts.map((question) => (
            <DraftItem
              question={question}
              key={question.id}
              error={
                model.submitError?.questionId === question.id ? model.submitError.message : null
              }
            />
          ))}
        </ul>
      )}
    </div>
  );
}
