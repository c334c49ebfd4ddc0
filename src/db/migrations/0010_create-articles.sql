-- Articles written by analysts (markdown with {{question:ID}} / {{scenarios:ID}} shortcodes),
-- drafts until published, with every saved version kept in article_revisions.
create table articles (
  id bigserial primary key,
  author_id bigint not null references users (id),
  slug text not null,
  title text not null,
  summary text not null default '',
  body text not null default '',
  tags text[] not null default '{}',
  tournament_id bigint references tournaments (id) on delete set null,
  status text not null default 'draft' check (status in ('draft', 'published')),
  published_at timestamptz,
  -- set by a moderator: a hidden article is shown to staff and its author only
  hidden_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index articles_slug_key on articles (slug);
create index articles_published_idx on articles (published_at desc, id desc) where status = 'published';
create index articles_author_idx on articles (author_id, id);

create table article_revisions (
  id bigserial primary key,
  article_id bigint not null references articles (id) on delete cascade,
  editor_id bigint references users (id),
  title text not null,
  summary text not null,
  body text not null,
  tags text[] not null,
  created_at timestamptz not null default now()
);
create index article_revisions_article_idx on article_revisions (article_id, id);
