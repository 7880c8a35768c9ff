// Caps concurrent exec channels on one connection (sshd refuses above MaxSessions); the rest queue.

export class ChannelPool {
  readonly size: number;
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  /** Highest number of channels seen open at once, for tests and the bench. */
  peak = 0;

  constructor(size: number) {
    if (!Number.isInteger(size) || size < 1)
      throw new RangeError(`channel pool size must be >= 1, got ${size}`);
    this.size = size;
  }

  get queued(): number {
    return this.waiting.length;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await task();
    } finally {
      this.release();
    }
  }

  private async acquire(): Promise<void> {
    if (this.active < this.size) {
      this.take();
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.take();
  }

  private take(): void {
    this.active += 1;
    this.peak = Math.max(this.peak, this.active);
  }

  private release(): void {
    this.active -= 1;
    this.waiting.shift()?.();
  }
}
