/**
 * Runs work for one key (a chat) one after another, in arrival order, while different keys run in
 * parallel. telegraf hands a whole getUpdates batch over at once; "/taal en" followed quickly by
 * "/help" must still answer the help in English.
 */
export class KeyedQueue {
  private readonly chains = new Map<string, Promise<void>>();

  async run(key: string | undefined, work: () => Promise<void>): Promise<void> {
    if (key === undefined) return work();
    const previous = this.chains.get(key) ?? Promise.resolve();
    const current = previous.then(work, work);
    const tail = current.catch(() => undefined);
    this.chains.set(key, tail);
    try {
      await current;
    } finally {
      if (this.chains.get(key) === tail) this.chains.delete(key);
    }
  }
}
