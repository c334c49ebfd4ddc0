// Question texts as paragraphs. Texts are stored as markdown; until the markdown renderer
// (markdown-it + sanitize-html) serves pages, they show as escaped text, one paragraph per
// blank-line-separated block with line breaks kept, and only **bold** and *italic* rendered
// (as elements, never as HTML), since criteria lean on them ("Resolves **YES** if …").
import type { ComponentChildren } from 'preact';

const EMPHASIS = /(\*\*[^*\n]+\*\*|\*[^*\s][^*\n]*\*)/g;

function inline(text: string): ComponentChildren {
  return text.split(EMPHASIS).map((part, index) => {
    if (part.startsWith('**') && part.endsWith('**') && part.length > 4) {
      return <strong key={index}>{part.slice(2, -2)}</strong>;
    }
    if (part.startsWith('*') && part.endsWith('*') && part.length > 2) {
      return <em key={index}>{part.slice(1, -1)}</em>;
    }
    return part;
  });
}

export function Paragraphs({ text }: { text: string }) {
  return (
    <>
      {text
        .split(/\n{2,}/)
        .filter((paragraph) => paragraph.trim() !== '')
        .map((paragraph, index) => (
          <p key={index} class="text-block">
            {inline(paragraph)}
          </p>
        ))}
    </>
  );
}
