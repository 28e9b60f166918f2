/**
 * Hybrid logical clock. A timestamp is "<ms, 15 digits>.<counter, 6 digits>", so string
 * order is time order; ties between replicas are broken by replica id.
 */
import { now as clockNow } from './clock.js';

export interface Hlc {
  ms: number;
  counter: number;
}

export function formatHlc(h: Hlc): string {
  return `${String(h.ms).padStart(15, '0')}.${String(h.counter).padStart(6, '0')}`;
}

export function parseHlc(s: string): Hlc {
  const m = /^(\d{15})\.(\d{6})$/.exec(s);
  if (!m) throw new Error(`Not a clock value: ${s}`);
  return { ms: Number(m[1]), counter: Number(m[2]) };
}

/** Compares two (hlc, replica) stamps; positive when a is later. */
export function compareStamp(aHlc: string, aReplica: string, bHlc: string, bReplica: string): number {
  if (aHlc !== bHlc) return aHlc < bHlc ? -1 : 1;
  if (aReplica === bReplica) return 0;
  return aReplica < bReplica ? -1 : 1;
}

export class Clock {
  private last: Hlc;

  constructor(
    last: string | null,
    private readonly now: () => number = clockNow,
  ) {
    this.last = last ? parseHlc(last) : { ms: 0, counter: 0 };
  }

  /** A new timestamp, later than every one this clock has issued or observed. */
  tick(): string {
    const wall = this.now();
    if (wall > this.last.ms) this.last = { ms: wall, counter: 0 };
    else this.last = { ms: this.last.ms, counter: this.last.counter + 1 };
    return formatHlc(this.last);
  }

  /** Advances past a remote timestamp (on import), so later local edits sort after it. */
  observe(remote: string): void {
    const r = parseHlc(remote);
    if (r.ms > this.last.ms || (r.ms === this.last.ms && r.counter > this.last.counter)) this.last = r;
  }
}
