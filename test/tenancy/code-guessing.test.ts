import { capabilities } from '../../src/capabilities.js';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAdmin } from '../../src/admin/commands.js';
import { auditLog, chats, codeAttempts, joinCodes } from '../../src/db/schema/index.js';
import { pruneCodeAttempts } from '../../src/tenancy/code-attempts.js';
import { anna, bram, chloe, createHarness, daan, type Harness } from '../support/harness.js';

async function admin(h: Harness, ...argv: string[]): Promise<string[]> {
  const lines: string[] = [];
  await runAdmin({ db: h.database.db, now: h.clock.now, lang: 'en', out: (l) => lines.push(l), capabilities }, argv);
  return lines;
}

async function issueCode(h: Harness, complexId: number, ...extra: string[]): Promise<string> {
  return /Join code (\S+)/.exec((await admin(h, 'code', 'issue', '--complex', String(complexId), ...extra))[0]!)![1]!;
}

const minutes = (h: Harness, n: number) => { h.clock.now = new Date(h.clock.now.getTime() + n * 60_000); };

describe('guessing join and link codes is limited, and every wrong code gets the same answer', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await createHarness();
    await admin(h, 'complex', 'create', 'De Linde');
    await admin(h, 'complex', 'create', 'De Eik');
  });
  afterAll(() => h.close());

  it('unknown, expired and used join codes look the same', async () => {
    const used = await issueCode(h, 1);
    h.fake.group('g-used', 'Linde', [anna]);
    await h.fake.say(anna, 'g-used', `/koppel ${used}`);
    const expired = await issueCode(h, 2, '--days', '1');
    minutes(h, 2 * 24 * 60);
    h.fake.group('g-probe', 'Probe', [daan]);
    const answers = [];
    for (const code of ['ZZZZ-ZZZZ', expired, used]) {
      const [answer] = await h.fake.say(daan, 'g-probe', `/koppel ${code}`);
      answers.push(answer!.text.replace(/[A-Z0-9]{4}-[A-Z0-9]{4}/, 'CODE'));
    }
    expect(new Set(answers).size).toBe(1);
    expect(answers[0]).toBe('De code CODE werkt niet: hij bestaat niet, is verlopen of is al gebruikt. '
      + 'Controleer de code (letters en cijfers, bijvoorbeeld ABCD-2345) of vraag je corporatie om een nieuwe.');
  });

  it('after 5 wrong join codes in 10 minutes the person waits, even with the right code; later it works', async () => {
    minutes(h, 60);
    h.fake.group('g-guess', 'Gissers', [bram]);
    for (let i = 0; i < 5; i++) await h.fake.say(bram, 'g-guess', `/koppel AAAA-AAA${i + 2}`);
    const good = await issueCode(h, 2);
    const [limited] = await h.fake.say(bram, 'g-guess', `/koppel ${good}`);
    expect(limited!.text).toMatch(/^Te veel verkeerde codes geprobeerd \(hoogstens 5 in 10 minuten\)\. Probeer het opnieuw vanaf \w+ \d+ \w+ om \d\d:\d\d\.$/);
    expect(await h.database.db.select().from(chats).where(eq(chats.platformChatId, 'g-guess'))).toHaveLength(0);
    const [code] = await h.database.db.select().from(joinCodes).where(eq(joinCodes.code, good));
    expect(code!.usesLeft).toBe(1); // the refused try did not spend the code
    minutes(h, 11);
    const [linked] = await h.fake.say(bram, 'g-guess', `/koppel ${good}`);
    expect(linked!.text).toContain('Gelukt! Deze groep is nu gekoppeld aan De Eik');
  });

  it('the limit is per chat too: another person in the same chat is also held off', async () => {
    minutes(h, 60);
    h.fake.group('g-chat', 'Chat', [chloe, daan]);
    for (let i = 0; i < 3; i++) await h.fake.say(chloe, 'g-chat', `/setup BBBB-BBB${i + 2}`);
    for (let i = 0; i < 2; i++) await h.fake.say(daan, 'g-chat', `/koppel CCCC-CCC${i + 2}`);
    const [en] = await h.fake.say(chloe, 'g-chat', '/setup DDDD-DDD2');
    expect(en!.text).toMatch(/^Too many wrong codes tried \(at most 5 in 10 minutes\)\. Try again from \w+ \d+ \w+ at \d\d:\d\d\.$/);
  });

  it('account-link codes: wrong and expired look the same, and are limited the same way', async () => {
    minutes(h, 60);
    const [codeMsg] = await h.fake.say(anna, 'dm:u-anna', '/koppelaccount');
    const real = /koppelcode is (\S+)/.exec(codeMsg!.text)![1]!;
    minutes(h, 31);
    const [expired] = await h.fake.say(daan, 'dm:u-daan', `/koppelaccount ${real}`);
    const [wrong] = await h.fake.say(daan, 'dm:u-daan', '/koppelaccount EEEE-EEE2');
    expect(expired!.text).toBe(wrong!.text);
    for (let i = 0; i < 3; i++) await h.fake.say(daan, 'dm:u-daan', `/koppelaccount FFFF-FFF${i + 2}`);
    const [limited] = await h.fake.say(daan, 'dm:u-daan', '/koppelaccount GGGG-GGG2');
    expect(limited!.text).toContain('Te veel verkeerde codes geprobeerd');
  });

  it('every try is audited (without the code), and old tries are cleaned up', async () => {
    const tries = await h.database.db.select().from(auditLog).where(eq(auditLog.action, 'code.attempt'));
    const outcomes = tries.map((r) => (r.data as { outcome: string }).outcome);
    expect(outcomes.filter((o) => o === 'refused').length).toBeGreaterThanOrEqual(3);
    expect(outcomes.filter((o) => o === 'invalid').length).toBeGreaterThanOrEqual(15);
    expect(outcomes).toContain('ok');
    expect(JSON.stringify(tries.map((r) => r.data))).not.toMatch(/[A-Z0-9]{4}-[A-Z0-9]{4}/);
    const [daanRow] = await h.database.db.select({ n: codeAttempts.id }).from(codeAttempts)
      .where(and(eq(codeAttempts.kind, 'link'), eq(codeAttempts.outcome, 'refused')));
    expect(daanRow).toBeDefined();
    minutes(h, 2 * 24 * 60);
    expect(await pruneCodeAttempts(h.database.db, h.clock.now)).toBeGreaterThan(0);
    expect(await h.database.db.select().from(codeAttempts)).toHaveLength(0);
  });
});
