import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loanItems, pendingActions, reportDrafts, reports, rotaTasks } from '../../src/db/schema/index.js';
import { isStopWords } from '../../src/tenancy/cancel.js';
import { anna, bram, chloe, createHarness, type Harness } from '../support/harness.js';
import { GROUP, linkedComplex } from '../rota/setup.js';

const texts = (sent: { text: string }[]) => sent.map((s) => s.text);

describe('stop words', () => {
  it.each(['stop', 'Stop!', 'laat maar', 'Nee, laat maar', 'laat maar zitten 🙂', 'annuleer', 'toch niet', '@zelfbeheer_bot stop', 'cancel', 'never mind', 'Nevermind.', 'forget it'])('%j stops', (text) => {
    expect(isStopWords(text)).toBe(true);
  });
  it.each(['stop de muziek', 'de lift stopt steeds', 'laat maar weten wie de trap doet', 'bushalte', 'stopcontact in de hal is kapot', ''])('%j does not', (text) => {
    expect(isStopWords(text)).toBe(false);
  });
});

/** "stop", "laat maar" and /annuleer end the questions the bot is asking, whichever capability asks them. */
describe('stopping what the bot is asking (fake platform, real PostgreSQL)', () => {
  let h: Harness;
  const db = () => h.database.db;
  beforeAll(async () => {
    h = await createHarness({ now: new Date('2026-12-02T10:00:00Z') });
    await linkedComplex(h);
  });
  afterAll(async () => { await h.close(); });

  it('a report draft: "laat maar" at "where is it?" drops it, and the next text is no location', async () => {
    const dm = `dm:${bram.id}`;
    expect(texts(await h.fake.say(bram, dm, 'er ligt glas in de hal'))).toEqual(['Waar gaat het over?']);
    await h.fake.pressLabel(bram, dm, 'Schoonmaak');
    expect(await db().select().from(reportDrafts)).toHaveLength(1);
    expect(texts(await h.fake.say(bram, dm, 'laat maar'))).toEqual(['Oké, gestopt. Er is niets opgeslagen.']);
    expect(await db().select().from(reportDrafts)).toEqual([]);
    const after = texts(await h.fake.say(bram, dm, 'fietsenstalling'));
    expect(after.join('\n')).not.toContain('Melding');
    expect(await db().select().from(reports)).toEqual([]);
  });

  it('/annuleer and /stop: stopped, then nothing left to stop; someone else\'s draft is not theirs to stop', async () => {
    const dm = `dm:${bram.id}`;
    await h.fake.say(bram, dm, 'de lamp in de berging is kapot');
    await h.fake.say(chloe, `dm:${chloe.id}`, 'the front door does not close');
    expect(texts(await h.fake.say(chloe, `dm:${chloe.id}`, '/stop'))).toEqual(['OK, stopped. Nothing was saved.']);
    expect(texts(await h.fake.say(chloe, `dm:${chloe.id}`, 'never mind'))).toEqual(['There is nothing running here to stop.']);
    const left = await db().select().from(reportDrafts);
    expect(left.map((d) => d.text)).toEqual(['de lamp in de berging is kapot']);
    expect(texts(await h.fake.say(bram, dm, '/annuleer'))).toEqual(['Oké, gestopt. Er is niets opgeslagen.']);
    expect(texts(await h.fake.say(bram, dm, '/annuleer'))).toEqual(['Er loopt hier niets om te stoppen.']);
    // In the group, "stop" between neighbours with nothing open stays theirs.
    expect(await h.fake.say(bram, GROUP, 'stop')).toEqual([]);
  });

  it('a coordinator\'s new task and new item: "stop" is no name', async () => {
    const tasksBefore = await db().select().from(rotaTasks);
    expect(texts(await h.fake.say(anna, GROUP, '/taak nieuw')).join('\n')).toContain('stap 1');
    expect(texts(await h.fake.say(anna, GROUP, 'stop'))).toEqual(['Oké, gestopt. Er is niets opgeslagen.']);
    expect(await db().select().from(rotaTasks)).toEqual(tasksBefore);
    expect(await db().select().from(pendingActions).where(and(eq(pendingActions.action, 'rota.wizard'), eq(pendingActions.used, false)))).toEqual([]);

    expect(texts(await h.fake.say(anna, GROUP, '/item nieuw'))[0]).toMatch(/^Nieuw item, stap 1 van 6\./);
    expect(texts(await h.fake.say(anna, GROUP, 'laat maar'))).toEqual(['Oké, gestopt. Er is niets opgeslagen.']);
    expect(await db().select().from(loanItems)).toEqual([]);
    expect(await db().select().from(pendingActions).where(and(eq(pendingActions.action, 'loans.wizard'), eq(pendingActions.used, false)))).toEqual([]);
  });
});
