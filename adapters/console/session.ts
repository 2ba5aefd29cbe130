import { access, readFile } from 'node:fs/promises';
import { constants } from 'node:fs';
import { basename, extname, resolve } from 'node:path';
import type { Attachment, InboundEvent } from '../../src/platform.js';
import { indent } from './format.js';
import { parseCommand, parseLine, splitFileArgs, type MetaName } from './input.js';
import type { ConsolePlatform } from './platform.js';

type OnEvent = (e: InboundEvent) => Promise<void>;

/** Handles one typed line; false means the user is leaving. */
export async function handleLine(c: ConsolePlatform, line: string, onEvent: OnEvent): Promise<boolean> {
  const parsed = parseLine(line);
  switch (parsed.kind) {
    case 'empty':
      return true;
    case 'meta':
      return meta(c, parsed.name, parsed.args, onEvent);
    case 'number':
      await choose(c, parsed.n, onEvent);
      return true;
    case 'command':
      await c.dispatch(onEvent, { ...base(c), kind: 'command', command: parsed.command, args: parsed.args });
      return true;
    case 'text':
      // In this console every message in the group is meant for the bot.
      await c.dispatch(onEvent, { ...base(c), kind: 'text', text: parsed.text, addressedToBot: true });
      return true;
  }
}

function base(c: ConsolePlatform) {
  return { chat: c.chatRef(c.currentChatId()), user: c.userRef(), messageId: c.newInboundId() };
}

async function meta(c: ConsolePlatform, name: MetaName, args: string, onEvent: OnEvent): Promise<boolean> {
  switch (name) {
    case 'exit':
      c.say('console.bye');
      return false;
    case 'as':
      switchPerson(c, args);
      return true;
    case 'direct':
      c.inDirect = true;
      c.say('console.dm.switched');
      return true;
    case 'group':
      c.inDirect = false;
      c.say('console.group.switched', { place: c.opts.group.title });
      return true;
    case 'who':
      c.say('console.who', {
        name: c.current.name, key: c.current.key, people: c.peopleList(),
        place: c.inDirect ? c.placeName(c.currentChatId(), c.lang()) : c.opts.group.title,
      });
      return true;
    case 'file':
      await sendFile(c, args, onEvent);
      return true;
  }
}

function switchPerson(c: ConsolePlatform, args: string): void {
  const wanted = args.trim().replace(/^@/, '').toLowerCase();
  if (!wanted) {
    c.say('console.as.usage', { people: c.peopleList() });
    return;
  }
  const found = c.opts.people.find((p) => p.key.toLowerCase() === wanted)
    ?? c.opts.people.find((p) => p.name.toLowerCase().split(/\s+/)[0] === wanted);
  if (!found) {
    c.say('console.as.unknown', { key: args.trim(), people: c.peopleList() });
    return;
  }
  c.current = found;
  c.say('console.as.switched', { name: `${found.name} (${found.key})` });
}

/** Presses a numbered button or votes for a numbered poll option. */
async function choose(c: ConsolePlatform, n: number, onEvent: OnEvent): Promise<void> {
  const choice = c.book.get(n);
  if (!choice) {
    c.say('console.button.none', { n });
    return;
  }
  const owner = choice.chatId.startsWith('dm:') ? choice.chatId.slice(3) : undefined;
  if (owner && owner !== c.current.key) {
    c.say('console.button.otherDirect', { n, name: c.person(owner)?.name ?? owner, key: owner });
    return;
  }
  const where = { chat: c.chatRef(choice.chatId), user: c.userRef() };
  if (choice.kind === 'button') {
    c.print(indent(c.style.dim(`→ [${n}] ${choice.label}`)));
    await c.dispatch(onEvent, { ...where, kind: 'button', action: choice.action, messageId: choice.messageId });
    return;
  }
  if (c.book.isPollClosed(choice.pollId)) {
    c.say('console.poll.alreadyClosed');
    return;
  }
  c.say('console.poll.voted', { option: choice.label });
  await c.dispatch(onEvent, { ...where, kind: 'poll_vote', pollId: choice.pollId, optionIndexes: [choice.index] });
}

const MIME: Record<string, string> = {
  '.yaml': 'application/yaml', '.yml': 'application/yaml', '.json': 'application/json', '.csv': 'text/csv',
  '.txt': 'text/plain', '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.pdf': 'application/pdf',
};

/** `/bestand <path> [text or /command]`: sends the file as an attachment with the text or command. */
async function sendFile(c: ConsolePlatform, args: string, onEvent: OnEvent): Promise<void> {
  const split = splitFileArgs(args);
  if (!split) {
    c.say('console.upload.usage');
    return;
  }
  const path = resolve(split.path);
  if (!(await access(path, constants.R_OK).then(() => true, () => false))) {
    c.say('console.upload.unreadable', { path: split.path });
    return;
  }
  const mimeType = MIME[extname(path).toLowerCase()] ?? 'application/octet-stream';
  const attachment: Attachment = {
    kind: mimeType.startsWith('image/') ? 'photo' : 'document', fileId: `file:${path}`, fileName: basename(path), mimeType,
    download: () => readFile(path),
  };
  const command = split.rest.startsWith('/') ? parseCommand(split.rest) : null;
  await c.dispatch(onEvent, command
    ? { ...base(c), kind: 'command', ...command, attachments: [attachment] }
    : { ...base(c), kind: 'text', text: split.rest, addressedToBot: true, attachments: [attachment] });
}
