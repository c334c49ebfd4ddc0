// Article pages: the list (/articles), an article with live question cards and its discussion
// (/articles/{id}-{slug}), the editor with a server-rendered preview, and the moderation queue.
import type { ArticleRecord } from '../../domain/discussion.ts';
import type {
  ArticleBlock,
  ArticleHeaderModel,
  ArticlePageModel,
  QueueItem,
} from '../../domain/view-models/discussion.ts';
import { Discussion } from '../components/discussion/discussion.tsx';
import { forecastPanelIsland } from '../components/forecast/forecast-panel.tsx';
import {
  type FieldErrors,
  FormAlert,
  PostForm,
  TextAreaField,
  TextField,
} from '../components/form-fields.tsx';
import { Island } from '../components/island.tsx';
import { usePageContext } from '../components/page-context.tsx';
import { formatDay, formatDayTime } from '../format/dates.ts';

/** The islands an article page may load (a page test checks it loads no other). */
export const ARTICLE_PAGE_ISLANDS: ReadonlyArray<{ name: string }> = [forecastPanelIsland];

export interface ArticleListModel {
  items: Array<
    Pick<
      ArticleRecord,
      'id' | 'title' | 'summary' | 'authorUsername' | 'publishedAt' | 'tags' | 'status'
    > & { path: string }
  >;
  nextCursor: string | null;
  canWrite: boolean;
  tag: string | null;
}

export function ArticleListPage({ model }: { model: ArticleListModel }) {
  return (
    <div class="article-list-page">
      <div class="page-heading">
        <h1>Articles{model.tag ? ` tagged “${model.tag}”` : ''}</h1>
        {model.canWrite ? (
          <a class="button" href="/articles/new">
            Write an article
          </a>
        ) : null}
      </div>
      {model.items.length === 0 ? <p class="empty">No articles yet.</p> : null}
      <ul class="article-list">
        {model.items.map((article) => (
          <li class="article-card" key={article.id}>
            <h2>
              <a href={article.path}>{article.title}</a>
            </h2>
            <p class="article-meta">
              By{' '}
              <a href={`/users/${encodeURIComponent(article.authorUsername)}`}>
                {article.authorUsername}
              </a>
              {article.publishedAt ? (
                <>
                  {' · '}
                  <time dateTime={article.publishedAt.toISOString()}>
                    {formatDay(article.publishedAt)}
                  </time>
                </>
              ) : (
                ' · draft'
              )}
            </p>
            {article.summary ? <p>{article.summary}</p> : null}
          </li>
        ))}
      </ul>
      {model.nextCursor ? (
        <p>
          <a
            class="button secondary"
            href={`/articles?cursor=${encodeURIComponent(model.nextCursor)}${model.tag ? `&tag=${encodeURIComponent(model.tag)}` : ''}`}
          >
            Older articles
          </a>
        </p>
      ) : null}
    </div>
  );
}

function ArticleHeader({ article, canEdit }: { article: ArticleHeaderModel; canEdit: boolean }) {
  return (
    <header class="article-header">
      <h1>{article.title}</h1>
      {article.summary ? <p class="article-summary">{article.summary}</p> : null}
      <p class="article-meta">
        By{' '}
        <a href={`/users/${encodeURIComponent(article.authorUsername)}`}>
          {article.authorUsername}
        </a>
        {article.publishedAt ? (
          <>
            {' · '}
            <time dateTime={article.publishedAt.toISOString()}>
              {formatDay(article.publishedAt)}
            </time>
          </>
        ) : null}
        {article.status === 'draft' ? (
          <strong> · Draft (only you and moderators see it)</strong>
        ) : null}
        {article.isHidden ? <strong> · Hidden by a moderator</strong> : null}
      </p>
      {article.tags.length > 0 ? (
        <ul class="tag-list" aria-label="Tags">
          {article.tags.map((tag) => (
            <li key={tag}>
              <a href={`/articles?tag=${encodeURIComponent(tag)}`}>{tag}</a>
            </li>
          ))}
        </ul>
      ) : null}
      {canEdit ? (
        <p>
          <a class="button button-small" href={`/articles/${article.id}/edit`}>
            Edit
          </a>
        </p>
      ) : null}
    </header>
  );
}

export function ArticleBlocks({ blocks, returnTo }: { blocks: ArticleBlock[]; returnTo: string }) {
  const { viewer } = usePageContext();
  return (
    <div class="article-body">
      {blocks.map((block, index) =>
        block.kind === 'html' ? (
          // Sanitised by services/markdown/render-markdown.ts (allow-list).
          <div class="prose" key={index} dangerouslySetInnerHTML={{ __html: block.html }} />
        ) : block.card.panel ? (
          <aside
            class={`article-card-embed embed-${block.card.shortcode}`}
            key={index}
            aria-labelledby={`embed-${index}-title`}
          >
            <h2 class="embed-title" id={`embed-${index}-title`}>
              <a href={block.card.panel.question.path}>{block.card.panel.question.title}</a>
            </h2>
            <Island
              island={forecastPanelIsland}
              props={{ model: block.card.panel, csrfToken: viewer?.csrfToken ?? null, returnTo }}
            />
          </aside>
        ) : (
          <p class="embed-placeholder" key={index} role="note">
            {block.card.placeholder}
          </p>
        ),
      )}
    </div>
  );
}

