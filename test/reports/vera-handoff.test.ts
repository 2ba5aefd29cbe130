import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { runAdmin } from '../../src/admin/commands.js';
import { capabilities } from '../../src/capabilities.js';
import { reports, veraEndpoints, veraHandoffs } from '../../src/db/schema/index.js';
import { silentLogger } from '../../src/log.js';
import { openReport } from '../../src/reports/service.js';
import { createScheduler } from '../../src/scheduler/engine.js';
import { schedulerJobs } from '../../src/scheduler/jobs.js';
import { anna, bram, daan } from '../support/harness.js';
import { liaisonUser, seedCorporation } from '../support/complex-kit.js';
import { FakeCorporation } from '../support/vera/fake-corporation.js';
import { loggedHarness, trail } from './kit.js';

/**
 * The hand-off to the corporation's own system in the Aedes VERA standard (OHD), against a fake
 * corporation server on localhost that checks every request against OHD.yaml: escalating in chat
 * queues it (no HTTP in the chat flow), a scheduler tick posts the Onderhoudsverzoek with a bearer
 * token, failures are retried with back-off and never create a second verzoek, and status changes
 * in the corporation's system move the report (audited, the reporter told).
 */

const MIN = 60_000;

describe('VERA hand-off to the corporation\'s system', () => {
  let h: Awaited<ReturnType<typeof loggedHarness>>;
  let corp: FakeCorporation;
  let corporationId: number;
  let complexA: number;
  let personIds: Map<string, number>;
  const admin = async (...argv: string[]) => {
    const lines: string[] = [];
    await runAdmin({ db: h.database.db, now: h.clock.now, lang: 'en', out: (l) => lines.push(l), capabilities,
      readFile: async (path) => (path === '/run/secrets/vera' ? `${corp.clientSecret}\n` : '') }, argv);
    return lines;
  };
  const at = async (ms: number) => { h.clock.now = new Date(h.clock.now.getTime() + ms); await h.tick(); };
  const handoffOf = async (reportId: number) => h.database.db.select().from(veraHandoffs).where(eq(veraHandoffs.reportId, reportId));

  /** A private report by DM (Bram), escalated by the coordinator (Anna) with her button in chat. */
  async function escalated(text: string, category = 'maintenance') {
    const { report } = await h.database.db.transaction((tx) => openReport(tx, {
      complexId: complexA, reporterPersonId: personIds.get(bram.id)!, text, category, location: 'hal B', visibility: 'private', source: 'direct', now: h.clock.now,
    }));
    const answer = await h.fake.press(anna, 'dm:u-anna', `rep:t:${report.id}:escalate`);
    expect(answer[0]!.text.split('\n')[0]).toBe(`Melding #${report.number} is nu: bij de corporatie.`);
    return report;
  }

  beforeAll(async () => {
    h = await loggedHarness(new Date('2026-12-01T09:00:00Z'));
    ({ corporationId, complexA, personIds } = await seedCorporation(h, { a: [anna, bram, daan], coordinatorsA: [anna], liaison: liaisonUser }));
    corp = new FakeCorporation();
    await corp.start();
    // The scheduler plans from its first tick on (as in production, where it ticks every minute).
    await h.tick();
  });
  afterAll(async () => {
    await corp.stop();
    await h.close();
  });

  it('the operator sets the endpoint; the secret is read from a file and never shown', async () => {
    expect(await admin('vera', 'set', String(corporationId), '--url', corp.baseUrl, '--client-id', corp.clientId, '--client-secret-file', '/run/secrets/vera'))
      .toEqual([`Corporation ${corporationId}: escalations now go to ${corp.baseUrl} as VERA maintenance requests.`]);
    const [row] = await h.database.db.select().from(veraEndpoints).where(eq(veraEndpoints.corporationId, corporationId));
    // The token URL defaults to the spec's /oauth/token under the API.
    expect(row).toMatchObject({ baseUrl: corp.baseUrl, tokenUrl: corp.tokenUrl, clientId: corp.clientId, clientSecret: corp.clientSecret });
    const shown = await admin('vera', 'show', String(corporationId));
    expect(shown).toEqual([`Corporation ${corporationId}: ${corp.baseUrl} (token: ${corp.tokenUrl}), client id zelfbeheer-bot, client secret set (not shown).`]);
    // Plain http is refused except on this machine.
    await expect(admin('vera', 'set', String(corporationId), '--url', 'http://ohd.woonstede.nl/v4', '--client-id', 'x', '--client-secret-file', '/run/secrets/vera'))
      .rejects.toMatchObject({ key: 'reports.vera.admin.https' });
  });

  it('escalation in chat only queues; the tick posts a valid Onderhoudsverzoek with a bearer token and keeps its id', async () => {
    const report = await escalated('De lamp in hal B is kapot');
    // The chat flow made no request: the hand-off waits in the database.
    expect(corp.seen).toEqual([]);
    expect(await handoffOf(report.id)).toMatchObject([{ state: 'pending', attempts: 0, verzoekId: null }]);
    await at(MIN);
    expect(corp.invalid).toEqual([]);
    const posts = corp.seen.filter((s) => s.method === 'POST');
    expect(posts).toHaveLength(1);
    expect(posts[0]!.authorization).toBe('Bearer tok-1');
    expect(posts[0]!.body).toMatchObject({
      idExtern: `zelfbeheer-bot:${complexA}:${report.number}`, omschrijving: 'hal B: De lamp in hal B is kapot',
      status: { code: 'REG' }, onderhoudSoort: { code: 'REP', naam: 'Reparatie' },
    });
    // A private report: the reporter is not in it (the spec needs no contact; the liaison reaches them through the bot).
    expect(JSON.stringify(posts[0]!.body)).not.toMatch(/Bram|Jansen|relaties/);
    expect(await handoffOf(report.id)).toMatchObject([{ state: 'sent', verzoekId: 'OV-1001', attempts: 0 }]);
    expect(corp.tokensIssued).toBe(1);
  });

  it('status changes in the corporation\'s system move the report, audited, and the reporter is told', async () => {
    const [handoff] = await h.database.db.select().from(veraHandoffs).where(eq(veraHandoffs.verzoekId, 'OV-1001'));
    const reportId = handoff!.reportId;
    const [before] = await h.database.db.select().from(reports).where(eq(reports.id, reportId));
    // Registered changes nothing: the SLA clock for acknowledging keeps running.
    await at(15 * MIN);
    expect((await trail(h, reportId)).slice(-1)).toEqual(['new→escalated escalate (coordinator)']);
    corp.setStatus('OV-1001', 'INB', 'In behandeling');
    const dmsBefore = h.fake.dmsTo(bram.id).length;
    await at(15 * MIN);
    const [row] = await h.database.db.select().from(reports).where(eq(reports.id, reportId));
    expect(row).toMatchObject({ state: 'in_progress', heldBy: 'corporation' });
    expect(row!.liaisonAcknowledgedAt).not.toBeNull();
    expect((await trail(h, reportId)).slice(-1)).toEqual(['escalated→in_progress start (liaison)']);
    expect(h.fake.dmsTo(bram.id).slice(dmsBefore).map((s) => s.text.split('\n')[0])).toEqual([`Melding #${before!.number} is nu: in behandeling.`]);
    // Technically done → resolved; the reporter hears it (and later gets "is it fixed?").
    corp.setStatus('OV-1001', 'TEC', 'Technisch gereed');
    await at(15 * MIN);
    expect((await trail(h, reportId)).slice(-1)).toEqual(['in_progress→resolved resolve (liaison)']);
    expect(h.fake.dmsTo(bram.id).slice(-1)[0]!.text.split('\n')[0]).toBe(`Melding #${before!.number} is nu: opgelost.`);
    // Done: nothing more to do on our side, and following it stops.
    corp.setStatus('OV-1001', 'AFG', 'Afgehandeld');
    await at(15 * MIN);
    expect(await handoffOf(reportId)).toMatchObject([{ state: 'done', lastStatus: 'AFG' }]);
    expect((await trail(h, reportId)).slice(-1)).toEqual(['in_progress→resolved resolve (liaison)']);
    const requests = corp.seen.length;
    await at(60 * MIN);
    expect(corp.seen.length).toBe(requests);
    expect(corp.invalid).toEqual([]);
  });

  it('"is it fixed?" no: a new verzoek that refers to the earlier one, which is no longer followed', async () => {
    const [first] = await h.database.db.select().from(veraHandoffs).where(eq(veraHandoffs.verzoekId, 'OV-1001'));
    const reportId = first!.reportId;
    const answer = await h.fake.press(bram, 'dm:u-bram', `rep:fx:${reportId}:0`);
    expect(answer.length).toBeGreaterThan(0);
    expect((await trail(h, reportId)).slice(-1)).toEqual(['resolved→escalated reopen (reporter)']);
    const rows = await handoffOf(reportId);
    expect(rows.map((r) => [r.idExtern.split(':').slice(-2).join(':'), r.state])).toEqual([[`${complexA}:1`, 'done'], [`1:2`, 'pending']]);
    await at(MIN);
    const post = corp.seen.filter((s) => s.method === 'POST').at(-1)!;
    expect(post.body).toMatchObject({ idExtern: `zelfbeheer-bot:${complexA}:1:2`, onderhoudsverzoeken: [{ id: 'OV-1001' }] });
    expect(corp.invalid).toEqual([]);
    expect((await handoffOf(reportId))[1]).toMatchObject({ state: 'sent' });
    // Take it out of the way of the next tests: the corporation finishes it.
    corp.setStatus((await handoffOf(reportId))[1]!.verzoekId!, 'AFG', 'Afgehandeld');
    await at(15 * MIN);
    expect((await handoffOf(reportId))[1]).toMatchObject({ state: 'done' });
  });

  it('endpoint down for a while: retried with back-off, the chat unaffected, exactly one verzoek', async () => {
    corp.failNext(3, 503);
    const report = await escalated('De voordeur sluit niet meer');
    await at(MIN);
    expect(await handoffOf(report.id)).toMatchObject([{ state: 'pending', attempts: 1, lastError: 'find: HTTP 503' }]);
    // Not before the back-off has passed (1 minute, then 2).
    await at(30_000);
    expect(await handoffOf(report.id)).toMatchObject([{ attempts: 1 }]);
    await at(30_000);
    expect(await handoffOf(report.id)).toMatchObject([{ attempts: 2 }]);
    await at(2 * MIN);
    expect(await handoffOf(report.id)).toMatchObject([{ state: 'pending', attempts: 3 }]);
    await at(4 * MIN);
    const [done] = await handoffOf(report.id);
    expect(done).toMatchObject({ state: 'sent', attempts: 0, lastError: null });
    const mine = [...corp.verzoeken.values()].filter((v) => v.idExtern === `zelfbeheer-bot:${complexA}:${report.number}`);
    expect(mine.map((v) => v.id)).toEqual([done!.verzoekId]);
    expect(corp.invalid).toEqual([]);
  });

  it('while the corporation\'s system is down, its other hand-offs wait without calling it and without counting a failure', async () => {
    // Two escalations due in the same tick; the first call fails.
    const first = await escalated('Rookmelder in de gang piept');
    const second = await escalated('Kapotte tegel op de galerij');
    corp.failNext(1, 503);
    const before = corp.seen.length;
    await at(MIN);
    expect(corp.seen.length - before).toBe(1);
    const rows = [...await handoffOf(first.id), ...await handoffOf(second.id)];
    expect(rows.map((r) => [r.state, r.attempts])).toEqual([['pending', 1], ['pending', 0]]);
    await at(MIN);
    expect([...await handoffOf(first.id), ...await handoffOf(second.id)].map((r) => [r.state, r.attempts])).toEqual([['sent', 0], ['sent', 0]]);
  });

  it('a POST whose answer is lost (stored, then 500) or a dropped connection: found again by idExtern, never posted twice', async () => {
    corp.failNext(1, 'lost');
    const report = await escalated('Lekkage in de kelder');
    await at(MIN);
    expect(await handoffOf(report.id)).toMatchObject([{ state: 'pending', attempts: 1, lastError: 'create: HTTP 500' }]);
    corp.failNext(1, 'drop');
    await at(MIN);
    expect(await handoffOf(report.id)).toMatchObject([{ state: 'pending', attempts: 2 }]);
    await at(2 * MIN);
    const idExtern = `zelfbeheer-bot:${complexA}:${report.number}`;
    const mine = [...corp.verzoeken.values()].filter((v) => v.idExtern === idExtern);
    expect(mine).toHaveLength(1);
    expect(await handoffOf(report.id)).toMatchObject([{ state: 'sent', verzoekId: mine[0]!.id }]);
    expect(corp.seen.filter((s) => s.method === 'POST' && (s.body as { idExtern?: string }).idExtern === idExtern)).toHaveLength(1);
  });

  it('a refusal (422) fails the hand-off at once; the operator sees it and retries it', async () => {
    corp.failNext(1, 422);
    const report = await escalated('Trapleuning zit los');
    await at(MIN);
    const [failed] = await handoffOf(report.id);
    expect(failed).toMatchObject({ state: 'failed', attempts: 1, lastError: 'find: HTTP 422' });
    await at(30 * MIN);
    expect(await handoffOf(report.id)).toMatchObject([{ state: 'failed', verzoekId: null }]);
    const listed = (await admin('vera', 'handoffs')).filter((l) => l.startsWith(`#${failed!.id} `));
    expect(listed).toEqual([expect.stringMatching(new RegExp(`^#${failed!.id} zelfbeheer-bot:${complexA}:${report.number} failed, 1 failed attempt, .*error find: HTTP 422$`))]);
    expect(await admin('vera', 'retry', String(failed!.id))).toEqual([`Handoff #${failed!.id} will be tried again.`]);
    await expect(admin('vera', 'retry', String(failed!.id))).rejects.toMatchObject({ key: 'reports.vera.admin.notFailed' });
    await at(MIN);
    expect(await handoffOf(report.id)).toMatchObject([{ state: 'sent', attempts: 0 }]);
  });

  it('two scheduler instances ticking at once: the hand-off is posted once', async () => {
    const report = await escalated('De buitenlamp bij de ingang knippert');
    h.clock.now = new Date(h.clock.now.getTime() + MIN);
    const platforms = new Map([['fake', h.fake]]);
    const [one, two] = [0, 1].map(() => createScheduler({ db: h.database.db, log: silentLogger, platforms, jobs: schedulerJobs(capabilities) }));
    await Promise.all([one!.tick(h.clock.now), two!.tick(h.clock.now)]);
    const idExtern = `zelfbeheer-bot:${complexA}:${report.number}`;
    expect(corp.seen.filter((s) => s.method === 'POST' && (s.body as { idExtern?: string }).idExtern === idExtern)).toHaveLength(1);
    expect(await handoffOf(report.id)).toMatchObject([{ state: 'sent' }]);
  });

  it('the token is kept until it runs out; a 401 gets a new one at once, without a failed attempt', async () => {
    const issued = corp.tokensIssued;
    const report = await escalated('Het licht in de fietsenkelder brandt dag en nacht');
    await at(MIN);
    expect(corp.tokensIssued).toBe(issued);
    corp.revokeTokens();
    corp.setStatus((await handoffOf(report.id))[0]!.verzoekId!, 'INB', 'In behandeling');
    await at(15 * MIN);
    expect(corp.tokensIssued).toBe(issued + 1);
    expect(await handoffOf(report.id)).toMatchObject([{ state: 'sent', attempts: 0, lastStatus: 'INB' }]);
    // An hour later the token (expires_in 3600) has run out: one new token for all the status checks of that tick.
    const polls = corp.seen.length;
    await at(61 * MIN);
    expect(corp.seen.length - polls).toBeGreaterThan(1);
    expect(corp.tokensIssued).toBe(issued + 2);
    expect(corp.seen.slice(polls).every((s) => s.authorization === `Bearer tok-${issued + 2}`)).toBe(true);
  });

  it('cancelled in the corporation\'s system: back to the coordinators as "not ours"', async () => {
    const report = await escalated('Het hek klemt');
    await at(MIN);
    const [handoff] = await handoffOf(report.id);
    corp.setStatus(handoff!.verzoekId!, 'GEA', 'Geannuleerd');
    const toAnna = h.fake.dmsTo(anna.id).length;
    await at(15 * MIN);
    expect((await trail(h, report.id)).slice(-1)).toEqual(['escalated→acknowledged notOurs (liaison)']);
    expect(await handoffOf(report.id)).toMatchObject([{ state: 'done', lastStatus: 'GEA' }]);
    const told = h.fake.dmsTo(anna.id).slice(toAnna);
    expect(told.map((s) => s.text.split('\n')[0])).toEqual([`Melding #${report.number} is nu: gezien.`]);
    expect(told[0]!.buttons.flat().map((b) => b.label)).toContain('Naar corporatie');
  });

  it('no hand-off for a nuisance report, nor for a corporation without a VERA endpoint', async () => {
    const requests = corp.seen.length;
    const nuisance = await escalated('Harde muziek bij de buren, elke nacht', 'nuisance');
    expect(await handoffOf(nuisance.id)).toEqual([]);
    expect(await admin('vera', 'remove', String(corporationId))).toEqual([`VERA link of corporation ${corporationId} removed: new escalations stay in the chat.`]);
    const report = await escalated('De brievenbus is kapot');
    expect(await handoffOf(report.id)).toEqual([]);
    await at(15 * MIN);
    expect(corp.seen.slice(requests).filter((s) => s.method === 'POST')).toEqual([]);
  });

  it('the fake server can fail a request: an undeclared property, a wrong type, no token', async () => {
    const token = await fetch(corp.tokenUrl, { method: 'POST', headers: {
      authorization: `Basic ${Buffer.from(`${corp.clientId}:${corp.clientSecret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials&scope=OHD.Onderhoudsverzoeken.ReadWrite' }).then((r) => r.json() as Promise<{ access_token: string }>);
    const post = (body: unknown, auth = `Bearer ${token.access_token}`) => fetch(`${corp.baseUrl}/onderhoudsverzoeken`, {
      method: 'POST', headers: { authorization: auth, 'content-type': 'application/json', 'x-stuurgegevens-tijdstip-bericht': 'gisteren' }, body: JSON.stringify(body) });
    const invalidBefore = corp.invalid.length;
    expect((await post({ omschrijving: 5, melder: 'Bram' })).status).toBe(400);
    expect(corp.invalid.slice(invalidBefore)[0]!.problems).toEqual(expect.arrayContaining([
      'header X-Stuurgegevens-Tijdstip-Bericht: should match format "date-time"', '.omschrijving should be string', '.melder is not in the spec']));
    expect((await post({ omschrijving: 'x' }, 'Bearer tok-999')).status).toBe(401);
  });

  it('nothing secret or private in the logs: no client secret, no token, no report text', () => {
    const logged = h.logLines.join('\n');
    expect(logged).toContain('vera: onderhoudsverzoek delivered');
    expect(logged).toContain('vera: hand-off attempt failed');
    for (const secret of [corp.clientSecret, 'tok-1', 'Bearer', 'De lamp in hal B', 'Lekkage in de kelder', bram.name]) expect(logged).not.toContain(secret);
  });
});
