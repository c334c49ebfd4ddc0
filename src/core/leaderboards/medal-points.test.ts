import { describe, expect, it } from 'vitest';
import {
  medalAgeYears,
  medalPoints,
  rankMedalPoints,
  yearSixMonthsBefore,
} from './medal-points.ts';

describe('medal points (docs/maths.md §13)', () => {
  it('gold 10, silver 4, bronze 1, halved per year of age', () => {
    expect(medalPoints('gold', 0)).toBe(10);
    expect(medalPoints('silver', 1)).toBe(2);
    expect(medalPoints('bronze', 2)).toBe(0.25);
  });

  it('age: tournament close year; global year(end − 6 months); otherwise 0', () => {
    expect(medalAgeYears({ kind: 'tournament', closeYear: 2023 }, 2026)).toBe(3);
    // A global board ending 2026-01-01: six months earlier is July 2025 → age 1 in 2026.
    const end2026 = Date.UTC(2026, 0, 1) / 1000;
    expect(yearSixMonthsBefore(end2026)).toBe(2025);
    expect(medalAgeYears({ kind: 'global', endTime: end2026 }, 2026)).toBe(1);
    // Ending 2025-07-15: six months earlier is January 2025.
    expect(yearSixMonthsBefore(Date.UTC(2025, 6, 15) / 1000)).toBe(2025);
    expect(yearSixMonthsBefore(Date.UTC(2025, 5, 30, 23) / 1000)).toBe(2024);
    expect(medalAgeYears({ kind: 'global', endTime: null }, 2026)).toBe(0);
  });

  it('sums per category and ranks by points', () => {
    const ranked = rankMedalPoints(
      [
        {
          userId: 1,
          category: 'tournament',
          medal: 'bronze',
          board: { kind: 'tournament', closeYear: 2026 },
        },
        {
          userId: 2,
          category: 'tournament',
          medal: 'gold',
          board: { kind: 'tournament', closeYear: 2024 },
        },
        {
          userId: 1,
          category: 'tournament',
          medal: 'silver',
          board: { kind: 'tournament', closeYear: 2026 },
        },
        {
          userId: 2,
          category: 'peer_global',
          medal: 'bronze',
          board: { kind: 'global', endTime: null },
        },
      ],
      2026,
    );
    // User 1: 1 + 4 = 5; user 2: 10 / 4 = 2.5.
    expect(ranked.get('tournament')).toEqual([
      { userId: 1, points: 5 },
      { userId: 2, points: 2.5 },
    ]);
    expect(ranked.get('peer_global')).toEqual([{ userId: 2, points: 1 }]);
  });
});
