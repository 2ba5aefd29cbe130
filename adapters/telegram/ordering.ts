/**
 * Runs work for one key (a chat) one after another, in arrival order, while different keys run in
 * parallel — at most `maxRunning` pieces of work at once. telegraf hands a whole getUpdates batch over
 * at once; "/taal en" followed quickly by "/help" must still answer the help in English.
 * Work waiting behind its own chat holds no slot: a busy chat never holds up another chat's turn.
 */
export class KeyedQueue {
  private readonly chains = new Map<string, Promise<void>>();
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly maxRunning = Number.POSITIVE_INFINITY) {}

  async run(key: string | undefined, work: () => Promise<void>): Promise<void> {
    const inSlot = () => this.inSlot(work);
    if (key === undefined) return inSlot();
    const previous = this.chains.get(key) ?? Promise.resolve();
    const current = previous.then(inSlot, inSlot);
    const tail = current.catch(() => undefined);
    this.chains.set(key, tail);
    try {
      await current;
    } finally {
      if (this.chains.get(key) === tail) this.chains.delete(key);
    }
  }

  private async inSlot(work: () => Promise<void>): Promise<void> {
    if (this.running < this.maxRunning) this.running++;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      await work();
    } finally {
      // The slot goes straight to the next in line, so that a newcomer cannot take it in between.
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}
