// The browser half of views/components/island.tsx: hydrates every `data-island` element of one
// island with its JSON props. Each island entry calls it once with its definition.
import { h, hydrate } from 'preact';
import type { IslandDefinition } from '../../views/components/island.tsx';

export function mountIslands<P>(island: IslandDefinition<P>): void {
  const elements = document.querySelectorAll<HTMLElement>(
    `[data-island="${CSS.escape(island.name)}"]`,
  );
  for (const element of elements) {
    const props = JSON.parse(element.dataset.props ?? '{}') as P;
    hydrate(h(island.component as never, props as never), element);
  }
}
