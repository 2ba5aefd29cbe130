// Telegram's HTML parse mode, as strictly as the real server: only its tags, every <, > and & that is
// not markup must be an entity, tags must nest. Returns the text a user sees and the links in it.

const TAGS = new Set(['b', 'strong', 'i', 'em', 'u', 'ins', 's', 'strike', 'del', 'a', 'code', 'pre', 'tg-spoiler', 'span', 'blockquote', 'tg-emoji']);
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' };

export class ParseError extends Error {}

function decodeEntity(body: string): string {
  if (body.startsWith('#x') || body.startsWith('#X')) return String.fromCodePoint(parseInt(body.slice(2), 16));
  if (body.startsWith('#')) return String.fromCodePoint(parseInt(body.slice(1), 10));
  return NAMED[body.toLowerCase()] ?? '';
}

export function parseHtml(html: string): { text: string; links: { text: string; href: string }[] } {
  let text = '';
  const stack: { tag: string; href?: string | undefined; start: number }[] = [];
  const links: { text: string; href: string }[] = [];
  let i = 0;
  while (i < html.length) {
    const c = html[i]!;
    if (c === '<') {
      const m = /^<(\/?)([a-z-]+)((?:\s+[a-z-]+="[^"]*")*)\s*>/i.exec(html.slice(i));
      const tag = m?.[2]?.toLowerCase();
      if (!m || !tag || !TAGS.has(tag)) throw new ParseError(`Bad Request: can't parse entities: Unsupported start tag at byte offset ${i}`);
      if (m[1]) {
        const open = stack.pop();
        if (!open || open.tag !== tag) throw new ParseError(`Bad Request: can't parse entities: Unmatched end tag at byte offset ${i}`);
        if (tag === 'a' && open.href !== undefined) links.push({ text: text.slice(open.start), href: open.href });
      } else {
        const href = /href="([^"]*)"/.exec(m[3] ?? '')?.[1];
        stack.push({ tag, href: href?.replace(/&(#?\w+);/g, (_, b: string) => decodeEntity(b)), start: text.length });
      }
      i += m[0].length;
      continue;
    }
    if (c === '>') throw new ParseError(`Bad Request: can't parse entities: Unexpected > at byte offset ${i}`);
    if (c === '&') {
      const m = /^&(lt|gt|amp|quot|#\d+|#x[0-9a-f]+);/i.exec(html.slice(i));
      if (!m) throw new ParseError(`Bad Request: can't parse entities: Unsupported entity at byte offset ${i}`);
      text += decodeEntity(m[1]!);
      i += m[0].length;
      continue;
    }
    text += c;
    i++;
  }
  if (stack.length) throw new ParseError(`Bad Request: can't parse entities: Can't find end tag corresponding to start tag "${stack.at(-1)!.tag}"`);
  return { text, links };
}
