// The clock the demo content is written with: set to each step's instant, so that accounts,
// questions, audit entries and forecasts carry a plausible past timeline ending at the load time.
import type { Clock } from '../../domain/clock.ts';
import type { Deps } from '../deps.ts';

export class DemoClock implements Clock {
  private current: Date;

  constructor(start: Date) {
    this.current = start;
  }

  now(): Date {
    return new Date(this.current.getTime());
  }

  /** Moves to `instant`; the demo only ever moves forward, so the CP history never goes back. */
  set(instant: Date): void {
    if (instant.getTime() < this.current.getTime()) {
      throw new RangeError(`the demo clock cannot go back to ${instant.toISOString()}`);
    }
    this.current = instant;
  }
}

/** The caller's deps with the demo clock: every service called with them sees its time. */
export function withDemoClock(deps: Deps, clock: DemoClock): Deps {
  return { ...deps, clock };
}
