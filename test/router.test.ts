import { silentLogger } from '../src/log.js';
import { createOutboxWorker } from '../src/outbox/worker.js';
import { Writable } from 'node:stream';
import { and, eq } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAdmin } from '../src/admin/commands.js';
import { createBot, type Bot } from '../src/bot.js';
import { auditLog, chats, complexMembers, identities, people } from '../src/db/schema/index.js';
import { capabilities } from '../src/capabilities.js';
import { reply, UserError } from '../src/handler.js';
import type { Capability } from '../src/capability.js';
import { msg } from '../src/i18n/index.js';
import { anna, bram, chloe, daan } from './support/harness.js';
import { testDatabase, type TestDatabase } from './support/db.js';
import { FakePlatform, type FakeUser } from './support/fake-platform.js';

const eva: FakeUser = { id: 'u-eva', name: 'Eva Smit', username: 'eva', language: 'en' };
const finn: FakeUser = { id: 'u-finn', name: 'Finn de Boer', username: 'finn', language: 'de' };

/** A capability that exists only here, to see how the router treats handlers that fail. */
const crashCount = { n: 0 };
const testFeature: Capability = {
  name: 'router-test',
  commands: [
    {
      names: { nl: ['boem'], en: ['boom'] }, requires: 'anyone',
      async run() { crashCount.n++; throw new Error('kaboom in handler'); },
    },
    {
      names: { nl: ['oeps'], en: ['oops'] }, requires: 'complex',
      async run() { throw new UserError(msg('onboarding.role.needName')); },
    },
  ],
  buttons: [{
    // 'test:thing:<complexId>': an entity that belongs to the complex in its id (0: gone).
    prefix: 'test:thing', requires: 'complex',
    async scope(_ctx, [id]) { return Number(id) || null; },
    async run(ctx) { return reply(msg('core.plain', { text: `thing of ${ctx.complex!.name}` })); },
  }, {
    prefix: 'test:coord', requires: 'coordinator',
    async scope(_ctx, [id]) { return Number(id) || null; },
    async run(ctx) { return reply(msg('core.plain', { text: `${ctx.role} acts in ${ctx.complex!.name}` })); },
  }, {
    prefix: 'test:escalation', requires: 'liaison',
    async scope(_ctx, [id]) { return Number(id) || null; },
    async run(ctx) { return reply(msg('core.plain', { text: `liaison acts in ${ctx.complex!.name}` })); },
  }],
};

