export const LANGUAGES = ['nl', 'en'] as const;
export type Lang = (typeof LANGUAGES)[number];
export const DEFAULT_LANG: Lang = 'nl';

export interface Entry { nl: string; en: string }

/**
 * Every message has a Dutch and an English text side by side, so a missing translation is a
 * type error. Placeholders are written {name}; tests check both languages use the same ones.
 */
export function defineMessages<const T extends Record<string, Entry>>(messages: T): T {
  return messages;
}

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** Maps a platform language tag ('nl-BE', 'en_US') to a supported language, if any. */
export function langFromTag(tag: string | null | undefined): Lang | undefined {
  if (!tag) return undefined;
  const base = tag.toLowerCase().split(/[-_]/)[0];
  return isLang(base) ? base : undefined;
}
