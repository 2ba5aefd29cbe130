import { normalise } from '../rota/match.js';
import type { Category } from './settings.js';

/**
 * Whether free text told to the bot describes a problem, the way residents write it: something broken,
 * dirty, lying somewhere, smelling, leaking, stuck, crawling or loud — in Dutch or English. Three kinds
 * of evidence: a word that is a problem by itself ("kapot", "stinkt", "klemt"); litter that lies, stands
 * or was dumped somewhere ("er ligt glas in de fietsenstalling" — "glas" alone is no problem: "ik heb glas
 * naar de glasbak gebracht"); and a light that is out. Chores someone did or will do ("ik heb het afval
 * buiten gezet") are never a problem unless a problem word says so.
 */

const w = (words: readonly string[]): string => words.map((x) => `\\b(?:${x})\\b`).join('|');

/** Words and phrases that are a problem on their own. */
const PROBLEM = new RegExp(w([
  // broken, not working, stuck, not closing
  'kapot', '(?<!een |het )stuk', 'defect', 'kapotte', 'gebroken', 'losgeraakt', 'beschadigd', 'vernield', 'vandalisme', 'ingebroken', 'scherven',
  'werk(?:t|en)(?: \\w+){0,3} niet', 'do(?:et|en) het(?: \\w+){0,3} niet', 'brandt niet', 'branden niet',
  'gaat niet (?:meer )?(?:open|dicht|aan|op slot)', 'klemt', 'klemmen', 'hapert', 'sluit(?:en)? (?:niet|slecht)(?: meer| goed)*(?! uit)',
  'valt niet (?:meer )?in het slot', 'zit(?:ten)? vast', 'blijft (?:open )?hangen', 'sta(?:at|an)(?: \\w+){0,3} stil', 'storing', 'uitgevallen',
  'sta(?:at|an) (?:steeds|altijd|weer|telkens|de hele dag|elke dag|vaak) open', 'puilt uit', 'puilen uit', 'overvol',
  'valt steeds uit', 'hangt los', 'zit los', 'geen (?:licht|stroom|warm water|water|verwarming)', 'verstopt',
  // dirty, litter
  'vies', 'vieze', 'smerig', 'smerige', 'zwerfvuil', 'zwerfafval', 'gedumpt', 'gestort', 'graffiti', 'beklad', 'bekladding',
  // smells
  'stinkt', 'stinken', 'stank', 'gaslucht', 'rioollucht', 'brandlucht', 'ruikt (?:naar (?:gas|pis|plas|urine|poep|riool|rook|brand|schimmel|wiet)|vies|raar|muf|smerig)',
  // leaks, damp, mould
  'lekt', 'lekken', 'lekkage', 'lek', 'druppelt', 'drupt', 'wateroverlast', 'vocht', 'vochtig', 'vochtplek', 'schimmel', 'beschimmeld', 'overstroomd', 'staat (?:blank|onder water)',
  // vermin
  'ratten', 'rat', 'muizen', 'een muis', 'muizenkeutels', 'kakkerlakken', 'ongedierte', 'wespennest', 'wespen', 'bedwantsen', 'vlooien',
  // nuisance, danger
  'overlast', 'geluidsoverlast', 'herrie', 'lawaai', 'kabaal', 'harde muziek', 'hangjongeren', 'rondhang\\w*', 'hang(?:t|en) .{1,40} rond', 'blowen', 'dealen',
  'brandgevaar', 'onveilig', 'gevaarlijk',
  // English
  'broken', 'leak(?:s|ing|ed)?', 'dripping', 'damp', 'mou?ld(?:y)?', 'flooded', 'stinks', 'stink', 'stench', 'smells?(?: (?:bad|awful|terrible|weird|funny|of (?:gas|pee|urine|wee|smoke|burning|sewage|poo|weed|mou?ld|damp))| in)',
  '(?:bad|awful|terrible|strange) smell', 'damaged', 'vandali[sz]ed', 'out of order', 'no (?:light|power|hot water|water|heating)', 'blocked', 'clogged',
  '(?:does ?n.?t|does not|won.?t|will not|can.?t|cannot) (?:work|close|open|lock|shut|turn on|switch on)', 'not (?:working|closing|locking|opening)',
  '(?:is|are|got) (?:stuck|jammed)', 'overflowing', '(?:is|are|keeps being|gets) (?:always |often )?left open', 'jammed', 'dirty', 'filthy', 'litter', 'fly-?tipp\\w+', 'dumped', 'graffiti',
  'mice', 'a mouse', 'rats', 'cockroaches', 'vermin', 'pests', 'wasps?(?:.? nest)?', 'bed ?bugs',
  'noise', 'noisy', 'nuisance', 'loud music', 'loitering', 'hanging around', 'unsafe', 'dangerous', 'smells? of gas', 'gas smell',
]));

