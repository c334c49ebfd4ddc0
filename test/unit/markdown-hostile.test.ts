// The hostile corpus (test/fixtures/hostile-markdown.json) renders inert through the markdown
// renderer articles and comments use: no script, no event handler, no dangerous scheme, no bidi.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../src/services/markdown/render-markdown.ts';
import { dangerIn } from '../helpers/inert-html.ts';

const corpus = JSON.parse(
  readFileSync(new URL('../fixtures/hostile-markdown.json', import.meta.url), 'utf8'),
) as { cases: string[] };

describe('hostile markdown', () => {
  it.each(corpus.cases)('renders inert: %j', (source) => {
    for (const isTrustedAuthor of [false, true]) {
      const html = renderMarkdown(source, { isTrustedAuthor });
      expect(dangerIn(html), html).toBeNull();
      // Every anchor left has a web, mail, relative or fragment address.
      for (const match of html.matchAll(/<a [^>]*href="([^"]*)"/g)) {
        expect(match[1]).toMatch(/^(https?:\/\/|mailto:|\/[^/]|#)/);
      }
    }
  });

  it('keeps ordinary markdown and marks non-staff links nofollow ugc', () => {
    const html = renderMarkdown(
      '# Title\n\nSee [the source](https://example.org/a) and **this**.',
      {
        isTrustedAuthor: false,
        siteOrigin: 'https://brier.example',
      },
    );
    expect(html).toContain('<h2>Title</h2>');
    expect(html).toContain('<strong>this</strong>');
    expect(html).toContain('href="https://example.org/a" rel="nofollow ugc noopener noreferrer"');
  });

  it('follows staff links, and internal links get no noopener', () => {
    const staff = renderMarkdown('[x](https://example.org/a) [y](/questions/1)', {
      isTrustedAuthor: true,
      siteOrigin: 'https://brier.example',
    });
    expect(staff).toContain('href="https://example.org/a" rel="noopener noreferrer"');
    expect(staff).toContain('<a href="/questions/1">y</a>');
  });

  it('keeps web images and drops data: images to their alt text', () => {
    expect(
      renderMarkdown('![map](https://example.org/m.png)', { isTrustedAuthor: false }),
    ).toContain('<img src="https://example.org/m.png" alt="map" />');
    const data = renderMarkdown('![dot](data:image/png;base64,iVBORw0KGgo=)', {
      isTrustedAuthor: false,
    });
    expect(data).not.toContain('<img');
  });
});
