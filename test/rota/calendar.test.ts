import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleCalendarRequest } from '../../src/rota/calendar-http.js';
import { setCalendarBaseUrl } from '../../src/rota/calendar.js';
import { anna, bram, createHarness, type Harness } from '../support/harness.js';
import { addTasks, GROUP, linkedComplex, task } from './setup.js';

describe('iCalendar feeds on the HTTP port', () => {
  let h: Harness;
  let server: Server;
  let base: string;
  beforeAll(async () => {
    h = await createHarness();
    const complexId = await linkedComplex(h);
    await addTasks(h, complexId, [task('Trappenhuis A vegen', 'elke zaterdag', { area: 'Trappenhuis A' }), task('Tuin bijhouden', 'elke zondag')]);
    server = createServer((req, res) => {
      handleCalendarRequest(req, res, h.database.db, () => h.clock.now).then((handled) => {
        if (!handled) res.writeHead(418).end('not mine');
      }).catch(() => res.writeHead(500).end());
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    setCalendarBaseUrl(`${base}/`);
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
    await h.close();
  });

  const links = (text: string) => [...text.matchAll(/(http:\/\/\S+\.ics)/g)].map((m) => m[1]!);

  it('/agenda sends the complex and personal links by DM; each serves a calendar', async () => {
    await h.fake.say(bram, GROUP, '/neem trap zaterdag');
    const [dm] = await h.fake.say(bram, GROUP, '/agenda');
    expect(dm!.toUser).toBe(bram.id);
    const [complexUrl, mineUrl] = links(dm!.text);
    expect(complexUrl).toMatch(new RegExp(`^${base}/calendar/[A-Za-z0-9_-]{32}\\.ics$`));
    const whole = await fetch(complexUrl!);
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-type')).toContain('text/calendar');
    const wholeText = await whole.text();
    expect(wholeText).toContain('BEGIN:VCALENDAR');
    expect(wholeText).toContain('SUMMARY:Trappenhuis A vegen (Bram Jansen)');
    expect(wholeText).toContain('SUMMARY:Tuin bijhouden');
    expect(wholeText).toContain('DTSTART:20261128T090000Z');
    const mine = await (await fetch(mineUrl!)).text();
    expect(mine.match(/BEGIN:VEVENT/g)).toHaveLength(1);
    expect(mine).toContain('SUMMARY:Trappenhuis A vegen (Bram Jansen)');
    // Asking again gives the same links.
    const [again] = await h.fake.say(bram, GROUP, '/agenda');
    expect(links(again!.text)).toEqual([complexUrl, mineUrl]);
  });

  it('rotating a link makes the old one stop working; unknown tokens and other paths', async () => {
    const [first] = await h.fake.say(anna, GROUP, '/agenda');
    const [oldComplex, oldMine] = links(first!.text);
    const [rotated] = await h.fake.say(anna, GROUP, '/agenda nieuw');
    const [newComplex, newMine] = links(rotated!.text);
    expect(newComplex).not.toBe(oldComplex);
    expect(newMine).not.toBe(oldMine);
    expect((await fetch(oldMine!)).status).toBe(404);
    expect((await fetch(oldComplex!)).status).toBe(404);
    expect((await fetch(newMine!)).status).toBe(200);
    expect((await fetch(`${base}/calendar/not-a-real-token-at-all.ics`)).status).toBe(404);
    expect((await fetch(`${base}/calendar/../../etc/passwd`)).status).toBe(418);
    expect((await fetch(`${base}/metrics`)).status).toBe(418);
    expect((await fetch(newMine!, { method: 'POST' })).status).toBe(405);
  });
});
