// Renders a page component into a complete HTML document. The page body renders first, so the
// document head names exactly the islands (scripts, their CSS and shared chunks) it used.
import type { ComponentChildren } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { IslandCollector } from './components/island.tsx';
import { PageContextValue } from './components/page-context.tsx';
import { SiteLayout } from './layouts/site-layout.tsx';
import type { PageContext } from './page-context.ts';

export interface PageOptions {
  title: string;
  description?: string;
  isPrivate?: boolean;
  body: ComponentChildren;
}

export function renderPage(context: PageContext, options: PageOptions): string {
  const islands = new Set<string>();
  const mainHtml = renderToString(
    <PageContextValue.Provider value={context}>
      <IslandCollector.Provider value={islands}>{options.body}</IslandCollector.Provider>
    </PageContextValue.Provider>,
  );
  const used = [...islands].map((name) => {
    const assets = context.assets.islands[name];
    if (!assets) throw new Error(`renderPage: no built island "${name}" (src/islands/${name}.tsx)`);
    return assets;
  });
  const unique = (values: string[]) => [...new Set(values)];
  const document = renderToString(
    <SiteLayout
      context={context}
      mainHtml={mainHtml}
      head={{
        title: options.title,
        description: options.description,
        isPrivate: options.isPrivate,
        stylesheets: unique([context.assets.stylesheet, ...used.flatMap((item) => item.styles)]),
        preloads: unique(used.flatMap((item) => item.preload)),
        scripts: used.map((item) => item.script),
      }}
    />,
  );
  return `<!doctype html>${document}`;
}
