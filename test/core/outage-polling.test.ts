import { describe, it } from 'vitest';
import { outageScenario } from './outage.js';

describe('the database stops for 30 s mid-conversation (long polling)', () => {
  it('ten commands and presses sent meanwhile are each handled exactly once after it is back', async () => {
    await outageScenario('polling', 30_000);
  }, 120_000);
});
