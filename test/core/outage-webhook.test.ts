import { describe, it } from 'vitest';
import { outageScenario } from './outage.js';

describe('the database stops for 30 s mid-conversation (webhook)', () => {
  it('ten commands and presses posted meanwhile get 503 until it is back, then each is handled exactly once', async () => {
    await outageScenario('webhook', 30_000);
  }, 120_000);
});
