import { render, t, type Lang, type MessageKey, type Msg, type Params } from '../../src/i18n/index.js';
import type { Button } from '../../src/platform.js';

/** ANSI styles, applied only when the output is a terminal. */
export interface Style {
  bot(s: string): string;
  meta(s: string): string;
  dim(s: string): string;
  button(s: string): string;
  prompt(s: string): string;
}

const ansi = (open: number, close: number) => (s: string) => `\u001b[${open}m${s}\u001b[${close}m`;

export function makeStyle(color: boolean): Style {
  if (!color) {
    const same = (s: string) => s;
    return { bot: same, meta: same, dim: same, button: same, prompt: same };
  }
  return { bot: ansi(36, 39), meta: ansi(33, 39), dim: ansi(2, 22), button: ansi(1, 22), prompt: ansi(32, 39) };
}

/**
 * User text may contain terminal control sequences; they are removed so a resident's display
 * name or message cannot move the cursor or recolour the terminal.
 */
export function stripControl(s: string): string {
  return s
    // eslint-disable-next-line no-control-regex
    .replace(/\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?/g, '')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g, '');
}

export function text(lang: Lang, key: MessageKey, params?: Params): string {
  return t(lang, key, params, stripControl);
}

export function renderBody(lang: Lang, body: Msg[]): string {
  return body.map((m) => render(lang, m, stripControl)).join('\n');
}

/** Numbered choices on one line per button row: `[1] Ja  [2] Nee`. */
export function renderChoices(style: Style, rows: { number: number; label: string }[][]): string[] {
  return rows.map((row) => row.map((c) => `${style.button(`[${c.number}]`)} ${c.label}`).join('   '));
}

export function buttonLabels(lang: Lang, rows: Button[][]): string[][] {
  return rows.map((row) => row.map((b) => render(lang, b.label, stripControl)));
}

/** Indents a block so bot output stands apart from what the user typed. */
export function indent(block: string, by = '  '): string {
  return block.split('\n').map((line) => (line ? by + line : line)).join('\n');
}
