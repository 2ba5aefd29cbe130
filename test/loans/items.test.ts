import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { capabilities } from '../../src/capabilities.js';
import { mergeRules } from '../../src/capability.js';
import { loanItems, loans, loanWaitlist, people } from '../../src/db/schema/index.js';
import { mergePeople } from '../../src/tenancy/link.js';
import { itemsSection } from '../../src/loans/plan-section.js';
import { sections } from '../support/plan.js';
import { anna, bram, chloe, createHarness, daan, type Harness } from '../support/harness.js';
import { GROUP, linkedComplex } from '../rota/setup.js';
import { addItems } from './setup.js';

const texts = (sent: { text: string }[]) => sent.map((s) => s.text);

describe('items: managed in chat and in the beheerplan', () => {
  let h: Harness;
  let complexId: number;
  beforeAll(async () => { h = await createHarness(); complexId = await linkedComplex(h); });
  afterAll(async () => { await h.close(); });

  it('a coordinator adds an item step by step with buttons; typed answers go to the flow, others pass', async () => {
    expect(texts(await h.fake.say(bram, GROUP, '/spullen'))).toEqual([
      'Er zijn hier nog geen spullen om te lenen. Een coördinator voegt ze toe met /item nieuw of in het beheerplan.',
    ]);
    const list = await h.fake.say(anna, GROUP, '/spullen');
    const start = await h.fake.press(anna, GROUP, list[0]!.buttons[0]![0]!.action);
    expect(texts(start)).toEqual(['Nieuw item, stap 1 van 6.\nHoe heet het? Typ de naam, bijvoorbeeld "Schuursleutel" of "Ladder".']);
    expect(texts(await h.fake.say(anna, GROUP, 'Schuursleutel'))).toEqual(['Nieuw item, stap 2 van 6.\nWat voor iets is Schuursleutel?']);
    const kind = h.fake.last(GROUP)!;
    expect(kind.buttons[0]!.map((b) => b.label)).toEqual(['🔑 sleutel', '🛠️ gereedschap', '📦 voorraad']);
    expect(texts(await h.fake.press(bram, GROUP, kind.buttons[0]![0]!.action))).toEqual(['Dit kan alleen een coördinator. Vraag een coördinator van je complex om hulp.']);
    await h.fake.press(anna, GROUP, kind.buttons[0]![0]!.action);
    expect(texts(await h.fake.say(anna, GROUP, 'sleutelkastje bij de voordeur'))).toEqual([
      'Nieuw item, stap 4 van 6.\nHoe lang mag iemand het normaal houden? Kies of typ, bijvoorbeeld "3 dagen".',
    ]);
    expect(texts(await h.fake.say(anna, GROUP, 'een eeuwigheid'))[0]).toMatch(/^Dat lees ik niet als een leentijd/);
    await h.fake.say(anna, GROUP, '4 uur');
    const approval = h.fake.last(GROUP)!;
    await h.fake.press(anna, GROUP, approval.buttons[0]![0]!.action);
    const preview = h.fake.last(GROUP)!;
    expect(preview.text).toBe('Nieuw item, stap 6 van 6.\n🔑 Schuursleutel\nPlek: sleutelkastje bij de voordeur\nLeentijd: 4 uur\nNee, vrij te lenen\nOpslaan?');
    const saved = await h.fake.press(anna, GROUP, preview.buttons[0]![0]!.action);
    expect(texts(saved)).toEqual(['✅ Schuursleutel staat erbij. Maak er een sticker voor, dan kan iedereen het met één scan lenen.']);
    expect(texts(await h.fake.press(anna, GROUP, preview.buttons[0]![0]!.action))).toEqual(['Deze vraag is al beantwoord.']);
    const [row] = await h.database.db.select().from(loanItems).where(eq(loanItems.complexId, complexId));
    expect(row).toMatchObject({ name: 'Schuursleutel', kind: 'key', location: 'sleutelkastje bij de voordeur', loanHours: 4, needsApproval: false });
    expect(texts(await h.fake.say(bram, GROUP, '/spullen'))).toEqual(['Spullen om te lenen (druk op een naam):\n🔑 Schuursleutel: beschikbaar']);
  });

  it('beheerplan items: import upserts by name, absent items are archived with their history, export round-trips', async () => {
    expect(sections.get('items')).toBe(itemsSection);
    const section = itemsSection;
    const plan = [
      { name: 'schuursleutel', aliases: ['sleutel schuur'], kind: 'key' as const, location: 'kastje', loan_hours: 6, needs_approval: false },
      { name: 'Ladder', aliases: [], kind: 'tool' as const, loan_hours: 24, needs_approval: true },
    ];
    const ctx = { complexId, now: h.clock.now, actorPersonId: null };
    await h.database.db.transaction((tx) => section.apply(tx, plan, ctx));
    const read = await section.read(h.database.db, complexId);
    // Upserted by name, case-insensitive: the item made in chat takes the file's spelling.
    expect(read).toEqual(plan);
    expect(await h.database.db.select().from(loanItems).where(eq(loanItems.complexId, complexId))).toHaveLength(2);
    // The ladder needs approval; a coordinator lends it at once.
    await h.fake.say(anna, GROUP, '/leen ladder');
    await h.database.db.transaction((tx) => section.apply(tx, [plan[0]!], ctx));
    expect((await section.read(h.database.db, complexId)).map((i) => i.name)).toEqual(['schuursleutel']);
    expect(await h.database.db.select().from(loans)).toHaveLength(1);
    await h.database.db.transaction((tx) => section.apply(tx, read, ctx));
    expect(await section.read(h.database.db, complexId)).toEqual(read);
  });

  it('merging two accounts moves loans and waitlist places (one place per item kept)', async () => {
    const ids = await addItems(h, complexId);
    const db = h.database.db;
    await h.fake.say(chloe, GROUP, '/leen bladblazer');
    await h.fake.press(daan, GROUP, `loan:q:${ids.get('Bladblazer')}`);
    await h.fake.press(bram, GROUP, `loan:q:${ids.get('Bladblazer')}`);
    const [d] = await db.select().from(people).where(eq(people.displayName, daan.name));
    const [c] = await db.select().from(people).where(eq(people.displayName, chloe.name));
    const [b] = await db.select().from(people).where(eq(people.displayName, bram.name));
    await db.transaction((tx) => mergePeople(tx, d!.id, b!.id, mergeRules(capabilities)));
    await db.transaction((tx) => mergePeople(tx, c!.id, b!.id, mergeRules(capabilities)));
    const waits = await db.select().from(loanWaitlist);
    expect(waits.map((w) => w.personId)).toEqual([b!.id]);
    const [blower] = await db.select().from(loans).where(eq(loans.itemId, ids.get('Bladblazer')!));
    expect(blower!.borrowerPersonId).toBe(b!.id);
  });
});
