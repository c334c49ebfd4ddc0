// Medals of a finalised leaderboard (docs/maths.md §13 "Medals").
import type { Medal } from './leaderboard-types.ts';

export interface MedalThresholds {
  gold: number;
  silver: number;
  bronze: number;
}

/**
 * Rank thresholds for M eligible entries (status ≤ 1): top 1 % (at least 1), 2 % (at least 2),
 * 5 % (at least 3). ⌈M/100⌉ equals the reference's ⌈0.01·M⌉ in doubles for every M ≤ 200,000.
 */
export function medalThresholds(eligibleCount: number): MedalThresholds {
  return {
    gold: Math.max(Math.ceil(eligibleCount / 100), 1),
    silver: Math.max(Math.ceil(eligibleCount / 50), 2),
    bronze: Math.max(Math.ceil(eligibleCount / 20), 3),
  };
}

export interface MedalCandidate {
  rank: number;
  exclusionStatus: number;
}

/** The best medal each entry's rank earns; none before finalisation or for status ≥ 2. */
export function assignMedals(
  entries: readonly MedalCandidate[],
  isFinalized: boolean,
): (Medal | null)[] {
  const medals: (Medal | null)[] = new Array(entries.length).fill(null);
  if (!isFinalized) return medals;
  let eligibleCount = 0;
  for (const entry of entries) if (entry.exclusionStatus <= 1) eligibleCount++;
  const thresholds = medalThresholds(eligibleCount);
  entries.forEach((entry, i) => {
    if (entry.exclusionStatus > 1) return;
    if (entry.rank <= thresholds.gold) medals[i] = 'gold';
    else if (entry.rank <= thresholds.silver) medals[i] = 'silver';
    else if (entry.rank <= thresholds.bronze) medals[i] = 'bronze';
  });
  return medals;
}
