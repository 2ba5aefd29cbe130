import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chats, complexMembers, pollDefinitions, pollInstances } from '../../src/db/schema/index.js';
import { silentLogger } from '../../src/log.js';
import { closePoll, openPoll } from '../../src/polls/service.js';
import type { ContractWorld, Place, Seen, Who } from './world.js';

const LONG = 'Gemeenschappelijke ruimte fietsenstalling en trappenhuis B opruimen dweilen en stofzuigen <&> *niet*';

/** Messages that appeared in a chat since an earlier look (by count), edits of older ones excluded. */
function since(before: Seen[], now: Seen[]): Seen[] {
  const old = new Set(before.map((s) => s.id));
  return now.filter((s) => !old.has(s.id));
}

/**
 * The adapter contract: one conversation, the same for every adapter (the in-process fake, the
 * console, Telegram, Discord), with the real bot, the real outbox and a real database behind it.
 * Command, button that edits its message in place, direct chat, an answer for one person only,
 * a poll (native or buttons, as the adapter's flags say), a text longer than one message (split,
 * never cut) and a 429 on a send (honoured through the outbox: late, once, no apology).
 */
export function adapterContract(name: string, makeWorld: () => Promise<ContractWorld>): void {
  describe(`adapter contract: ${name}`, () => {
    let w: ContractWorld;
    beforeAll(async () => { w = await makeWorld(); }, 60_000);
    afterAll(async () => { await w?.close(); });

    const last = (who: Who, where: Place): Seen => {
      const s = w.seen(who, where).at(-1);
      if (!s) throw new Error(`${who} sees nothing in ${where}`);
      return s;
    };

    it('command: /koppel answers with a button; the admin’s press edits that very message; the admin becomes coordinator', async () => {
      await w.say('admin', 'group', '/koppel');
      await w.settle();
      const ask = last('admin', 'group');
      expect(ask.text).toContain('Heb je een koppelcode van je corporatie?');
      expect(ask.buttons).toEqual(['Nieuw complex registreren']);
      const count = w.seen('admin', 'group').length;
      await w.press('admin', 'group', 'Nieuw complex registreren');
      await w.settle();
      const after = w.seen('admin', 'group');
      expect(after).toHaveLength(count);
      expect(after.at(-1)).toMatchObject({ id: ask.id, edited: true, buttons: [] });
      expect(after.at(-1)!.text).toMatch(/^Gelukt! Nieuw complex .+ geregistreerd en aan deze groep gekoppeld\. Coördinatoren: Anna/);
      const linked = await w.db.select().from(chats).where(eq(chats.platform, w.platform.name));
      expect(linked).toHaveLength(1);
      expect(linked[0]!.complexId).not.toBeNull();
      const roles = await w.db.select().from(complexMembers).where(eq(complexMembers.complexId, linked[0]!.complexId!));
      expect(roles.map((r) => r.role)).toEqual(['coordinator']);
    });

    it('button with edit in place: /taak nieuw shows a preview; Opslaan replaces it with the result', async () => {
      await w.say('admin', 'group', '/taak nieuw Trap, elke zaterdag, om 10:00, 30 min');
      await w.settle();
      const preview = last('admin', 'group');
      expect(preview.text).toContain('• Trap — elke zaterdag, 10:00, 30 min');
      expect(preview.buttons).toEqual(['Opslaan', 'Annuleren']);
      await w.press('admin', 'group', 'Opslaan');
      await w.settle();
      expect(last('admin', 'group')).toMatchObject({ id: preview.id, text: 'Taak Trap toegevoegd. Zie /rooster.', buttons: [], edited: true });
      // The resident sees the same message, edited.
      expect(w.seen('resident', 'group').find((s) => s.id === preview.id)?.text).toBe('Taak Trap toegevoegd. Zie /rooster.');
    });

    /** One answer in a stepwise conversation: the button with that label if the question has one (the console reads a typed number as a button), else typed. */
    const answer = async (a: string): Promise<void> => {
      if (last('admin', 'group').buttons.includes(a)) await w.press('admin', 'group', a);
      else await w.say('admin', 'group', a);
      await w.settle();
    };

    it('a form: /taak nieuw alone asks name, how often, time, people and points — one form where the platform has forms, else one by one', async () => {
      const answers = ['Tuin harken', 'elke zondag', '11:00', '2', '3'];
      const before = w.seen('admin', 'group');
      await w.say('admin', 'group', '/taak nieuw');
      await w.settle();
      if (w.platform.supports.modals) {
        expect(w.openForm!('admin')).toEqual({ title: 'Nieuwe taak', fields: [
          { label: 'Naam van de taak', value: '' }, { label: 'Hoe vaak', value: '' }, { label: 'Hoe laat (uu:mm)', value: '' },
          { label: 'Hoeveel mensen tegelijk (1–20)', value: '' }, { label: 'Punten per beurt (0–100)', value: '' }] });
        // The form is the answer: nothing is posted in the channel.
        expect(since(before, w.seen('admin', 'group'))).toEqual([]);
        await w.submitForm!('admin', answers);
      } else {
        expect(w.openForm?.('admin') ?? null).toBeNull();
        for (const [step, a] of answers.entries()) {
          expect(last('admin', 'group').text).toContain(`Nieuwe taak, stap ${step + 1} van 6.`);
          await answer(a);
        }
      }
      await w.settle();
      const preview = last('admin', 'group');
      expect(preview.text).toContain('Nieuwe taak, stap 6 van 6.');
      expect(preview.text).toContain('Tuin harken — elke zondag, 11:00');
      expect(preview.buttons).toEqual(['Opslaan', 'Annuleren']);
      await w.press('admin', 'group', 'Opslaan');
      await w.settle();
      expect(last('admin', 'group').text).toBe('Taak Tuin harken toegevoegd. Zie /rooster.');
    });

    it('a form answered wrongly: told what does not fit, in Dutch, and nothing saved; the answers can be corrected', async () => {
      await w.say('admin', 'group', '/taak nieuw');
      await w.settle();
      if (w.platform.supports.modals) {
        await w.submitForm!('admin', ['Ramen', 'elke maandag', 'straks', '99', '1']);
        await w.settle();
        const told = last('admin', 'group');
        expect(told.text).toBe('2 antwoorden passen niet; er is niets opgeslagen:\n"straks" is geen tijd die ik ken. Schrijf uren en minuten, zoals 09:30.\n"99" past niet: typ een getal van 1 tot en met 20.');
        expect(told.buttons).toEqual(['Formulier opnieuw']);
        await w.press('admin', 'group', 'Formulier opnieuw');
        expect(w.openForm!('admin')?.fields.map((f) => f.value)).toEqual(['Ramen', 'elke maandag', 'straks', '99', '1']);
        await w.submitForm!('admin', ['Ramen', 'elke maandag', '9:30', '1', '1']);
      } else {
        for (const a of ['Ramen', 'elke maandag', 'straks']) await answer(a);
        expect(last('admin', 'group').text).toContain('"straks" is geen tijd die ik ken. Schrijf uren en minuten, zoals 09:30.');
        for (const a of ['9:30', '1', '1']) await answer(a);
      }
      await w.settle();
      expect(last('admin', 'group').text).toContain('Ramen — elke maandag, 09:30');
      await w.press('admin', 'group', 'Annuleren');
      await w.settle();
      expect(last('admin', 'group').text).toBe('Gestopt. Er is niets opgeslagen.');
    });

    it('a resident’s command in the group is answered there, visible to everyone', async () => {
      await w.say('resident', 'group', '/rooster');
      await w.settle();
      const answer = last('resident', 'group');
      expect(answer.text).toMatch(/• za \d+ \w+ 10:00 — Trap: open \(1\)/);
      expect(answer.ephemeral).toBe(false);
      expect(last('admin', 'group').id).toBe(answer.id);
    });

    it('an answer for one person only: ephemeral in the group where the platform can, else a direct message', async () => {
      const adminBefore = w.seen('admin', 'group');
      await w.say('resident', 'group', '/mijnbijdrage');
      await w.settle();
      const own = w.platform.supports.ephemeral
        ? w.seen('resident', 'group').filter((s) => s.ephemeral)
        : w.seen('resident', 'dm');
      expect(own.at(-1)?.text).toMatch(/^Jouw bijdrage in de afgelopen 90 dagen: 0 beurten/);
      // Nobody else sees it.
      expect(since(adminBefore, w.seen('admin', 'group')).map((s) => s.text).join('\n')).not.toContain('Jouw bijdrage');
    });

    it('direct chat: /rooster there is answered there', async () => {
      await w.say('resident', 'dm', '/rooster');
      await w.settle();
      expect(last('resident', 'dm').text).toMatch(/— Trap: open \(1\)/);
    });

    it('a text longer than one message arrives in parts within the limit, no line cut, the buttons under the last part', async () => {
      await w.say('admin', 'group', `/taak nieuw ${LONG}, elke dag, om 08:00, 15 min`);
      await w.settle();
      await w.press('admin', 'group', 'Opslaan');
      await w.settle();
      const before = w.seen('resident', 'group');
      await w.say('resident', 'group', '/rooster 8');
      await w.settle();
      const parts = since(before, w.seen('resident', 'group'));
      const max = w.platform.supports.maxTextLength;
      const total = parts.map((p) => p.text).join('\n');
      if (total.length > max) expect(parts.length).toBeGreaterThan(1);
      for (const p of parts) expect([...p.text].length).toBeLessThanOrEqual(max);
      const lines = total.split('\n');
      const daily = lines.filter((l) => l.includes('Gemeenschappelijke ruimte'));
      expect(daily.length).toBeGreaterThanOrEqual(55);
      for (const l of daily) expect(l).toMatch(new RegExp(`^• \\S+ \\d+ \\S+ 08:00 — ${LONG.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: open \\(1\\)$`));
      expect(lines.filter((l) => / — Trap: open/.test(l))).toHaveLength(8);
      expect(parts.slice(0, -1).every((p) => p.buttons.length === 0)).toBe(true);
      expect(parts.at(-1)!.buttons.length).toBeGreaterThan(0);
    });

    it('poll: posted natively or with buttons as the adapter says; votes (one changed) counted; results posted at close', async () => {
      await w.say('admin', 'group', '/peiling toevoegen schoon; Hoe schoon is de trap?; 1, 2, 3; dagelijks');
      await w.settle();
      expect(last('admin', 'group').text).toBe('Peiling "schoon" toegevoegd (dagelijks).');
      const platforms = new Map([[w.platform.name, w.platform]]);
      const [def] = await w.db.select().from(pollDefinitions).where(eq(pollDefinitions.name, 'schoon'));
      const now = new Date();
      const instance = await w.db.transaction((tx) => openPoll(tx, def!, 'contract', now, now, { platforms, log: silentLogger }));
      await w.settle();
      const posted = last('resident', 'group');
      expect(posted.text).toContain('📋 Hoe schoon is de trap?');
      if (w.platform.supports.nativePolls) {
        expect(posted.pollOptions).toEqual(['1', '2', '3']);
        await w.vote('resident', 1);
        await w.vote('admin', 2);
        await w.vote('admin', 0); // changed her mind
      } else {
        expect(posted.buttons).toEqual(['1', '2', '3']);
        await w.press('resident', 'group', '2');
        await w.press('admin', 'group', '3');
        await w.press('admin', 'group', '1');
      }
      await w.settle();
      await w.db.transaction(async (tx) => {
        const [row] = await tx.select().from(pollInstances).where(eq(pollInstances.id, instance!.id)).for('update');
        await closePoll(tx, row!, new Date(), { platforms, log: silentLogger });
      });
      await w.settle();
      const [closed] = await w.db.select().from(pollInstances).where(and(eq(pollInstances.id, instance!.id)));
      expect(closed!.counts).toEqual([1, 1, 0]);
      expect(last('resident', 'group').text).toBe('📊 Uitslag: Hoe schoon is de trap?\n1: 1\n2: 1\n3: 0\nGemiddeld 1,5 (van 1 tot 3), 2 stemmen.');
    });

    it('a 429 on the answer: it arrives once, not before retry_after, and no apology is sent', async () => {
      const before = w.seen('resident', 'group');
      w.failNextSend(1);
      const started = Date.now();
      await w.say('resident', 'group', '/peiling lijst');
      expect(since(before, w.seen('resident', 'group'))).toEqual([]);
      await w.settle();
      expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
      const arrived = since(before, w.seen('resident', 'group'));
      expect(arrived).toHaveLength(1);
      expect(arrived[0]!.text).toBe('• schoon: Hoe schoon is de trap? — dagelijks');
      const everything = [...w.seen('resident', 'group'), ...w.seen('resident', 'dm'), ...w.seen('admin', 'group')];
      expect(everything.map((s) => s.text).join('\n')).not.toContain('Sorry');
    });

    it('the platform accepted every request the adapter made', () => {
      expect(w.refused?.() ?? []).toEqual([]);
    });
  });
}
