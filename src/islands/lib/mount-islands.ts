// The browser half of views/components/island.tsx: hydrates every `data-island` element of one
// island with its JSON props. Each island entry calls it once with its definition and, when its
// components need them, the browser services (views/components/island-services.tsx).
import { h, hydrate } from 'preact';
import type { IslandDefinition } from '../../views/components/island.tsx';
import {
  type IslandServices,
  IslandServicesContext,
} from '../../views/components/island-services.tsx';

export function mountIslands<P>(island: IslandDefinition<P>, services?: IslandServices): void {
  const elements = document.querySelectorAll<HTMLElement>(
    `[data-island="${CSS.escape(island.name)}"]`,
  );
  for (const element of elements) {
    const props = JSON.parse(element.dataset.props ?? '{}') as P;
    const tree = h(island.component as never, props as never);
    hydrate(
      services ? h(IslandServicesContext.Provider, { value: services }, tree) : tree,
      element,
    );
  }
}
