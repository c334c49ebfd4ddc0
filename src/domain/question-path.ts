// A question's page address: /questions/{id}-{slug}. The slug is for people and search engines
// only; the id alone finds the question (the page redirects to the canonical address).

const MAX_SLUG_LENGTH = 60;

export function questionSlug(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (slug.length <= MAX_SLUG_LENGTH) return slug;
  // Cut at a word boundary so that the slug does not end mid-word.
  const cut = slug.slice(0, MAX_SLUG_LENGTH);
  const lastDash = cut.lastIndexOf('-');
  return lastDash > 20 ? cut.slice(0, lastDash) : cut;
}

export function questionPath(question: { id: number; title: string }): string {
  const slug = questionSlug(question.title);
  return slug ? `/questions/${question.id}-${slug}` : `/questions/${question.id}`;
}

/** The id in a `/questions/{id}` or `/questions/{id}-{slug}` path segment, or null. */
export function questionIdFromSegment(segment: string): number | null {
  const match = /^([1-9]\d{0,15})(?:-[a-z0-9-]*)?$/.exec(segment);
  if (!match) return null;
  const id = Number(match[1]);
  return Number.isSafeInteger(id) ? id : null;
}
