/**
 * Time as the bot sees it. Everything that asks "what time is it" asks a Clock, so tests
 * set the time and the sandbox can jump ahead to the next deadline.
 */

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/**
 * Real time shifted by an offset that can be moved: the sandbox's clock. Time keeps
 * running after a jump, so a person watching the web chat sees the minutes pass.
 */
export class AdjustableClock implements Clock {
  private offsetMs = 0;

  constructor(private readonly realNow: () => number = Date.now) {}

  now(): Date {
    return new Date(this.realNow() + this.offsetMs);
  }

  /** Moves the clock to `target`; going back is allowed (a demo may be replayed) but nothing is undone. */
  jumpTo(target: Date): void {
    this.offsetMs = target.getTime() - this.realNow();
  }

  advance(ms: number): void {
    this.jumpTo(new Date(this.now().getTime() + ms));
  }
}

/** A clock that stands still until told: for tests. */
export class ManualClock implements Clock {
  constructor(private current: Date) {}

  now(): Date {
    return new Date(this.current.getTime());
  }

  set(date: Date): void {
    this.current = new Date(date.getTime());
  }

  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}
