import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { announcements, auditLog, complexMembers, corporationRoles, people } from '../../src/db/schema/index.js';
import { createHttpServer, type HttpServer } from '../../src/http/server.js';
import { silentLogger } from '../../src/log.js';
import { handleCalendarRequest } from '../../src/rota/calendar-http.js';
import { setCalendarBaseUrl } from '../../src/rota/calendar.js';
import { setRole } from '../../src/tenancy/queries.js';
import { liaisonUser, seedCorporation } from '../support/complex-kit.js';
import { anna, bram, chloe, createHarness, daan, type Harness } from '../support/harness.js';

describe('roles follow membership: leaving the last linked chat ends the role and the calendar links', () => {
  let h: Harness;
  let http: HttpServer;
  let complexA: number;
  let complexB: number;

  const links = (text: string) => [...text.matchAll(/(http:\/\/\S+\.ics)/g)].map((m) => m[1]!);
  const personId = async (name: string) => (await h.database.db.select().from(people).where(eq(people.displayName, name)))[0]!.id;
  const roleIn = async (complexId: number, name: string) => (await h.database.db.select().from(complexMembers)
    .where(and(eq(complexMembers.complexId, complexId), eq(complexMembers.personId, await personId(name)))))[0]?.role ?? null;

  beforeAll(async () => {
    h = await createHarness();
    await seedCorporation(h, { a: [anna, bram, daan], coordinatorsA: [anna], b: [chloe], liaison: liaisonUser });
    [complexA, complexB] = [1, 2]; // De Linde and De Eik, in that order
    http = createHttpServer({ log: silentLogger, ready: async () => true });
    http.registerRoute('GET', '/calendar', async (req, res) => {
      if (!(await handleCalendarRequest(req, res, h.database.db, () => h.clock.now))) res.writeHead(404).end('not found');
    });
    setCalendarBaseUrl(`http://127.0.0.1:${await http.listen(0, '127.0.0.1')}`);
  });
  afterAll(async () => {
    await http.close();
    await h.close();
  });

  it('a removed coordinator can no longer announce from a DM, and their calendar link answers 404', async () => {
    const [dm] = await h.fake.say(anna, 'gA1', '/agenda');
    const [complexUrl, mineUrl] = links(dm!.text);
    expect((await fetch(mineUrl!)).status).toBe(200);
    // The group's platform admin is Bram: he takes over when the last coordinator leaves.
    h.fake.group('gA1', 'gA1', [anna, bram]);

    const said = await h.fake.leave(anna, 'gA1');
    expect(said.map((s) => [s.chatId, s.text])).toEqual([['gA1',
      'Anna de Vries was de laatste coördinator en is uit de groep. De beheerders van deze groep zijn nu coördinator: Bram Jansen.']]);
    expect(await roleIn(complexA, 'Anna de Vries')).toBeNull();
    expect(await roleIn(complexA, 'Bram Jansen')).toBe('coordinator');

    const before = await h.database.db.select().from(announcements);
    const [refused] = await h.fake.say(anna, 'dm:u-anna', '/mededeling De lift is kapot.');
    expect(refused!.text).toBe('Alleen coördinatoren (of contactpersonen van de corporatie) kunnen een mededeling versturen.');
    expect(await h.database.db.select().from(announcements)).toHaveLength(before.length);
    expect((await fetch(mineUrl!)).status).toBe(404);
    // The complex's own feed (every member has it) keeps working.
    expect((await fetch(complexUrl!)).status).toBe(200);
    const [left] = await h.database.db.select().from(auditLog).where(eq(auditLog.action, 'member.left'));
    expect(left).toMatchObject({ complexId: complexA, data: { role: 'coordinator', chatId: 'gA1' } });
  });

  it('when other coordinators remain nobody is told; a resident leaving loses only membership', async () => {
    await setRole(h.database.db, complexA, await personId('Daan Bakker'), 'coordinator');
    expect(await h.fake.leave(daan, 'gA2')).toEqual([]);
    expect(await roleIn(complexA, 'Daan Bakker')).toBeNull();
    // Coming back makes one a resident, not a coordinator again.
    await h.fake.say(daan, 'gA1', 'ik ben er weer');
    expect(await roleIn(complexA, 'Daan Bakker')).toBe('resident');
  });

  it('the last coordinator leaving a group without other admins: the group is told there is none', async () => {
    await setRole(h.database.db, complexB, await personId('Chloé Martin'), 'coordinator');
    const said = await h.fake.leave(chloe, 'gB');
    expect(said).toHaveLength(1);
    expect(said[0]!.text).toMatch(/^Chloé Martin was (de laatste coördinator|the last coordinator)/);
    expect(said[0]!.text).toMatch(/geen coördinator|no coordinator/);
  });

  it('a liaison removed from the liaison chat is no liaison any more', async () => {
    const [before] = await h.fake.say(liaisonUser, 'dm:u-lotte', '/announce Water is off on Monday.');
    expect(before!.text).toMatch(/^Mededeling #\d+ gaat nu naar 3 chats\.$/);
    await h.fake.leave(liaisonUser, 'liaison');
    expect(await h.database.db.select().from(corporationRoles)).toHaveLength(0);
    const [after] = await h.fake.say(liaisonUser, 'dm:u-lotte', '/announce Water is off on Tuesday.');
    expect(after!.text).toBe('Alleen coördinatoren (of contactpersonen van de corporatie) kunnen een mededeling versturen.');
    expect((await h.database.db.select().from(auditLog).where(eq(auditLog.action, 'liaison.left')))).toHaveLength(1);
  });
});