export function ArticlePage({ model }: { model: ArticlePageModel }) {
  return (
    <article class="article-page">
      <ArticleHeader article={model.article} canEdit={model.canEdit} />
      <ArticleBlocks blocks={model.blocks} returnTo={model.article.path} />
      {model.discussion ? (
        <section id="discussion" class="discussion-section" aria-labelledby="discussion-heading">
          <h2 id="discussion-heading">
            Discussion{model.discussion.page ? ` (${model.discussion.page.total})` : ''}
          </h2>
          <Discussion model={model.discussion} />
        </section>
      ) : null}
      {!model.canEdit && model.discussion ? (
        <details class="report-article">
          <summary>Report this article</summary>
          <PostForm action="/reports" class="form">
            <input type="hidden" name="return_to" value={model.article.path} />
            <input type="hidden" name="target_type" value="article" />
            <input type="hidden" name="target_id" value={String(model.article.id)} />
            <div class="field">
              <label for="report-article">Why should a moderator look at this article?</label>
              <input id="report-article" name="reason" required maxLength={1000} />
            </div>
            <button type="submit" class="button button-small">
              Send report
            </button>
          </PostForm>
        </details>
      ) : null}
    </article>
  );
}

export interface ArticleEditorModel {
  /** null: a new article. */
  articleId: number | null;
  status: 'draft' | 'published' | null;
  values: { title: string; slug: string; summary: string; body: string; tags: string };
  errors: FieldErrors;
  formError?: string;
  preview: ArticleBlock[] | null;
  path: string | null;
}

export function ArticleEditorPage({ model }: { model: ArticleEditorModel }) {
  const action = model.articleId === null ? '/articles/new' : `/articles/${model.articleId}/edit`;
  return (
    <div class="article-editor">
      <h1>{model.articleId === null ? 'Write an article' : 'Edit article'}</h1>
      {model.path ? (
        <p>
          <a href={model.path}>View the article</a>
          {model.status === 'draft' ? ' (draft)' : ''}
        </p>
      ) : null}
      <PostForm action={action} class="form article-form">
        <FormAlert message={model.formError} />
        <TextField
          name="title"
          label="Title"
          value={model.values.title}
          error={model.errors.title}
          required
          maxLength={200}
        />
        <TextField
          name="slug"
          label="Address (slug)"
          hint="Lower-case letters, digits and hyphens; left empty, it is made from the title."
          value={model.values.slug}
          error={model.errors.slug}
          maxLength={80}
        />
        <TextAreaField
          name="summary"
          label="Summary"
          rows={2}
          value={model.values.summary}
          error={model.errors.summary}
          maxLength={500}
        />
        <TextAreaField
          name="body"
          label="Body (markdown)"
          hint="Embed a live question card with {{question:ID}} or {{scenarios:ID}} alone on a line. Raw HTML is not rendered."
          rows={18}
          value={model.values.body}
          error={model.errors.body}
        />
        <TextField
          name="tags"
          label="Tags (comma-separated)"
          value={model.values.tags}
          error={model.errors.tags}
        />
        <div class="form-actions">
          <button type="submit" name="intent" value="preview" class="button secondary">
            Preview
          </button>
          <button type="submit" name="intent" value="save" class="button">
            Save draft
          </button>
          {model.status !== 'published' ? (
            <button type="submit" name="intent" value="publish" class="button">
              Save and publish
            </button>
          ) : null}
        </div>
      </PostForm>
      {model.preview ? (
        <section class="article-preview" aria-labelledby="preview-heading">
          <h2 id="preview-heading">Preview</h2>
          <ArticleBlocks blocks={model.preview} returnTo={model.path ?? '/articles'} />
        </section>
      ) : null}
    </div>
  );
}

export function ModerationPage({
  items,
  nextCursor,
}: {
  items: QueueItem[];
  nextCursor: string | null;
}) {
  return (
    <div class="moderation-page">
      <h1>Moderation queue</h1>
      {items.length === 0 ? <p class="empty">No open reports.</p> : null}
      <ul class="moderation-list">
        {items.map((item) => (
          <li class="moderation-item" key={item.report.id}>
            <h2>
              Report on a {item.report.targetType}
              {item.authorUsername ? ` by ${item.authorUsername}` : ''}
            </h2>
            <p class="moderation-meta">
              Reported by {item.report.reporterUsername} on{' '}
              <time dateTime={item.report.createdAt.toISOString()}>
                {formatDayTime(item.report.createdAt)}
              </time>
              : “{item.report.reason}”
            </p>
            <blockquote>{item.excerpt}</blockquote>
            {item.path ? (
              <p>
                <a href={item.path}>Open in context</a>
              </p>
            ) : null}
            <div class="form-actions">
              <PostForm
                action={`/moderation/${item.report.targetType}s/${item.report.targetId}/${item.isHidden ? 'restore' : 'hide'}`}
                class="inline-form"
              >
                <input type="hidden" name="return_to" value="/moderation" />
                <button type="submit" class="button button-small">
                  {item.isHidden ? 'Restore' : 'Hide'}
                </button>
              </PostForm>
              <PostForm
                action={`/moderation/reports/${item.report.id}/dismiss`}
                class="inline-form"
              >
                <input type="hidden" name="return_to" value="/moderation" />
                <button type="submit" class="button button-small secondary">
                  Dismiss
                </button>
              </PostForm>
            </div>
          </li>
        ))}
      </ul>
      {nextCursor ? (
        <p>
          <a class="button secondary" href={`/moderation?cursor=${encodeURIComponent(nextCursor)}`}>
            More reports
          </a>
        </p>
      ) : null}
    </div>
  );
}
