// What a fleet run shows while it works: hosts done / running / left and the slowest running host.
// On a terminal one status line is redrawn in place; elsewhere (CI logs, systemd journal) plain lines, one per event.
import type { Writable } from 'node:stream';

const PREFIX = 'wazo-live-acceptance';
/** How often the terminal line is redrawn (it names the slowest host's running time). */
const REDRAW_MS = 1_000;

export interface ProgressOptions {
  stream: Writable;
  isTTY: boolean;
  total: number;
  now?: () => number;
}

export class FleetProgress {
  readonly #stream: Writable;
  readonly #isTTY: boolean;
  readonly #total: number;
  readonly #now: () => number;
  readonly #running = new Map<string, number>();
  #done = 0;
  #timer: NodeJS.Timeout | undefined;
  #statusShown = false;

  constructor(options: ProgressOptions) {
    this.#stream = options.stream;
    this.#isTTY = options.isTTY;
    this.#total = options.total;
    this.#now = options.now ?? Date.now;
    if (this.#isTTY) {
      this.#timer = setInterval(() => this.#redraw(), REDRAW_MS);
      this.#timer.unref();
    }
  }

  started(name: string): void {
    this.#running.set(name, this.#now());
    if (this.#isTTY) this.#redraw();
    else this.#line(`${name}: started (${this.counts()})`);
  }

  /** summary: one line of what the host gave (its tally, or why it could not be checked). */
  finished(name: string, summary: string): void {
    this.#running.delete(name);
    this.#done += 1;
    this.#line(`${name}: ${summary} (${this.counts()})`);
  }

  /** "3 done, 2 running, 5 left; slowest: stack-b 42s" */
  counts(): string {
    const left = this.#total - this.#done - this.#running.size;
    const slowest = this.slowest();
    const tail = slowest === undefined ? '' : `; slowest: ${slowest.name} ${slowest.seconds}s`;
    return `${this.#done} done, ${this.#running.size} running, ${left} left of ${this.#total}${tail}`;
  }

  slowest(): { name: string; seconds: number } | undefined {
    let found: { name: string; since: number } | undefined;
    for (const [name, since] of this.#running) if (!found || since < found.since) found = { name, since };
    return found && { name: found.name, seconds: Math.round((this.#now() - found.since) / 1000) };
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
    this.#clearStatus();
  }

  #line(text: string): void {
    this.#clearStatus();
    this.#stream.write(`${PREFIX}: ${text}\n`);
    if (this.#isTTY && this.#running.size > 0) this.#redraw();
  }

  #redraw(): void {
    if (this.#running.size === 0) return this.#clearStatus();
    this.#stream.write(`\r\x1b[K${PREFIX}: hosts: ${this.counts()}`);
    this.#statusShown = true;
  }

  #clearStatus(): void {
    if (!this.#statusShown) return;
    this.#stream.write('\r\x1b[K');
    this.#statusShown = false;
  }
}
