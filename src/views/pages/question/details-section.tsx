// The question's texts: background, resolution criteria, fine print, the options' definitions
// (scenario sets), sources, and the clarification log with the diff of each amended text.
import type {
  ClarificationModel,
  QuestionPageModel,
} from '../../../domain/view-models/question-page.ts';
import { formatDay, formatDayTime } from '../../format/dates.ts';
import { Paragraphs } from './text-blocks.tsx';

const FIELD_NAMES = { description: 'background', fine_print: 'fine print' } as const;

function Clarification({ clarification }: { clarification: ClarificationModel }) {
  return (
    <li class="clarification">
      <p class="clarification-meta">
        <strong>Version {clarification.version}</strong> ·{' '}
        <time
          dateTime={clarification.createdAt.toISOString()}
          title={formatDayTime(clarification.createdAt)}
        >
          {formatDay(clarification.createdAt)}
        </time>{' '}
        · by {clarification.authorUsername}
        {clarification.field ? ` · amends the ${FIELD_NAMES[clarification.field]}` : ''}
      </p>
      <Paragraphs text={clarification.note} />
      {clarification.diff ? (
        <details class="diff-details">
          <summary>
            Changes to the {clarification.field ? FIELD_NAMES[clarification.field] : 'text'}
          </summary>
          <div class="diff">
            {clarification.diff.map((line, index) =>
              line.op === 'added' ? (
                <ins key={index}>
                  <span class="diff-sign" aria-hidden="true">
                    +
                  </span>
                  <span class="visually-hidden">Added: </span>
                  {line.text}
                </ins>
              ) : line.op === 'removed' ? (
                <del key={index}>
                  <span class="diff-sign" aria-hidden="true">
                    −
                  </span>
                  <span class="visually-hidden">Removed: </span>
                  {line.text}
                </del>
              ) : (
                <span key={index} class="diff-same">
                  <span class="diff-sign" aria-hidden="true">
                    {' '}
                  </span>
                  {line.text}
                </span>
              ),
            )}
          </div>
        </details>
      ) : null}
    </li>
  );
}

export function DetailsSection({ model }: { model: QuestionPageModel }) {
  const { question } = model;
  return (
    <>
      <Paragraphs text={question.resolutionCriteria} />
      {question.finePrint ? (
        <>
          <h3>Fine print</h3>
          <Paragraphs text={question.finePrint} />
        </>
      ) : null}
      {question.options && question.options.length > 0 ? (
        <>
          <h3>{question.type === 'multiple_choice' ? 'Options' : 'Outcomes'}</h3>
          <dl class="option-definitions">
            {question.options.map((option) => (
              <div key={option.label}>
                <dt>{option.label}</dt>
                <dd>{option.description || '—'}</dd>
              </div>
            ))}
          </dl>
        </>
      ) : null}
      {question.description ? (
        <>
          <h3>Background</h3>
          <Paragraphs text={question.description} />
        </>
      ) : null}
      {question.sources.length > 0 ? (
        <>
          <h3>Sources</h3>
          <ul class="source-list">
            {question.sources.map((source) => (
              <li key={source.url}>
                {/^https?:\/\//i.test(source.url) ? (
                  <a href={source.url} rel="nofollow noopener">
                    {source.title || source.url}
                  </a>
                ) : (
                  source.title || source.url
                )}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {question.tags.length > 0 ? (
        <ul class="tag-list" aria-label="Tags">
          {question.tags.map((tag) => (
            <li key={tag}>
              <a class="badge badge-neutral" href={`/?tag=${encodeURIComponent(tag)}`}>
                {tag}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
      <h3>Clarifications</h3>
      {model.clarifications.length === 0 ? (
        <p class="muted">
          No clarifications so far. Resolution criteria are never edited in place.
        </p>
      ) : (
        <ol class="clarification-log">
          {model.clarifications.map((clarification) => (
            <Clarification clarification={clarification} key={clarification.version} />
          ))}
        </ol>
      )}
    </>
  );
}
