// Islands: a component rendered on the server inside `<div data-island="name" data-props="…">`,
// then hydrated in the browser with the same props by src/islands/lib/mount-islands.ts. The SSR
// markup stays in place while the script loads, so nothing shifts when the island mounts.
// Preact escapes the attribute, so the JSON cannot break out of it.
import { type ComponentType, createContext } from 'preact';
import { useContext } from 'preact/hooks';

export interface IslandDefinition<P> {
  /** The file name of its entry in src/islands/ (without .tsx): the manifest key. */
  name: string;
  component: ComponentType<P>;
}

export function defineIsland<P>(name: string, component: ComponentType<P>): IslandDefinition<P> {
  return { name, component };
}

/** The islands a page rendered, so the document includes only their scripts. */
export const IslandCollector = createContext<Set<string> | null>(null);

export interface IslandProps<P> {
  island: IslandDefinition<P>;
  props: P;
  class?: string;
}

export function Island<P>({ island, props, class: className }: IslandProps<P>) {
  useContext(IslandCollector)?.add(island.name);
  const Component = island.component as ComponentType<P & object>;
  return (
    <div data-island={island.name} data-props={JSON.stringify(props)} class={className}>
      <Component {...(props as P & object)} />
    </div>
  );
}
