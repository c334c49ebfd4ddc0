import { describe, expect, it } from 'vitest';
import { questionIdFromSegment, questionPath, questionSlug } from './question-path.ts';

describe('question paths', () => {
  it('slugs a title to lowercase words joined by dashes', () => {
    expect(questionSlug('Will the US–Russia summit happen in 2026?')).toBe(
      'will-the-us-russia-summit-happen-in-2026',
    );
    expect(questionSlug('Économie: élan ou déclin?')).toBe('economie-elan-ou-declin');
    expect(questionPath({ id: 7, title: '<script>' })).toBe('/questions/7-script');
    expect(questionPath({ id: 7, title: '???' })).toBe('/questions/7');
  });

  it('cuts a long slug at a word boundary', () => {
    const slug = questionSlug(`${'forecast '.repeat(20)}end`);
    expect(slug.length).toBeLessThanOrEqual(60);
    expect(slug.endsWith('-')).toBe(false);
    expect(slug.endsWith('forecast')).toBe(true);
  });

  it('reads the id from a path segment with or without a slug', () => {
    expect(questionIdFromSegment('42')).toBe(42);
    expect(questionIdFromSegment('42-will-it-rain')).toBe(42);
    expect(questionIdFromSegment('042')).toBeNull();
    expect(questionIdFromSegment('abc')).toBeNull();
    expect(questionIdFromSegment('42-Will')).toBeNull();
    expect(questionIdFromSegment('99999999999999999')).toBeNull();
  });
});
