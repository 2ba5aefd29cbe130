import { silentLogger } from '../../src/log.js';
import { createBot } from '../../src/bot.js';
import { capabilities } from '../../src/capabilities.js';
import { sections } from '../support/plan.js';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq } from 'drizzle-orm';
import { runAdmin } from '../../src/admin/commands.js';
import type { SectionOwner } from '../../src/beheerplan/sections.js';
import { validatePlanText } from '../../src/beheerplan/validate.js';
import { beheerplanVersions, complexes, pendingActions } from '../../src/db/schema/index.js';
import { DEMO_PLAN_URL } from '../../src/demo/seed.js';
import { UserError } from '../../src/handler.js';
import { msg } from '../../src/i18n/index.js';
import type { FakeUser, Sent } from '../support/fake-platform.js';
import { anna, bram, chloe, createHarness, daan, type Harness } from '../support/harness.js';
import { inParallel } from '../support/db.js';

const SMALL = 'tasks:\n  - name: Trap A\n    recurrence: elke zaterdag\nitems:\n  - name: Ladder\n';

describe('beheerplan in chat: upload, confirm, import; export with /beheerplan', () => {
  let h: Harness;
  let linde: number;
  let eik: number;

  async function admin(...argv: string[]): Promise<string[]> {
    const lines: string[] = [];
    await runAdmin({ db: h.database.db, now: h.clock.now, lang: 'en', out: (l) => lines.push(l), capabilities }, argv);
    return lines;
  }

  async function link(chatId: string, name: string, coordinator: FakeUser): Promise<number> {
    const [created] = await admin('complex', 'create', name);
    const id = Number(/Complex (\d+)/.exec(created!)![1]);
    const [issued] = await admin('code', 'issue', '--complex', String(id));
    h.fake.group(chatId, name, [coordinator]);
    await h.fake.say(coordinator, chatId, `/koppel ${/Join code (\S+)/.exec(issued!)![1]}`);
    return id;
  }

  function upload(user: FakeUser, chatId: string, fileName: string, text: string, caption = 'hier is het nieuwe plan'): Promise<Sent[]> {
    return h.fake.say(user, chatId, caption, {
      attachments: [{ kind: 'document', fileId: `f-${fileName}`, fileName, download: async () => Buffer.from(text, 'utf8') }],
    });
  }

  async function versions(complexId: number): Promise<number> {
    const [row] = await h.database.db.select({ n: count() }).from(beheerplanVersions).where(eq(beheerplanVersions.complexId, complexId));
    return row!.n;
  }

  function importAction(sent: Sent): string {
    const button = sent.buttons.flat()[0];
    if (!button?.action.startsWith('beheerplan:import:')) throw new Error(`no import button in: ${sent.text}`);
    return button.action;
  }

  beforeAll(async () => {
    h = await createHarness();
    linde = await link('g1', 'De Linde', anna);
    eik = await link('g2', 'De Eik', chloe);
    await h.fake.say(bram, 'g1', 'hallo');
  });
  afterAll(async () => { await h.close(); });

  it('a coordinator sends a plan: sees what changes, presses Importeren, and it is imported', async () => {
    const [summary] = await upload(anna, 'g1', 'plan.yaml', SMALL);
    expect(summary!.text).toBe([
      'Het beheerplan plan.yaml voor De Linde is in orde. Dit verandert er:',
      '• Taken, nieuw: Trap A',
      '• Spullen, nieuw: Ladder',
      '• Niet in het bestand, dus blijft zoals het is: categories, escalation, polls, reminders',
      'Wil je het inlezen?',
    ].join('\n'));
    expect(summary!.buttons.flat().map((b) => b.label)).toEqual(['Importeren', 'Annuleren']);
    expect(await versions(linde)).toBe(0);

    const [done] = await h.fake.pressLabel(anna, 'g1', 'Importeren');
    expect(done!.edited).toBe(true);
    expect(done!.text).toBe('Beheerplan ingelezen voor De Linde:\n• Taken: 1\n• Spullen: 1');
    expect(done!.buttons).toEqual([]);
    expect(await versions(linde)).toBe(1);

    // The same file again: nothing changes, and the summary says so.
    const [again] = await upload(anna, 'g1', 'plan.yaml', SMALL);
    expect(again!.text).toContain('Er verandert niets.');
  });

  it('shows precise errors for a broken file and imports nothing', async () => {
    const before = await versions(linde);
    const [answer] = await upload(anna, 'g1', 'plan.yaml', `${SMALL}    kind: keys\n`);
    expect(answer!.text).toBe([
      'Dit beheerplan (plan.yaml) kan ik niet inlezen:',
      '• Regel 6, items → item 1 (“Ladder”) → kind: “keys” kan niet; bedoel je “key”? (kies uit: key, tool, supply)',
      'Pas het bestand aan en stuur het opnieuw.',
    ].join('\n'));
    expect(answer!.buttons).toEqual([]);
    const [en] = await upload(chloe, 'dm:u-chloe', 'plan.json', '{"items": [{"name": "Ladder"}], }');
    expect(en!.text).toBe([
      'I cannot import this beheerplan (plan.json):',
      '• Line 1, column 33: the JSON is wrong here: I did not expect “}” (is a comma, quote or value missing?)',
      'Fix the file and send it again.',
    ].join('\n'));
    expect(await versions(linde)).toBe(before);
  });

  it('a resident who sends a plan is told only coordinators can, and nothing is stored', async () => {
    const [pendingBefore] = await h.database.db.select({ n: count() }).from(pendingActions);
    const [refused] = await upload(bram, 'g1', 'plan.yml', SMALL);
    expect(refused!.text).toBe('Alleen een coördinator kan een beheerplan inlezen. Vraag een coördinator van je complex.');
    const [byCommand] = await upload(bram, 'g1', 'plan.yml', SMALL, '/beheerplan');
    expect(byCommand!.text).toContain('Dit kan alleen een coördinator');
    const [pendingAfter] = await h.database.db.select({ n: count() }).from(pendingActions);
    expect(pendingAfter!.n).toBe(pendingBefore!.n);
  });

  it('a button press carrying an id from another complex is refused and changes nothing', async () => {
    const before = await versions(linde);
    const [summary] = await upload(anna, 'g1', 'plan.yaml', `${SMALL}  - name: Grasmaaier\n`);
    const action = importAction(summary!);

    // Chloe coordinates De Eik; the id is De Linde's. In her group and in a DM: refused.
    const [inOtherGroup] = await h.fake.press(chloe, 'g2', action);
    expect(inOtherGroup!.text).toBe('Deze knop is niet (meer) voor jou of voor deze groep bedoeld.');
    const [inDm] = await h.fake.press(chloe, 'dm:u-chloe', action);
    expect(inDm!.text).toBe('This button is not (or no longer) meant for you or for this group.');
    expect(await versions(linde)).toBe(before);
    expect(await versions(eik)).toBe(0);
    const [pending] = await h.database.db.select().from(pendingActions).where(eq(pendingActions.id, action.split(':')[2]!));
    expect(pending!.used).toBe(false);

    // A resident of De Linde cannot confirm it either.
    const [resident] = await h.fake.press(bram, 'g1', action);
    expect(resident!.text).toContain('Alleen een coördinator');
    expect(await versions(linde)).toBe(before);

    // The coordinator it was meant for still can.
    const [done] = await h.fake.press(anna, 'g1', action, summary!.messageId);
    expect(done!.text).toContain('• Spullen: 2');
    expect(await versions(linde)).toBe(before + 1);
  });

  it('a double press imports once (real PostgreSQL, presses at the same time)', async () => {
    const before = await versions(linde);
    const [summary] = await upload(anna, 'g1', 'plan.yaml', `${SMALL}  - name: Heggenschaar\n`);
    const action = importAction(summary!);
    const start = h.fake.sent.length;
    await inParallel(3, () => h.fake.press(anna, 'g1', action, summary!.messageId));
    const answers = h.fake.sent.slice(start).map((s) => s.text);
    expect(answers.filter((t) => t.startsWith('Beheerplan ingelezen'))).toHaveLength(1);
    expect(answers).toHaveLength(3);
    expect(await versions(linde)).toBe(before + 1);
  });

  it('Annuleren imports nothing, and the import button stops working', async () => {
    const before = await versions(linde);
    const [summary] = await upload(anna, 'g1', 'plan.yaml', 'items: []\n');
    const action = importAction(summary!);
    const [cancelled] = await h.fake.pressLabel(anna, 'g1', 'Annuleren');
    expect(cancelled!.text).toBe('Oké, het beheerplan is niet ingelezen.');
    const [late] = await h.fake.press(anna, 'g1', action);
    expect(late!.text).toBe('Deze knop werkt niet meer. Vraag het opnieuw aan.');
    expect(await versions(linde)).toBe(before);
  });

  it('when a capability refuses the plan on import, the coordinator sees why and nothing is imported', async () => {
    const before = await versions(linde);
    const owner: SectionOwner<'items'> = {
      section: 'items',
      async apply() { throw new UserError(msg('beheerplan.error.noComplex')); },
      async read() { return []; },
    };
    // A bot whose items section is owned by a capability that refuses (instead of the loans capability).
    const others = capabilities.map((c) => ({ ...c, sections: (c.sections ?? []).filter((o) => o.section !== 'items') }));
    const withOwner = createBot({ db: h.database.db, log: silentLogger, capabilities: [...others, { name: 'test-items', sections: [owner] }],
      now: () => h.clock.now });
    h.fake.attach(withOwner);
    const [summary] = await upload(anna, 'g1', 'plan.yaml', 'complex:\n  name: Nieuwe naam\nitems: []\n');
    const [refused] = await h.fake.press(anna, 'g1', importAction(summary!), summary!.messageId);
    h.fake.attach(h.bot);
    expect(refused!.text).toBe('Dit complex bestaat niet (meer).');
    expect(await versions(linde)).toBe(before);
    const [complex] = await h.database.db.select().from(complexes).where(eq(complexes.id, linde));
    expect(complex!.name).toBe('De Linde');
    const unused = await h.database.db.select().from(pendingActions)
      .where(and(eq(pendingActions.id, importAction(summary!).split(':')[2]!), eq(pendingActions.used, false)));
    expect(unused).toHaveLength(1);
  });

  it('works by DM too, and /beheerplan (en: /plan) sends the plan back as a file that reads back the same', async () => {
    const demo = readFileSync(DEMO_PLAN_URL, 'utf8');
    const [summary] = await upload(anna, 'dm:u-anna', 'demo-beheerplan.yaml', demo);
    expect(summary!.chatId).toBe('dm:u-anna');
    expect(summary!.text).toContain('• Taken, nieuw: Trappenhuis portiek A, Trappenhuis portiek B, Trappenhuis portiek C');
    expect(summary!.text).toContain('• Taken, gepauzeerd (niet meer in het bestand; geschiedenis blijft): Trap A\n• Spullen, nieuw: Schuursleutel, Sleutel buurtkamer, Grasmaaier, Vuilniszakken\n• Spullen, gewijzigd: Ladder, Heggenschaar');
    await h.fake.pressLabel(anna, 'dm:u-anna', 'Importeren');

    const [file] = await h.fake.say(anna, 'g1', '/beheerplan');
    expect(file!.text).toBe('Het beheerplan van De Linde. Pas het aan en stuur het terug om het in te lezen.');
    expect(file!.file!.name).toBe('beheerplan-de-linde.yaml');
    const exported = validatePlanText(sections, file!.file!.content.toString('utf8'), file!.file!.name);
    const original = validatePlanText(sections, demo, 'demo.yaml');
    // The task that was not in the file is kept, paused, after the file's tasks.
    if (!exported.ok || !original.ok) throw new Error('plans should validate');
    expect(exported.plan.tasks.at(-1)).toMatchObject({ name: 'Trap A', paused: true });
    expect({ ...exported.plan, tasks: exported.plan.tasks.slice(0, -1) }).toEqual(original.plan);

    const [json] = await h.fake.say(chloe, 'g2', '/plan json');
    expect(json!.file!.name).toBe('beheerplan-de-eik.json');
    expect(JSON.parse(json!.file!.content.toString('utf8'))).toMatchObject({ complex: { name: 'De Eik' }, tasks: [] });
    const [notForResidents] = await h.fake.say(bram, 'g1', '/beheerplan');
    expect(notForResidents!.text).toContain('Dit kan alleen een coördinator');
  });

  it('by DM, a coordinator of two complexes names the complex in the file', async () => {
    await h.fake.say(chloe, 'g1', 'hello neighbours');
    await h.fake.say(anna, 'g1', '/coordinator @chloe');
    const [which] = await upload(chloe, 'dm:u-chloe', 'plan.yaml', 'items: []\n');
    expect(which!.text).toMatch(/^You are coordinator of several complexes \((De Linde, De Eik|De Eik, De Linde)\)\./);
    const [summary] = await upload(chloe, 'dm:u-chloe', 'plan.yaml', 'complex:\n  name: De Eik\nitems:\n  - name: Kruiwagen\n');
    expect(summary!.text).toBe([
      'The beheerplan plan.yaml for De Eik is valid. This is what changes:',
      '• Items, new: Kruiwagen',
      '• Not in the file, so it stays as it is: tasks, categories, escalation, polls, reminders',
      'Do you want to import it?',
    ].join('\n'));
    const [done] = await h.fake.pressLabel(chloe, 'dm:u-chloe', 'Import');
    expect(done!.text).toBe('Beheerplan imported for De Eik:\n• Items: 1');
    expect(await versions(eik)).toBe(1);
  });

  it('in a group that is not linked yet, a plan gets a hint instead of silence', async () => {
    h.fake.group('g9', 'Nieuwe groep', [daan]);
    const [hint] = await upload(daan, 'g9', 'plan.yaml', SMALL);
    expect(hint!.text).toContain('Deze groep is nog niet gekoppeld');
  });
});
