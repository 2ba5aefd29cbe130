import { msg } from '../i18n/index.js';
import { closest, type Problem } from './problems.js';
import type { Beheerplan } from './schema.js';

/**
 * Checks between entries that the per-field schema cannot see: names that must be unique (people
 * refer to tasks, items and polls by name in chat), and references from one section to another.
 */

const key = (s: string) => s.trim().toLocaleLowerCase('nl');

function duplicates(section: 'tasks' | 'items' | 'polls', names: string[]): Problem[] {
  const seen = new Set<string>();
  const problems: Problem[] = [];
  names.forEach((name, i) => {
    if (seen.has(key(name))) problems.push({ path: [section, i, 'name'], what: msg('beheerplan.issue.duplicateName', { name }) });
    seen.add(key(name));
  });
  return problems;
}

export function crossCheck(plan: Beheerplan): Problem[] {
  const problems: Problem[] = [
    ...duplicates('tasks', plan.tasks.map((t) => t.name)),
    ...duplicates('items', plan.items.map((t) => t.name)),
    ...duplicates('polls', plan.polls.map((t) => t.name)),
  ];

  // An alias must not be another item's name or alias, or "leen de ladder" would be ambiguous.
  const owner = new Map<string, number>();
  plan.items.forEach((item, i) => owner.set(key(item.name), i));
  plan.items.forEach((item, i) => {
    item.aliases.forEach((alias, j) => {
      const taken = owner.get(key(alias));
      if (taken !== undefined && taken !== i) {
        problems.push({ path: ['items', i, 'aliases', j], what: msg('beheerplan.issue.aliasTaken', { name: alias, item: plan.items[taken]!.name }) });
      } else {
        owner.set(key(alias), i);
      }
    });
  });

  const categories = new Set<string>();
  plan.categories.forEach((c, i) => {
    if (categories.has(c.category)) {
      problems.push({ path: ['categories', i, 'category'], what: msg('beheerplan.issue.duplicateCategory', { name: c.category }) });
    }
    categories.add(c.category);
  });

  const taskNames = plan.tasks.map((t) => t.name);
  plan.polls.forEach((poll, i) => {
    if (poll.after_task !== undefined && !taskNames.some((n) => key(n) === key(poll.after_task!))) {
      const suggestion = closest(poll.after_task, taskNames);
      problems.push({
        path: ['polls', i, 'after_task'],
        what: suggestion ? msg('beheerplan.issue.unknownTaskSuggest', { name: poll.after_task, suggestion })
          : msg('beheerplan.issue.unknownTask', { name: poll.after_task }),
      });
    }
    if (poll.threshold !== undefined && poll.threshold > poll.options.length) {
      problems.push({ path: ['polls', i, 'threshold'], what: msg('beheerplan.issue.thresholdAboveScale', { max: poll.options.length }) });
    }
    const options = new Set<string>();
    poll.options.forEach((option, j) => {
      if (options.has(key(option))) problems.push({ path: ['polls', i, 'options', j], what: msg('beheerplan.issue.duplicateOption', { name: option }) });
      options.add(key(option));
    });
  });
  return problems;
}
