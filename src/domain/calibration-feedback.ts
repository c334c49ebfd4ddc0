// The sentence of a calibration feedback card (track record, docs/maths.md §15.5).

export interface FeedbackCard {
  binLower: number;
  binUpper: number;
  count: number;
  meanForecast: number;
  observedFrequency: number;
  /** where the mean forecast sits against the Wilson 95 % interval of the observed frequency */
  verdict: 'calibrated' | 'happened_less' | 'happened_more';
}

function percent(value: number): string {
  return `${Math.round(value * 100)} %`;
}

/** "In your 70–80 % bin, 55 % of the events happened (n = 14): …" */
export function feedbackText(card: FeedbackCard, who = 'your'): string {
  const bin = `${Math.round(card.binLower * 100)}–${Math.round(card.binUpper * 100)} %`;
  const head = `In ${who} ${bin} bin, ${percent(card.observedFrequency)} of the events happened (n = ${card.count}, mean forecast ${percent(card.meanForecast)})`;
  if (card.verdict === 'happened_less') {
    return `${head}: they happened less often than forecast, beyond the 95 % interval.`;
  }
  if (card.verdict === 'happened_more') {
    return `${head}: they happened more often than forecast, beyond the 95 % interval.`;
  }
  return `${head}: within the 95 % interval — well calibrated.`;
}
