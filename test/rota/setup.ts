import { capabilities } from '../../src/capabilities.js';
import { runAdmin } from '../../src/admin/commands.js';
import { saveTask, type TaskInput } from '../../src/rota/tasks-store.js';
import { anna, bram, chloe, daan, type Harness } from '../support/harness.js';

export const GROUP = 'g1';

/** A corporation, a complex linked to group g1 with Anna as coordinator and Bram, Chloé, Daan as residents. */
export async function linkedComplex(h: Harness, name = 'De Linde', group = GROUP, residents = [bram, chloe, daan]): Promise<number> {
  const out: string[] = [];
  const io = { db: h.database.db, now: h.clock.now, lang: 'en' as const, capabilities, out: (l: string) => out.push(l) };
  if (group === GROUP) await runAdmin(io, ['corporation', 'create', 'Woonstede']);
  await runAdmin(io, ['complex', 'create', name, '--corporation', '1']);
  const complexId = Number(/Complex (\d+)/.exec(out.at(-1)!)![1]);
  await runAdmin(io, ['code', 'issue', '--complex', String(complexId)]);
  const code = /Join code (\S+)/.exec(out.at(-1)!)![1]!;
  h.fake.group(group, `Bewoners ${name}`, [anna]);
  await h.fake.say(anna, group, `/koppel ${code}`);
  for (const u of residents) await h.fake.say(u, group, 'hallo');
  return complexId;
}

export function task(name: string, recurrence: string, extra: Partial<TaskInput> = {}): TaskInput {
  return { name, recurrence, time: '10:00', durationMinutes: 30, people: 1, points: 1, paused: false, ...extra };
}

export async function addTasks(h: Harness, complexId: number, tasks: TaskInput[]): Promise<number[]> {
  const ids: number[] = [];
  for (const t of tasks) ids.push((await saveTask(h.database.db, complexId, t, h.clock.now)).task.id);
  return ids;
}

/** Two stairwells on Saturday and the hall on Sunday: similar names, for "which one?" questions. */
export const stairsAndHall = (): TaskInput[] => [
  task('Trappenhuis A vegen', 'elke zaterdag', { area: 'Trappenhuis A' }),
  task('Trappenhuis B vegen', 'elke zaterdag', { area: 'Trappenhuis B' }),
  task('Hal dweilen', 'elke zondag'),
];
