// What an inert HTML fragment never contains: a script or other active element, an event-handler
// attribute, a javascript:/vbscript:/data: address, a style with url(), a bidi override. Tags
// are read as a browser would (escaped text like `&lt;script` is text, not a tag).
const ACTIVE_TAGS =
  /^(script|iframe|object|embed|svg|math|style|form|meta|base|link|frame|applet)$/i;
const TAG =
  /<([a-z][a-z0-9-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*\/?>/gi;
const ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'=<>`]+))?/g;

/** Browsers drop these inside a scheme (`java\tscript:`). */
// biome-ignore lint/complexity/useRegexLiterals: a literal would hold control characters.
const CONTROL_AND_SPACE = new RegExp('[\\u0000-\\u0020]', 'g');

function decode(value: string): string {
  return value
    .replace(/^["']|["']$/g, '')
    .replace(/&#x([0-9a-f]+);?/gi, (_m, hex: string) =>
      String.fromCodePoint(Number.parseInt(hex, 16)),
    )
    .replace(/&#([0-9]+);?/g, (_m, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&colon;/gi, ':')
    .replace(/&tab;|&newline;/gi, '')
    .replace(/&amp;/g, '&');
}

/** Elements a page has of its own (user content never renders them: checked in fragments). */
const PAGE_TAGS = /^(form)$/i;

/**
 * The first danger found in `html`, or null when it is inert. `isPage`: a page's main content,
 * whose own forms are expected (user content never renders one: the fragment tests check it).
 */
export function dangerIn(html: string, options: { isPage?: boolean } = {}): string | null {
  if (/<script/i.test(html)) return '<script';
  if (/[\u202a-\u202e\u2066-\u2069]/.test(html)) return 'bidi control';
  for (const tag of html.matchAll(TAG)) {
    const name = tag[1] ?? '';
    if (ACTIVE_TAGS.test(name) && !(options.isPage && PAGE_TAGS.test(name))) return `<${name}>`;
    for (const attribute of (tag[2] ?? '').matchAll(ATTRIBUTE)) {
      const key = (attribute[1] ?? '').toLowerCase();
      const value = decode(attribute[2] ?? '')
        .replace(CONTROL_AND_SPACE, '')
        .toLowerCase();
      if (key.startsWith('on')) return `${key}= on <${name}>`;
      if (/^(javascript|vbscript|data):/.test(value)) return `${key}=${value.slice(0, 20)}`;
      if (key === 'style' && value.includes('url(')) return 'style url()';
    }
  }
  return null;
}
