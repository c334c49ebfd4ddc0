// The question page's sections as tabs on narrow screens (docs/design.md). The server renders a
// list of in-page links (a jump menu that works without JavaScript); hydrated on a screen of
// at most 48rem, the links become a tablist (arrow keys, Home, End) and only the chosen section
// shows. Sections are the page's `[data-section]` elements; wider screens show them all.
import { useEffect, useState } from 'preact/hooks';
import { defineIsland } from './island.tsx';

export interface SectionTabsProps {
  sections: Array<{ id: string; label: string }>;
}

const NARROW = '(max-width: 48rem)';

function sectionElement(id: string): HTMLElement | null {
  return document.querySelector<HTMLElement>(`[data-section="${CSS.escape(id)}"]`);
}

export function SectionTabs({ sections }: SectionTabsProps) {
  const [isTabbed, setTabbed] = useState(false);
  const [selected, setSelected] = useState(sections[0]?.id ?? '');

  useEffect(() => {
    const query = matchMedia(NARROW);
    const fromHash = location.hash.slice(1);
    const owner = sections.find(
      (section) =>
        section.id === fromHash ||
        sectionElement(section.id)?.querySelector(`[id="${CSS.escape(fromHash)}"]`),
    );
    if (owner) setSelected(owner.id);
    const follow = () => setTabbed(query.matches);
    follow();
    query.addEventListener('change', follow);
    return () => query.removeEventListener('change', follow);
  }, []);

  useEffect(() => {
    for (const section of sections) {
      const element = sectionElement(section.id);
      if (!element) continue;
      element.hidden = isTabbed && section.id !== selected;
      if (isTabbed) {
        element.setAttribute('role', 'tabpanel');
        element.setAttribute('aria-labelledby', `tab-${section.id}`);
      } else {
        element.removeAttribute('role');
        element.removeAttribute('aria-labelledby');
      }
    }
  }, [isTabbed, selected]);

  const choose = (id: string, focus: boolean) => {
    setSelected(id);
    if (focus) document.getElementById(`tab-${id}`)?.focus();
  };

  const onKeyDown = (event: KeyboardEvent, index: number) => {
    const last = sections.length - 1;
    const targets: Record<string, number> = {
      ArrowRight: index === last ? 0 : index + 1,
      ArrowLeft: index === 0 ? last : index - 1,
      Home: 0,
      End: last,
    };
    const target = targets[event.key];
    if (target === undefined) return;
    event.preventDefault();
    choose(sections[target].id, true);
  };

  return (
    <nav class={`section-tabs${isTabbed ? ' is-tabbed' : ''}`} aria-label="Sections of this page">
      <ul role={isTabbed ? 'tablist' : undefined}>
        {sections.map((section, index) => {
          const isSelected = section.id === selected;
          return (
            <li key={section.id} role={isTabbed ? 'presentation' : undefined}>
              {/* biome-ignore lint/a11y/useAriaPropsSupportedByRole: the role is tab once tabbed */}
              <a
                href={`#${section.id}`}
                id={`tab-${section.id}`}
                role={isTabbed ? 'tab' : undefined}
                aria-selected={isTabbed ? (isSelected ? 'true' : 'false') : undefined}
                aria-controls={isTabbed ? section.id : undefined}
                tabIndex={isTabbed && !isSelected ? -1 : undefined}
                onClick={(event) => {
                  if (!isTabbed) return;
                  event.preventDefault();
                  choose(section.id, false);
                }}
                onKeyDown={(event) => isTabbed && onKeyDown(event, index)}
              >
                {section.label}
              </a>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

export const sectionTabsIsland = defineIsland('section-tabs', SectionTabs);
