// Prize shares walking up from the bottom of the ranked board (docs/maths.md §13 "Prizes").

export interface PrizeCandidate {
  take: number | null;
  exclusionStatus: number;
}

export interface PrizeSettings {
  prizePool: number | null;
  minimumPrizeAmount: number;
}

export interface PrizeAssignment {
  percentPrizes: Float64Array;
  /** null for every entry with status ≠ 0 */
  prizes: (number | null)[];
}

/**
 * Shares of entries in ranked order. The pool starts as Σ take of status-0 entries; walking from
 * the bottom, a share below the minimum μ = minimum / pool amount is dropped and its take leaves
 * the pool. Compatibility quirk: because the walk starts at the bottom with the full pool, who
 * falls under the minimum depends on the order; kept so prizes match to the cent.
 */
export function assignPrizes(
  ranked: readonly PrizeCandidate[],
  settings: PrizeSettings,
): PrizeAssignment {
  const { prizePool, minimumPrizeAmount } = settings;
  const minimumShare = prizePool !== null && prizePool !== 0 ? minimumPrizeAmount / prizePool : 0;
  let pool = 0;
  for (const entry of ranked) {
    if (entry.exclusionStatus === 0) pool += entry.take ?? 0;
  }

  const percentPrizes = new Float64Array(ranked.length);
  for (let i = ranked.length - 1; i >= 0; i--) {
    const { take, exclusionStatus } = ranked[i];
    if (exclusionStatus !== 0 || take === null || take === 0) continue;
    const share = take / (pool === 0 ? 1 : pool);
    if (share < minimumShare) pool -= take;
    else percentPrizes[i] = share;
  }

  let total = 0;
  for (let i = 0; i < percentPrizes.length; i++) total += percentPrizes[i];
  if (total === 0) total = 1;
  const prizes: (number | null)[] = new Array(ranked.length);
  for (let i = 0; i < ranked.length; i++) {
    percentPrizes[i] /= total;
    prizes[i] = ranked[i].exclusionStatus === 0 ? (prizePool ?? 0) * percentPrizes[i] : null;
  }
  return { percentPrizes, prizes };
}
