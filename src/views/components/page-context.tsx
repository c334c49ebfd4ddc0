// The page context (viewer, assets) as a Preact context, so deep components such as the CSRF
// field read it without every page passing it down.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { PageContext } from '../page-context.ts';

export const PageContextValue = createContext<PageContext | null>(null);

export function usePageContext(): PageContext {
  const context = useContext(PageContextValue);
  if (!context) throw new Error('usePageContext: rendered outside renderPage');
  return context;
}
