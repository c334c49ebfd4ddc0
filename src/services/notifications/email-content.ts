// The text and HTML of every e-mail: a greeting, paragraphs (some with a link) and the footer
// with the unsubscribe link. Every value is escaped in the HTML, so a hostile display name or
// question title stays text.

export interface EmailParagraph {
  text: string;
  /** An absolute URL the paragraph links to ("Open" after the text). */
  href?: string;
  linkLabel?: string;
}

export interface EmailContent {
  subject: string;
  paragraphs: EmailParagraph[];
}

export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Subjects are one line: control characters (header injection) become spaces. */
export function safeSubject(subject: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point.
  return subject.replace(/[\u0000-\u001f\u007f]+/g, ' ').slice(0, 200);
}

export function renderEmail(
  content: EmailContent,
  footer: { unsubscribeUrl: string; settingsUrl: string; reason: string },
): { subject: string; text: string; html: string } {
  const textParts = content.paragraphs.map((paragraph) =>
    paragraph.href ? `${paragraph.text}\n${paragraph.href}` : paragraph.text,
  );
  const text = [
    ...textParts,
    '--',
    footer.reason,
    `Unsubscribe: ${footer.unsubscribeUrl}`,
    `Notification settings: ${footer.settingsUrl}`,
  ].join('\n\n');
  const htmlParagraphs = content.paragraphs
    .map((paragraph) => {
      const link = paragraph.href
        ? ` <a href="${escapeHtml(paragraph.href)}">${escapeHtml(paragraph.linkLabel ?? 'Open')}</a>`
        : '';
      return `<p>${escapeHtml(paragraph.text)}${link}</p>`;
    })
    .join('\n');
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(safeSubject(content.subject))}</title></head>
<body style="font-family: system-ui, sans-serif; line-height: 1.5; color: #1a1a1a">
${htmlParagraphs}
<hr>
<p style="font-size: 0.875em; color: #555">${escapeHtml(footer.reason)}<br>
<a href="${escapeHtml(footer.unsubscribeUrl)}">Unsubscribe</a> ·
<a href="${escapeHtml(footer.settingsUrl)}">Notification settings</a></p>
</body></html>`;
  return { subject: safeSubject(content.subject), text, html };
}
