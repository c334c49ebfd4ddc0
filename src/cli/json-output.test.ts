import { describe, expect, it } from 'vitest';
import { formatJsonDocument } from './json-output.ts';

describe('formatJsonDocument (docs/maths.md §16.5)', () => {
  it('writes NaN and ±∞ as null, −0 as 0, one document and a newline', () => {
    expect(
      formatJsonDocument({ a: Number.NaN, b: [Number.POSITIVE_INFINITY, -0, 0.1 + 0.2] }),
    ).toBe('{"a":null,"b":[null,0,0.30000000000000004]}\n');
  });

  it('writes typed arrays as JSON arrays', () => {
    expect(formatJsonDocument({ cdf: Float64Array.of(0, 0.5, Number.NaN) })).toBe(
      '{"cdf":[0,0.5,null]}\n',
    );
  });
});