/** Litter: a problem when it lies, stands or was left somewhere. */
const LITTER = [
  'glas', 'afval', 'rommel', 'troep', 'vuil', 'grofvuil', 'poep', 'hondenpoep', 'kattenpoep', 'hondendrol\\w*', 'kots', 'braaksel', 'urine',
  'matras', 'matrassen', 'een (?:oude )?bank', 'bankstel', 'meubels', 'vuilniszak(?:ken)?', 'karton', 'dozen', 'peuken', 'sigarettenpeuken',
  'blikjes', 'flessen', 'naalden', 'spuiten', 'fietswrak(?:ken)?', 'etensresten',
  'glass', 'rubbish', 'trash', 'garbage', 'junk', 'poo', 'dog poo', 'dog mess', 'vomit', 'mattress', 'needles', 'bin bags', 'bags of rubbish',
];
const LIES = ['ligt', 'liggen', 'lag', 'lagen', 'staat', 'staan', 'slingert', 'slingeren', 'zwerft', 'achtergelaten', 'neergezet', 'neergegooid',
  'there (?:is|are|s)', 'there.s', 'lying', 'left', 'all over', 'everywhere', 'overal'];
const PLACE = ['in', 'bij', 'naast', 'voor', 'op', 'achter', 'onder', 'rond', 'rondom', 'tegen', 'on', 'at', 'near', 'by', 'next to', 'outside', 'behind', 'around'];
const LITTER_LYING = new RegExp(`(?:${w(LIES)}).{0,40}(?:${w(LITTER)})|(?:${w(LITTER)}).{0,30}(?:${w(LIES)})`);
const LITTER_AT = new RegExp(`(?:${w(LITTER)}) (?:${PLACE.join('|')})\\b`);

/** Something done or to be done — a chore, not a complaint ("ik heb glas naar de glasbak gebracht", "I took the rubbish out"). */
const CHORE = new RegExp(w([
  'gebracht', 'weggebracht', 'wegbrengen', 'breng', 'gezet', 'buitengezet', 'zet', 'zetten', 'weggegooid', 'opgeruimd', 'opruimen', 'opgehaald',
  'naar de (?:glasbak|container|milieustraat|papierbak)', 'took', 'take', 'taken', 'put', 'brought', 'cleaned', 'tidied', 'i (?:have |ve )?left',
  // something kept for a neighbour is no litter: "er liggen nog dozen voor je bij mij"
  'voor je', 'voor jou', 'bij mij', 'for you', 'at my place',
]));
const LIGHT_OUT = /\b(licht|lamp|lampen|verlichting|lights?|lamps?|lighting)\b.{0,40}\b(is|zijn|staat|staan|are|went|goes|keeps going) (uit|out|off)\b/;

export function looksLikeProblem(text: string): boolean {
  const t = normalise(text).replace(/\s+/g, ' ');
  if (PROBLEM.test(t) || LIGHT_OUT.test(t)) return true;
  return (LITTER_LYING.test(t) || LITTER_AT.test(t)) && !CHORE.test(t);
}

/** Categories that follow plainly from the words; only a hint: the resident still chooses. */
const CATEGORY_HINTS: readonly [Category, RegExp][] = [
  ['nuisance', /\b(overlast|geluidsoverlast|herrie|lawaai|kabaal|harde muziek|hangjongeren|rondhang\w*|blowen|dealen|noise|noisy|nuisance|loud music|loitering|hanging around)\b|\bhang(t|en) .{1,40} rond\b/],
  ['safety', /\b(gaslucht|brandgevaar|brandlucht|onveilig|gevaarlijk|naalden|spuiten|(ruikt|stinkt) naar (gas|brand|rook)|gas smell|smells? of gas|unsafe|dangerous|needles)\b/],
  ['maintenance', /\b(kapot|kapotte|stuk|defect|lekt|lekkage|lek|druppelt|drupt|vocht|vochtig|schimmel|klemt|hapert|storing|uitgevallen|verstopt|werkt niet|doet het niet|sluit niet|zit vast|broken|leak\w*|damp|mou?ld\w*|stuck|jammed|out of order|clogged|blocked)\b/],
  ['cleaning', /\b(vies|smerig|zwerfvuil|zwerfafval|afval|rommel|troep|glas|scherven|poep|hondenpoep|graffiti|stinkt|stank|dirty|filthy|litter|rubbish|trash|garbage|glass|poo|stinks)\b/],
];

export function guessCategory(text: string): Category | null {
  const t = normalise(text);
  return CATEGORY_HINTS.find(([, re]) => re.test(t))?.[0] ?? null;
}
