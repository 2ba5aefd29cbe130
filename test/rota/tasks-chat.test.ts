import { capabilities } from '../../src/capabilities.js';
import { mergeRules } from '../../src/capability.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, isNull } from 'drizzle-orm';
import { rotaClaims, rotaOccurrences, rotaPreferences, rotaTasks } from '../../src/db/schema/index.js';
import { claimOccurrence } from '../../src/rota/claims.js';
import { mergePeople } from '../../src/tenancy/link.js';
import { ensurePerson, setRole } from '../../src/tenancy/queries.js';
import { anna, bram, createHarness, daan, type Harness } from '../support/harness.js';
import { GROUP, linkedComplex } from './setup.js';

describe('tasks in chat, release window, identity merge', () => {
  let h: Harness;
  let complexId: number;
  beforeAll(async () => {
    h = await createHarness();
    complexId = await linkedComplex(h);
  });
  afterAll(async () => { await h.close(); });

  it('a coordinator adds a task in one line, sees the preview and saves it with a button; residents cannot', async () => {
    const [none] = await h.fake.say(anna, GROUP, '/taak');
    expect(none!.text).toContain('/taak nieuw Trappenhuis vegen, elke zaterdag');
    const [refused] = await h.fake.say(bram, GROUP, '/taak nieuw Trap, elke zaterdag');
    expect(refused!.text).toContain('Dit kan alleen een coördinator');
    const [preview] = await h.fake.say(anna, GROUP, '/taak nieuw Trappenhuis A vegen, elke zaterdag om 09:30, 30 min, 1 persoon, 2 punten, gebied Trappenhuis A');
    expect(preview!.text).toBe('Zo zet ik de nieuwe taak erin. Klopt het?\n• Trappenhuis A vegen (Trappenhuis A) — elke zaterdag, 09:30, 30 min, 1 pers., 2 punten');
    expect(await h.database.db.select().from(rotaTasks)).toHaveLength(0);
    const [saved] = await h.fake.pressLabel(anna, GROUP, 'Opslaan');
    expect(saved!.text).toBe('Taak Trappenhuis A vegen toegevoegd. Zie /rooster.');
    const [twice] = await h.fake.press(anna, GROUP, h.fake.sent.find((s) => s.text.startsWith('Zo zet ik'))!.buttons[0]![0]!.action);
    expect(twice!.text).toBe('Deze knop werkt niet meer. Vraag het opnieuw aan.');
    const [view] = await h.fake.say(bram, GROUP, '/rooster');
    expect(view!.text).toContain('• za 28 nov 09:30 — Trappenhuis A vegen: open (1)');
  });

  it('a bad recurrence names the task; edit moves unclaimed turns; pause and resume by button', async () => {
    const [bad] = await h.fake.say(anna, GROUP, '/taak nieuw Tuin, af en toe');
    expect(bad!.text).toContain('Taak "Tuin": ik begrijp de herhaling "af en toe" niet.');
    const [edit] = await h.fake.say(anna, GROUP, '/taak wijzig trappenhuis a vegen, elke zondag, 2 personen');
    expect(edit!.text).toContain('• Trappenhuis A vegen (Trappenhuis A) — elke zondag, 09:30, 30 min, 2 pers., 2 punten');
    await h.fake.pressLabel(anna, GROUP, 'Opslaan');
    const occs = await h.database.db.select().from(rotaOccurrences);
    expect(occs.every((o) => o.dueAt.getUTCDay() === 0 && o.people === 2)).toBe(true);
    await h.fake.say(anna, GROUP, '/taak');
    const [paused] = await h.fake.pressLabel(anna, GROUP, 'Pauzeer Trappenhuis A vegen');
    expect(paused!.text).toBe('Taak Trappenhuis A vegen is gepauzeerd; open beurten zijn van het rooster gehaald.');
    expect(await h.database.db.select().from(rotaOccurrences)).toHaveLength(0);
    const [list] = await h.fake.say(anna, GROUP, '/taak');
    expect(list!.text).toContain('(gepauzeerd)');
    await h.fake.pressLabel(anna, GROUP, 'Hervat Trappenhuis A vegen');
    expect(await h.database.db.select().from(rotaOccurrences)).toHaveLength(8);
  });

  it('releasing inside the release window (from a DM) tells the group the turn is open again', async () => {
    h.clock.now = new Date('2026-11-28T12:00:00Z'); // Saturday; the turn is Sunday 09:30
    await h.fake.say(daan, GROUP, '/neem trap');
    const sent = await h.fake.say(daan, `dm:${daan.id}`, '/vrijgeven trap');
    expect(sent.map((s) => [s.chatId, s.text])).toEqual([
      [`dm:${daan.id}`, 'Daan Bakker heeft Trappenhuis A vegen, zo 29 nov 09:30 vrijgegeven.'],
      [GROUP, 'Trappenhuis A vegen, zo 29 nov 09:30 is weer open! Wie neemt hem?'],
    ]);
    expect(sent[1]!.buttons.flat()[0]!.action).toMatch(/^rota:c:\d+$/);
    h.clock.now = new Date('2026-11-22T10:00:00Z');
  });

  it('merging two people moves claims, preferences and absences; a doubled slot is released', async () => {
    const db = h.database.db;
    const { person: other } = await ensurePerson(db, { platform: 'console', userId: 'bram-console', displayName: 'Bram (console)' });
    await setRole(db, complexId, other.id, 'resident');
    const { person: bramRow } = await ensurePerson(db, { platform: 'fake', userId: bram.id, displayName: bram.name });
    const [occ] = await db.select().from(rotaOccurrences).orderBy(rotaOccurrences.dueAt).limit(1);
    const now = new Date('2026-11-22T10:00:00Z');
    expect((await claimOccurrence(db, occ!.id, other.id, now)).ok).toBe(true);
    expect((await claimOccurrence(db, occ!.id, bramRow.id, now)).ok).toBe(true);
    await db.insert(rotaPreferences).values({ complexId, personId: other.id, autoAssign: true });
    await db.transaction((tx) => mergePeople(tx, other.id, bramRow.id, mergeRules(capabilities)));
    const active = await db.select().from(rotaClaims).where(and(eq(rotaClaims.occurrenceId, occ!.id), isNull(rotaClaims.releasedAt)));
    expect(active.map((c) => c.personId)).toEqual([bramRow.id]);
    expect(await db.select().from(rotaPreferences).where(eq(rotaPreferences.personId, bramRow.id))).toHaveLength(1);
    expect(await db.select().from(rotaClaims).where(eq(rotaClaims.personId, other.id))).toHaveLength(0);
  });
});