describe('the router', () => {
  let database: TestDatabase;
  let bot: Bot;
  let fake: FakePlatform;
  const logLines: Record<string, unknown>[] = [];
  const clock = { now: new Date('2026-11-22T10:00:00Z') };

  const memberRole = async (user: FakeUser, complexId = 1) => {
    const [row] = await database.db.select({ role: complexMembers.role }).from(complexMembers)
      .innerJoin(identities, eq(identities.personId, complexMembers.personId))
      .where(and(eq(identities.platformUserId, user.id), eq(complexMembers.complexId, complexId)));
    return row?.role ?? null;
  };

  beforeAll(async () => {
    database = await testDatabase();
    const log = pino({ level: 'info' }, new Writable({
      write(chunk: Buffer, _enc, done) { logLines.push(JSON.parse(chunk.toString()) as Record<string, unknown>); done(); },
    }));
    bot = createBot({ db: database.db, log, capabilities: [...capabilities, testFeature], now: () => clock.now });
    fake = new FakePlatform(bot);
    const io = { db: database.db, now: clock.now, lang: 'en' as const, capabilities, out: () => {} };
    await runAdmin(io, ['complex', 'create', 'De Linde']);
    await runAdmin(io, ['complex', 'create', 'Riverside', '--language', 'en']);
    const codes: string[] = [];
    await runAdmin({ ...io, out: (l) => codes.push(/Join code (\S+)/.exec(l)![1]!) }, ['code', 'issue', '--complex', '1']);
    await runAdmin({ ...io, out: (l) => codes.push(/Join code (\S+)/.exec(l)![1]!) }, ['code', 'issue', '--complex', '2']);
    fake.group('g1', 'Bewoners De Linde', [anna]);
    fake.group('g2', 'Riverside residents', [eva]);
    expect((await fake.say(anna, 'g1', `/koppel ${codes[0]}`))[0]!.text).toContain('gekoppeld aan De Linde');
    expect((await fake.say(eva, 'g2', `/setup ${codes[1]}`))[0]!.text).toContain('linked to Riverside');
  });
  afterAll(async () => { await database.close(); });

  it('refuses coordinator commands to a resident, in their language, and changes nothing', async () => {
    await fake.say(bram, 'g1', 'hallo');
    await fake.say(chloe, 'g1', 'hi all');
    expect(await memberRole(bram)).toBe('resident');
    const auditBefore = await database.db.$count(auditLog);

    const [nl] = await fake.say(bram, 'g1', '/coordinator @bram');
    expect(nl!.text).toBe('Dit kan alleen een coördinator. Vraag een coördinator van je complex om hulp.');
    // In the group the answer is in the group's language; to Chloé alone it is in hers.
    const [inGroup] = await fake.say(chloe, 'g1', '/coordinator @chloe');
    expect(inGroup!.text).toBe('Dit kan alleen een coördinator. Vraag een coördinator van je complex om hulp.');
    const [en] = await fake.say(chloe, 'dm:u-chloe', '/members');
    expect(en!.text).toBe('Only a coordinator can do this. Ask a coordinator of your complex for help.');
    const [members] = await fake.say(bram, 'g1', '/leden');
    expect(members!.text).toContain('Dit kan alleen een coördinator');

    expect(await memberRole(bram)).toBe('resident');
    expect(await memberRole(chloe)).toBe('resident');
    expect(await database.db.$count(auditLog)).toBe(auditBefore);
    // The coordinator can.
    const [done] = await fake.say(anna, 'g1', '/coordinator @bram');
    expect(done!.text).toBe('Bram Jansen is nu coördinator.');
    expect(await memberRole(bram)).toBe('coordinator');
  });

  it('explains how to set up when a command is used in a group that is not linked', async () => {
    fake.group('g-new', 'Nieuwe groep', [daan]);
    for (const command of ['/leden', '/hulp', '/start']) {
      const [answer] = await fake.say(daan, 'g-new', command);
      expect(answer!.text, command).toContain('Deze groep is nog niet gekoppeld aan een complex');
      expect(answer!.text, command).toContain('/koppel <code>');
    }
    const [en] = await fake.say(chloe, 'g-new', '/members');
    expect(en!.text).toContain('/setup <code>');
    expect(await database.db.select().from(chats).where(eq(chats.platformChatId, 'g-new'))).toEqual([]);
  });

  it('answers an unknown command with a hint to help, in Dutch and in English', async () => {
    const [nl] = await fake.say(bram, 'g1', '/vliegen morgen');
    expect(nl!.text).toBe('Die opdracht ken ik niet: /vliegen. Typ /hulp voor wat ik kan.');
    const [en] = await fake.say(chloe, 'dm:u-chloe', '/fly');
    expect(en!.text).toBe('I do not know the command /fly. Type /help to see what I can do.');
  });

  it('answers an unexpected handler error with a short apology, logs it, and keeps working', async () => {
    logLines.length = 0;
    const [nl] = await fake.say(bram, 'g1', '/boem');
    expect(nl!.text).toBe('Sorry, er ging iets mis aan mijn kant. Probeer het zo nog eens.');
    expect(nl!.text).not.toContain('kaboom');
    const [en] = await fake.say(chloe, 'dm:u-chloe', '/boom');
    expect(en!.text).toBe('Sorry, something went wrong on my side. Please try again in a moment.');
    expect(crashCount.n).toBe(2);
    const failures = logLines.filter((l) => l.msg === 'handler failed');
    expect(failures).toHaveLength(2);
    expect(failures[0]).toMatchObject({ level: 50, platform: 'fake', kind: 'command', command: 'boem', chatId: 'g1', userId: 'u-bram' });
    expect(JSON.stringify(failures[0]!.err)).toContain('kaboom in handler');

    // A fixable error is answered with its own text and is not logged as a failure.
    const [fixable] = await fake.say(bram, 'g1', '/oeps');
    expect(fixable!.text).toBe('Over wie gaat het? Typ bijvoorbeeld /coordinator @anna.');
    expect(logLines.filter((l) => l.msg === 'handler failed')).toHaveLength(2);

    // The next event is handled normally.
    const [after] = await fake.say(bram, 'g1', '/start');
    expect(after!.text).toBe('Hallo! Deze groep hoort bij De Linde. Typ /hulp om te zien wat ik kan.');
  });

  it('a reply the platform fails to take is retried, never replaced by an apology; the next event works', async () => {
    logLines.length = 0;
    const worker = createOutboxWorker({ db: database.db, log: silentLogger, platforms: new Map([['fake', fake]]), clock: () => clock.now, limits: {} });
    const before = fake.sent.length;
    fake.failNext = 1; // a network error on the reply
    expect(await fake.say(bram, 'g1', '/start')).toEqual([]);
    expect(logLines.filter((l) => l.msg === 'handler failed')).toHaveLength(0);
    // Later events in the chat wait behind it, so the chat's order holds…
    expect(await fake.say(bram, 'g1', '/start')).toEqual([]);
    // …and after the retry pause both arrive, once each, in order; nobody was told "sorry". (The answers
    // before them are marked sent first: until then they are still their chat's oldest unfinished rows.)
    await bot.flush();
    clock.now = new Date(clock.now.getTime() + 5000);
    await worker.runOnce();
    await worker.runOnce();
    const texts = fake.inChat('g1').slice(-2).map((m) => m.text);
    expect(texts).toEqual(['Hallo! Deze groep hoort bij De Linde. Typ /hulp om te zien wat ik kan.', 'Hallo! Deze groep hoort bij De Linde. Typ /hulp om te zien wat ik kan.']);
    expect(fake.sent.slice(before).some((m) => m.text.startsWith('Sorry'))).toBe(false);
    const [after] = await fake.say(bram, 'g1', '/start');
    expect(after!.text).toContain('Deze groep hoort bij De Linde');
  });

  it('re-authorises a button press against the complex its entity belongs to', async () => {
    logLines.length = 0;
    const [own] = await fake.press(bram, 'g1', 'test:thing:1');
    expect(own!.text).toBe('thing of De Linde');
    // A button of Riverside's entity pressed in De Linde's group (e.g. a forged or forwarded action).
    const [foreign] = await fake.press(bram, 'g1', 'test:thing:2');
    expect(foreign!.text).toBe('Deze knop is niet (meer) voor jou of voor deze groep bedoeld.');
    expect(logLines.filter((l) => l.msg === 'button refused: entity of another complex')).toHaveLength(1);
    // In a direct chat: allowed for a member of the entity's complex, who then acts in that complex.
    const [inDm] = await fake.press(eva, 'dm:u-eva', 'test:thing:2');
    expect(inDm!.text).toBe('thing of Riverside');
    const [notMember] = await fake.press(bram, 'dm:u-bram', 'test:thing:2');
    expect(notMember!.text).toContain('Deze knop is niet (meer) voor jou');
    // The entity is gone, or the button is unknown: it no longer works.
    const [gone] = await fake.press(bram, 'g1', 'test:thing:0');
    expect(gone!.text).toBe('Deze knop werkt niet meer. Vraag het opnieuw aan.');
    const [unknown] = await fake.press(bram, 'g1', 'nothing:here');
    expect(unknown!.text).toBe('Deze knop werkt niet meer. Vraag het opnieuw aan.');
  });

  it('checks the role in the complex of the button, not in the person’s other complex (direct chat)', async () => {
    // Anna coordinates De Linde and is a plain resident of Riverside; De Linde is her latest group.
    await fake.say(anna, 'g2', 'hello');
    await fake.say(anna, 'g1', 'hallo');
    const [refused] = await fake.press(anna, 'dm:u-anna', 'test:coord:2');
    expect(refused!.text).toBe('Dit kan alleen een coördinator. Vraag een coördinator van je complex om hulp.');
    const [allowed] = await fake.press(anna, 'dm:u-anna', 'test:coord:1');
    expect(allowed!.text).toBe('coordinator acts in De Linde');
    // Eva coordinates Riverside and is a resident of De Linde, her latest group.
    await fake.say(eva, 'g1', 'hi');
    const [evaAllowed] = await fake.press(eva, 'dm:u-eva', 'test:coord:2');
    expect(evaAllowed!.text).toBe('coordinator acts in Riverside');
    const [evaRefused] = await fake.press(eva, 'dm:u-eva', 'test:coord:1');
    expect(evaRefused!.text).toContain('Only a coordinator can do this');
  });

  it('lets a corporation’s liaison act on its complexes’ buttons, in the liaison chat and by direct message', async () => {
    const io = { db: database.db, now: clock.now, lang: 'en' as const, capabilities, out: () => {} };
    const lines: string[] = [];
    await runAdmin(io, ['corporation', 'create', 'Woonstede']);
    await runAdmin(io, ['complex', 'create', 'Parkzicht', '--corporation', '1']);
    await runAdmin({ ...io, out: (l) => lines.push(l) }, ['code', 'issue', '--liaison', '--corporation', '1']);
    const lisa: FakeUser = { id: 'u-lisa', name: 'Lisa Woonstede', language: 'nl' };
    fake.group('liaison', 'Woonstede meldingen', [lisa]);
    const [linked] = await fake.say(lisa, 'liaison', `/koppel ${/Join code (\S+)/.exec(lines[0]!)![1]!}`);
    expect(linked!.text).toContain('contactchat van Woonstede');

    const [inChat] = await fake.press(lisa, 'liaison', 'test:escalation:3');
    expect(inChat!.text).toBe('liaison acts in Parkzicht');
    const [inDm] = await fake.press(lisa, 'dm:u-lisa', 'test:escalation:3');
    expect(inDm!.text).toBe('liaison acts in Parkzicht');
    // Not a complex of this corporation, or not a liaison: refused.
    const [otherComplex] = await fake.press(lisa, 'liaison', 'test:escalation:1');
    expect(otherComplex!.text).toContain('Deze knop is niet (meer) voor jou');
    const [resident] = await fake.press(bram, 'dm:u-bram', 'test:escalation:3');
    expect(resident!.text).toContain('Deze knop is niet (meer) voor jou');
    const [residentOwn] = await fake.press(bram, 'g1', 'test:escalation:1');
    expect(residentOwn!.text).toBe('Dit kan alleen de contactpersoon van de corporatie.');
  });

  it('gives a redelivered event (same update id) no second effect', async () => {
    await fake.say(daan, 'g1', 'hoi');
    const auditBefore = await database.db.$count(auditLog);
    const first = await fake.say(anna, 'g1', '/coordinator @daan', { updateId: 'upd-42' });
    expect(first.map((s) => s.text)).toEqual(['Daan Bakker is nu coördinator.']);
    await fake.say(anna, 'g1', '/bewoner @daan', { updateId: 'upd-43' });
    expect(await memberRole(daan)).toBe('resident');

    // The platform delivers update 42 again (e.g. after a restart): no reply, no promotion.
    const again = await fake.say(anna, 'g1', '/coordinator @daan', { updateId: 'upd-42' });
    expect(again).toEqual([]);
    expect(await memberRole(daan)).toBe('resident');
    expect(await database.db.$count(auditLog)).toBe(auditBefore + 2);

    // Update ids are per platform: the same id from another platform is a different update.
    const other = new FakePlatform(bot, 'console');
    const [fromConsole] = await other.say(daan, 'dm:u-daan', '/start', { updateId: 'upd-42' });
    expect(fromConsole!.text).toContain('Hallo Daan Bakker!');
  });

  it('answers /start and /help in a direct message', async () => {
    const [start] = await fake.say(finn, 'dm:u-finn', '/start');
    expect(start!.chatId).toBe('dm:u-finn');
    expect(start!.text).toContain('Hallo Finn de Boer! Ik ben de zelfbeheer-bot van je complex.');
    const [help] = await fake.say(finn, 'dm:u-finn', '/hulp');
    expect(help!.text).toContain('Dit kan ik voor je doen:');
    expect(help!.text).toContain('/taal – taal kiezen (nl/en)');
    expect(help!.text).toContain('/koppelaccount');
    // Group-only commands are not offered in a direct chat.
    expect(help!.text).not.toContain('/coordinator');
    const [helpEn] = await fake.say(chloe, 'dm:u-chloe', '/help');
    expect(helpEn!.text).toContain('This is what I can do for you:');
    expect(helpEn!.text).toContain('/language – choose your language (nl/en)');
  });

  it('picks the language: a group gets the complex’s; one person their choice, then the platform language, then the complex default', async () => {
    // Riverside's language is English: every answer in its group is in English, whoever asks.
    const [complexDefault] = await fake.say(finn, 'g2', '/hulp');
    expect(complexDefault!.text).toContain('This is what I can do for you:');
    const [inGroup] = await fake.say(bram, 'g2', '/help');
    expect(inGroup!.text).toContain('This is what I can do for you:');
    // Finn's platform language (de) is not supported: to him alone, his complex's default.
    const [finnAlone] = await fake.say(finn, 'dm:u-finn', '/help');
    expect(finnAlone!.text).toContain('This is what I can do for you:');
    // Eva's platform says English, but she chose Dutch: her choice wins in everything to her alone.
    await fake.say(eva, 'g2', '/language nl');
    const [choice] = await fake.say(eva, 'dm:u-eva', '/help');
    expect(choice!.text).toContain('Dit kan ik voor je doen:');
    const [stillGroup] = await fake.say(eva, 'g2', '/help');
    expect(stillGroup!.text).toContain('This is what I can do for you:');
    const [choiceInDm] = await fake.say(eva, 'dm:u-eva', '/start');
    expect(choiceInDm!.text).toContain('Hallo Eva Smit!');
    const [stored] = await database.db.select({ language: people.language }).from(people)
      .innerJoin(identities, eq(identities.personId, people.id)).where(eq(identities.platformUserId, 'u-eva'));
    expect(stored!.language).toBe('nl');
    // In a direct chat the complex is the person's own: Finn now belongs to Riverside.
    const [dm] = await fake.say(finn, 'dm:u-finn', '/nothing');
    expect(dm!.text).toBe('I do not know the command /nothing. Type /help to see what I can do.');
    // No choice, no supported platform language, no complex: Dutch.
    const hans: FakeUser = { id: 'u-hans', name: 'Hans Müller', language: 'de-DE' };
    const [fallback] = await fake.say(hans, 'dm:u-hans', '/nothing');
    expect(fallback!.text).toBe('Die opdracht ken ik niet: /nothing. Typ /hulp voor wat ik kan.');
  });

  it('greets a member who joins a linked group, and records them as a resident', async () => {
    const gert: FakeUser = { id: 'u-gert', name: 'Gert Visser', username: 'gert', language: 'nl' };
    const [welcome] = await fake.join(gert, 'g1');
    expect(welcome!.chatId).toBe('g1');
    expect(welcome!.text).toBe('Welkom Gert Visser! Typ /hulp om te zien wat ik voor je kan doen.');
    expect(await memberRole(gert)).toBe('resident');
    // Another bot joining, or someone joining a group that is not linked: silence.
    expect(await fake.join({ id: 'u-otherbot', name: 'Other bot' }, 'g1', { isBot: true })).toEqual([]);
    expect(await fake.join(gert, 'g-new')).toEqual([]);
  });

  it('does not make someone a member by leaving the group', async () => {
    const ida: FakeUser = { id: 'u-ida', name: 'Ida Kok', language: 'nl' };
    expect(await fake.leave(ida, 'g1')).toEqual([]);
    expect(await memberRole(ida)).toBeNull();
  });

  it('keeps the link when the platform gives the group a new id', async () => {
    expect(await fake.migrate(anna, 'g1', 'g1-super')).toEqual([]);
    const [start] = await fake.say(bram, 'g1-super', '/start');
    expect(start!.text).toBe('Hallo! Deze groep hoort bij De Linde. Typ /hulp om te zien wat ik kan.');
    expect(await memberRole(bram)).toBe('coordinator');
    const rows = await database.db.select({ id: chats.platformChatId, complexId: chats.complexId }).from(chats)
      .where(eq(chats.complexId, 1));
    expect(rows).toEqual([{ id: 'g1-super', complexId: 1 }]);
  });

  it('stays silent on chatter in a group that no handler takes', async () => {
    expect(await fake.say(bram, 'g1-super', 'wie heeft de sleutel?')).toEqual([]);
    expect(await fake.say(daan, 'g-new', 'hallo?')).toEqual([]);
  });
});
