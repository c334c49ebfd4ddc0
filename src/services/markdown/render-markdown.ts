// Markdown → safe HTML for articles and comments (docs/design.md "Articles and discussion").
// Two locks: markdown-it with raw HTML off and a link check that admits only http(s), mailto and
// relative addresses; then sanitize-html with an allow-list of tags, attributes and schemes, which
// also sets rel on links (nofollow ugc for non-staff authors; noopener noreferrer on external ones).
// Bidirectional-text overrides and isolates are dropped: they can make text read as something else.
import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
/** Control characters but tab and newline (a NUL or an escape has no business in a text). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: exactly what it removes.
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

const SAFE_URL = /^(https?:\/\/|mailto:|\/(?!\/)|#)/i;

/**
 * Whether an address may be a link: web, mail, site-relative or a fragment, and nothing hidden in
 * it (a control character or space inside the scheme makes it suspicious, so it is refused).
 */
export function isSafeUrl(url: string): boolean {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: browsers ignore these inside schemes.
  const compact = url.replace(/[\u0000-\u0020\u007f-\u009f]/g, '');
  return compact === url.trim() && SAFE_URL.test(compact);
}

const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: false });
markdown.validateLink = (url) => isSafeUrl(url);

const ALLOWED_TAGS = [
  'p',
  'br',
  'hr',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'blockquote',
  'ul',
  'ol',
  'li',
  'strong',
  'em',
  's',
  'code',
  'pre',
  'a',
  'img',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
];

export interface RenderOptions {
  /** Staff (analyst and above) links are followed; everyone else's get rel="nofollow ugc". */
  isTrustedAuthor: boolean;
  /** The site's own origin (BASE_URL): links there are internal. */
  siteOrigin?: string;
}

function isExternal(href: string, siteOrigin: string | undefined): boolean {
  if (!/^https?:\/\//i.test(href)) return false;
  if (!siteOrigin) return true;
  try {
    return new URL(href).origin !== new URL(siteOrigin).origin;
  } catch {
    return true;
  }
}

/** Removes what must never reach a page from a stored text (bidi controls, control characters). */
export function cleanText(text: string): string {
  return text.replace(BIDI_CONTROLS, '').replace(CONTROL_CHARACTERS, '');
}

/** Markdown as sanitised HTML, safe to insert into a page as is. */
export function renderMarkdown(source: string, options: RenderOptions): string {
  // markdown headings start at h2: the page's title is the h1.
  const html = markdown.render(cleanText(source)).replace(/<(\/?)h1>/g, '<$1h2>');
  return sanitizeHtml(html, {
    allowedTags: ALLOWED_TAGS,
    allowedAttributes: {
      a: ['href', 'title', 'rel'],
      img: ['src', 'alt', 'title'],
      th: ['style'],
      td: ['style'],
    },
    allowedStyles: {
      th: { 'text-align': [/^(left|right|center)$/] },
      td: { 'text-align': [/^(left|right|center)$/] },
    },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesByTag: { img: ['https', 'http'] },
    allowProtocolRelative: false,
    disallowedTagsMode: 'escape',
    transformTags: {
      a: (tagName, attribs) => {
        const href = attribs.href ?? '';
        if (!isSafeUrl(href)) return { tagName: 'span', attribs: {} };
        const rel: string[] = [];
        if (!options.isTrustedAuthor) rel.push('nofollow', 'ugc');
        if (isExternal(href, options.siteOrigin)) rel.push('noopener', 'noreferrer');
        const out: Record<string, string> = { href };
        if (attribs.title) out.title = attribs.title;
        if (rel.length > 0) out.rel = rel.join(' ');
        return { tagName, attribs: out };
      },
      img: (tagName, attribs) => {
        const src = attribs.src ?? '';
        if (!/^https?:\/\//i.test(src))
          return { tagName: 'span', attribs: {}, text: attribs.alt ?? '' };
        return {
          tagName,
          attribs: {
            src,
            alt: attribs.alt ?? '',
            ...(attribs.title ? { title: attribs.title } : {}),
          },
        };
      },
    },
  });
}

/** Plain text of a markdown source (for summaries, titles of cards, e-mail). */
export function markdownToText(source: string): string {
  return sanitizeHtml(markdown.render(cleanText(source)), {
    allowedTags: [],
    allowedAttributes: {},
  })
    .replace(/\s+/g, ' ')
    .trim();
}
