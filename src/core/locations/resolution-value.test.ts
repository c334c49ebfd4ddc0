import { describe, expect, it } from 'vitest';
import { parseDateTime, parseDecimalNumber } from './resolution-value.ts';

describe('parseDecimalNumber (JSON number syntax, docs/maths.md §8)', () => {
  it.each([
    ['42.3', 42.3],
    ['-7.25', -7.25],
    ['3', 3],
    ['0', 0],
    ['1e3', 1000],
    ['2.5E-2', 0.025],
  ])('accepts %s', (text, value) => {
    expect(parseDecimalNumber(text)).toBe(value);
  });

  it.each([
    '',
    '+3',
    '03',
    '.5',
    '5.',
    '1e',
    'NaN',
    'Infinity',
    '0x10',
    ' 3',
    '3 ',
    '1e999',
    '1_000',
  ])('rejects %j', (text) => {
    expect(parseDecimalNumber(text)).toBeNull();
  });
});

describe('parseDateTime (ISO 8601 subset, docs/maths.md §8)', () => {
  it('reads a date as midnight UTC', () => {
    // 2026-01-01T00:00:00Z = 1767225600 (the golden vectors' open_time)
    expect(parseDateTime('2026-01-01')).toBe(1767225600);
  });

  it('reads T or space separators, optional seconds and fractions', () => {
    expect(parseDateTime('2026-01-01T12:30')).toBe(1767225600 + 12 * 3600 + 30 * 60);
    expect(parseDateTime('2026-01-01 12:30:15')).toBe(1767225600 + 45015);
    expect(parseDateTime('2026-01-01T00:00:01.25')).toBe(1767225601.25);
  });

  it('applies Z and ±HH:MM offsets (local time minus offset = UTC)', () => {
    expect(parseDateTime('2026-01-01T00:00Z')).toBe(1767225600);
    // 02:00 at +02:00 is midnight UTC; 23:30 at −00:30 is midnight UTC the next day
    expect(parseDateTime('2026-01-01T02:00+02:00')).toBe(1767225600);
    expect(parseDateTime('2025-12-31T23:30:00-00:30')).toBe(1767225600);
  });

  it('handles leap days and years below 100 without Date.UTC’s 1900 shift', () => {
    expect(parseDateTime('2024-02-29')).toBe(1709164800);
    expect(parseDateTime('2023-02-29')).toBeNull();
    expect(parseDateTime('1970-01-01')).toBe(0);
    // 0050-01-01 is 1920 years (701265 days: 1920·365 + 465 leap days) before 1970-01-01
    expect(parseDateTime('0050-01-01')).toBe(-(1920 * 365 + 465) * 86400);
  });

  it.each([
    '2026-1-01',
    '2026-13-01',
    '2026-00-10',
    '2026-04-31',
    '2026-01-01T24:00',
    '2026-01-01T12:60',
    '2026-01-01T12:00:60',
    '2026-01-01T12',
    '2026-01-01T12:00:00.',
    '2026-01-01T12:00+0200',
    '2026-01-01t12:00',
    'January 1, 2026',
    '2026/01/01',
    '',
  ])('rejects %j', (text) => {
    expect(parseDateTime(text)).toBeNull();
  });
});
