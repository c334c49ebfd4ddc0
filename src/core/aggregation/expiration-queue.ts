// A binary min-heap of (end_time, forecast id): the pending auto-withdrawals of the engine.

/**
 * Entries are never removed early: when a forecast ends for another reason, its entry stays
 * and the engine skips it on pop (it checks the forecast is still active with that end time).
 */
export class ExpirationQueue {
  private times: number[] = [];
  private ids: number[] = [];

  get size(): number {
    return this.times.length;
  }

  /** The earliest pending end time, or undefined. */
  peekTime(): number | undefined {
    return this.times[0];
  }

  push(time: number, forecastId: number): void {
    const { times, ids } = this;
    let index = times.length;
    times.push(time);
    ids.push(forecastId);
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (!this.isBefore(index, parent)) break;
      this.swap(index, parent);
      index = parent;
    }
  }

  /** Removes the earliest entry and returns its forecast id. */
  pop(): number {
    const { times, ids } = this;
    if (times.length === 0) throw new RangeError('the expiration queue is empty');
    const forecastId = ids[0];
    const lastTime = times.pop() as number;
    const lastId = ids.pop() as number;
    if (times.length > 0) {
      times[0] = lastTime;
      ids[0] = lastId;
      let index = 0;
      for (;;) {
        const left = 2 * index + 1;
        const right = left + 1;
        let smallest = index;
        if (left < times.length && this.isBefore(left, smallest)) smallest = left;
        if (right < times.length && this.isBefore(right, smallest)) smallest = right;
        if (smallest === index) break;
        this.swap(index, smallest);
        index = smallest;
      }
    }
    return forecastId;
  }

  private isBefore(left: number, right: number): boolean {
    return (
      this.times[left] < this.times[right] ||
      (this.times[left] === this.times[right] && this.ids[left] < this.ids[right])
    );
  }

  private swap(left: number, right: number): void {
    const { times, ids } = this;
    [times[left], times[right]] = [times[right], times[left]];
    [ids[left], ids[right]] = [ids[right], ids[left]];
  }
}
