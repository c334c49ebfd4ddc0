import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkBio,
  checkDisplayName,
  checkEmail,
  checkPassword,
  checkTokenName,
  checkUsername,
  isStorableLine,
} from './account-rules.ts';

describe('checkUsername', () => {
  it.each(['abc', 'A_b-9', 'x'.repeat(30)])('accepts %s', (name) => {
    expect(checkUsername(name).ok).toBe(true);
  });
  it.each(['ab', 'x'.repeat(31), 'has space', 'émile', 'a@b', 'dot.ted', '', 'tab\t1'])(
    'refuses %j',
    (name) => {
      expect(checkUsername(name).ok).toBe(false);
    },
  );
  it('never accepts an "@", so usernames and emails cannot collide at login', () => {
    fc.assert(
      fc.property(fc.string(), (name) => {
        if (name.includes('@')) expect(checkUsername(name).ok).toBe(false);
      }),
    );
  });
});

describe('checkEmail', () => {
  it.each(['a@b.co', 'First.Last+tag@sub.example.org', '"<i>x</i>"@example.com'])(
    'accepts %s',
    (email) => {
      expect(checkEmail(email).ok).toBe(true);
    },
  );
  it.each([
    'plain',
    'a@b',
    '@b.co',
    'a@.',
    'a b@c.de',
    'a@b.co\n',
    'a\u0000@b.co',
    `${'a'.repeat(250)}@b.co`,
  ])('refuses %j', (email) => {
    expect(checkEmail(email).ok).toBe(false);
  });
});

describe('checkPassword', () => {
  it('counts characters, not UTF-16 units: ten emoji are ten characters', () => {
    expect(checkPassword('🧪'.repeat(10)).ok).toBe(true);
    expect(checkPassword('🧪'.repeat(9)).ok).toBe(false);
    expect(checkPassword('x'.repeat(200)).ok).toBe(true);
    expect(checkPassword('x'.repeat(201)).ok).toBe(false);
  });
});

describe('free text', () => {
  it('display names: 1–50 characters after trimming, no control characters', () => {
    expect(checkDisplayName('Ada').ok).toBe(true);
    expect(checkDisplayName('   ').ok).toBe(false);
    expect(checkDisplayName('x'.repeat(51)).ok).toBe(false);
    expect(checkDisplayName('a\u0007b').ok).toBe(false);
  });
  it('bios keep line breaks and tabs but not NUL or other control characters', () => {
    expect(checkBio('line one\nline two\r\n\tindented').ok).toBe(true);
    expect(checkBio('nul \u0000').ok).toBe(false);
    expect(checkBio('esc \u001b[31m').ok).toBe(false);
    expect(checkBio('x'.repeat(2001)).ok).toBe(false);
  });
  it('names and bios refuse bidirectional text controls, which can disguise what text says', () => {
    for (const control of [
      '\u202a',
      '\u202b',
      '\u202c',
      '\u202d',
      '\u202e',
      '\u2066',
      '\u2067',
      '\u2068',
      '\u2069',
      '\u200e',
      '\u200f',
      '\u061c',
    ]) {
      expect(checkDisplayName(`Ada${control}`).ok, escape(control)).toBe(false);
      expect(checkBio(`bio ${control} text`).ok, escape(control)).toBe(false);
    }
    expect(checkBio('Arabic and Hebrew text stays: مرحبا שלום').ok).toBe(true);
  });
  it('token names and storable lines refuse every control character', () => {
    expect(checkTokenName('laptop').ok).toBe(true);
    expect(checkTokenName('two\nlines').ok).toBe(false);
    expect(isStorableLine('fine')).toBe(true);
    expect(isStorableLine('nul\u0000')).toBe(false);
  });
});
