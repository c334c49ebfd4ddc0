// A "Copy" button for a value shown on the page (e.g. a new API token). Server-rendered it is
// hidden (nothing to click without JavaScript: the value is selectable text); hydrated, it shows
// and copies with the Clipboard API, announcing the result to screen readers.
import { useEffect, useState } from 'preact/hooks';
import { defineIsland } from './island.tsx';

export interface CopyButtonProps {
  value: string;
  label: string;
}

export function CopyButton({ value, label }: CopyButtonProps) {
  const [isReady, setReady] = useState(false);
  const [status, setStatus] = useState('');
  useEffect(() => setReady(typeof navigator !== 'undefined' && Boolean(navigator.clipboard)), []);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setStatus('Copied');
    } catch {
      setStatus('Copy failed: select the text and copy it by hand');
    }
  };
  // The button keeps its space before hydration (visibility, not display), so nothing shifts.
  return (
    <span class="copy-button">
      <button type="button" class="secondary button-small" onClick={copy} disabled={!isReady}>
        {label}
      </button>
      <span role="status" class="copy-status">
        {status}
      </span>
    </span>
  );
}

export const copyButtonIsland = defineIsland('copy-button', CopyButton);
