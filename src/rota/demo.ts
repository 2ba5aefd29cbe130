import type { Db } from '../db/client.js';
import { saveTask } from './tasks-store.js';

/**
 * Demo tasks for the console demo complex ("De Linde"), so a newcomer sees a filled rota at once.
 * Idempotent: tasks are upserted by name. Call it after `seedDemo` (src/demo/seed.ts).
 */
export async function seedDemoTasks(db: Db, complexId: number, now: Date): Promise<void> {
  const tasks = [
    { name: 'Trappenhuis A vegen', area: 'Trappenhuis A', recurrence: 'elke zaterdag', time: '10:00', durationMinutes: 30, people: 1, points: 2 },
    { name: 'Trappenhuis B vegen', area: 'Trappenhuis B', recurrence: 'elke zaterdag', time: '10:00', durationMinutes: 30, people: 1, points: 2 },
    { name: 'Containers buiten zetten', area: 'Buiten', recurrence: 'elke maandag', time: '19:00', durationMinutes: 10, people: 1, points: 1 },
    { name: 'Tuin bijhouden', area: 'Tuin', recurrence: 'elke 2 weken op zondag', time: '11:00', durationMinutes: 90, people: 2, points: 4 },
    { name: 'Lampen controleren', area: 'Algemeen', recurrence: 'eerste maandag van de maand', time: '19:30', durationMinutes: 20, people: 1, points: 1 },
  ];
  for (const t of tasks) await saveTask(db, complexId, { ...t, paused: false, autoAssignHoursBefore: null }, now);
}
