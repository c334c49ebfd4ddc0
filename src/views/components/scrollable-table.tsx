// A table that may be wider than a phone: it scrolls sideways inside a labelled region that
// keyboard users can focus (and so scroll), instead of widening the page.
import type { ComponentChildren } from 'preact';

export function ScrollableTable(props: { label: string; children: ComponentChildren }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take the focus to scroll by keyboard (WCAG 2.1.1)
    <section class="table-wrap" tabIndex={0} aria-label={props.label}>
      {props.children}
    </section>
  );
}
