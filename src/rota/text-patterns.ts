/**
 * The phrase patterns the free-text parser reads (on lower-cased text without accents and abbreviations).
 * Dutch and English side by side; each says what a resident means, not which task or date.
 */

const S = '[^.?!]*';

export const SOMEONE = /\b(iemand|iemnd|een ander|someone else|wie kan|wie wil|wie neemt|wil er iemand|kan er iemand|someone|somebody|anyone|anybody|who can|who wants|who could|overnemen|take over|takes over|cover for me|cover me)\b/;
export const SWAP = /\b(ruil[a-z]*|omruilen|wissel|wisselen|omwisselen|verwisselen|swap|swapping|switch|trade|ruil?en)\b/;
export const NEGATION = new RegExp([
  `\\bik (kan|doe|ga|pak|neem|red)\\b${S}\\bniet\\b`, `\\b(kan|lukt|lukken|gaat|gaan|red|past)\\b${S}\\b(toch )?niet\\b`, '\\bik niet\\b', '\\bniet (meer|langer)\\b',
  '\\b(afzeggen|afmelden|cancelen|annuleren|afbellen)\\b', '\\bzeg\\b' + S + '\\baf\\b', '\\bben( er)? (dan )?(niet|weg|ziek|op vakantie)\\b', '\\bben ik (er )?(dan )?(niet|weg|ziek|op vakantie)\\b',
  "\\bi (can'?t|cannot|can not|won'?t|will not|am not able|'?m not able|am unable|'?m unable)\\b", "\\bcan'?t make\\b", '\\bnot me\\b',
  "\\b(won'?t|will not) be (able|there|around|home)\\b", '\\bunable\\b', "\\b(need|have) to (cancel|drop|back out|bail)\\b", '\\bsomething came up\\b',
  "\\bi'?m (sick|away|ill)\\b", '\\bkomt( me)? (toch )?niet (goed )?uit\\b', '\\bgaat (me )?(toch )?niet lukken\\b',
  "\\bcan'?t (do|make|take|manage)\\b", '\\bnot able\\b', "\\bnot (going to |gonna )?make it\\b", '\\bno longer\\b', '\\bnot anymore\\b', "\\b(isn'?t|is not|won'?t|will not|doesn'?t|does not|not) (going to |gonna )?(work|happen)\\b",
].join('|'));
export const RELEASE = /\b(vrijgeven|vrij geven|geef\b[^.?!]*\bvrij|geef\b[^.?!]*\bterug|teruggeven|terug geven|afmelden|meld\b[^.?!]*\baf|uitschrijven|schrijf me uit|eraf|stop (met|ermee)|quit|laten (gaan|schieten|vallen|lopen)|trek (me|mij) terug|terugtrekken|withdraw|pull out|haal (me|mij)\b[^.?!]*\baf|geef\b[^.?!]*\bweg|streep (me|mij)\b[^.?!]*\b(door|weg)|release|unclaim|unassign|drop out|back out|take me off|remove me|cancel|give (it |this |that )?(back|away))\b/;
export const DONE = /\b(gedaan|klaar|afgerond|af\b(?! en toe)|is gebeurd|zijn gebeurd|geveegd|gelapt|gezeemd|gedweild|gemaaid|gewied|geschoffeld|opgeruimd|schoongemaakt|gepoetst|gestofzuigd|buitengezet|binnengezet|buiten gezet|binnen gezet|(staat|staan|is|zijn) (al |weer |nu )?(buiten|binnen|aan de (straat|weg|stoep))|afgevinkt|aan de (straat|weg|stoep) gezet|(is|zijn) (weer )?(schoon|netjes|aan kant)|done|went out|got (put )?out|finished|completed|complete|did (it|the|my)|i did|i'?ve done|have done|has been done|swept|mopped|cleaned|put out|took out|taken out|brought in|(are|is) (out|in|clean|swept|mopped)|put\b[^.?!]*\bout)\b/;
/** Praise for whoever did it is no report of one's own turn ("mooi gedaan Daan!", "thanks to whoever…"). */
export const PRAISE = /\b((mooi|goed|netjes|prima|keurig|super|top|lekker) (gedaan|geveegd|gedweild|gelapt|schoon)|(super|fijn|mooi|heerlijk|top) dat|wat (fijn|mooi|netjes)|(great|nice|lovely) that|well done|(good|nice|great) job|whoever|thanks|thank you|bedankt|dank (je|jullie|u))\b/;
/** Seeing it done is no report of one's own turn ("de ramen zijn gelapt zag ik"). */
export const OBSERVED = /\b(zag ik|zie ik|ik zag|ik zie|gezien|i saw|i see|i noticed|i'?ve seen|ziet er)\b/;
export const FIRST_PERSON = /\b(ik|i|i'?ve|i'?m|we|wij|me|mij|mijn|my)\b/;
/** Generic claim phrases: taking a turn, whatever the task. */
export const CLAIM = new RegExp([
  '\\bik (doe|pak|neem|wil|kan|ga|help|kom|zal|regel|fix|ben er)\\b',
  '\\b(doe|pak|neem|wil|regel) ik\\b', '\\b(mag|kan|zal|zou) ik\\b', '\\bshall i\\b', '^(doe|pak|neem|wil) (?!je\\b|jij\\b|u\\b|iemand\\b|er\\b)', '\\b(zet|schrijf|noteer|plan|deel) (mij|me)\\b',
  '\\bvoor mij\\b', '\\bmij maar\\b', '\\bdoe ik\\b', '\\bik neem hem\\b', '\\bik meld me\\b', '\\bmeld me aan\\b', '\\bhelp (ik )?mee\\b',
  "\\bi'?ll\\b", "\\bill (do|take|grab|handle|cover|sweep|mop|clean|help)\\b", '\\bi will\\b', '\\bi can\\b', '\\bi (take|do|want|got|grab|volunteer)\\b',
  "\\bi'?m (taking|doing|on|happy to|going to|gonna)\\b", '\\blet me\\b', '\\bsign me up\\b', '\\bput me\\b', '\\bcount me in\\b', '\\bme for\\b',
  "\\bcan i\\b", '\\bmay i\\b', "\\bi'?d like to\\b", '\\bmine\\b', '\\bdibs\\b',
].join('|'));
/** "ik veeg", "zet ik": claims only when the verb is the task's own work (checked against the task's words). */
export const ACTIVITY_CLAIM = /\b(?:ik (lap|veeg|dweil|maai|zet|breng|haal|zeem|wied|schoffel|poets)|(lap|veeg|dweil|maai|zet|breng|haal|zeem) ik)\b/;
export const QUESTION_WORD = /^(wie|wat|wanneer|welke|hoe|waar|is|zijn|staat|staan|heb|moet|who|what|when|which|how|is|are|do|does|have|has|am)\b|\b(wie (doet|heeft|is|staat)|wanneer (ben|moet|is|doe)|wat (moet|staat|is er)|welke beurt|is er nog|zijn er nog|staat er nog|nog open|nog vrij|still open|what'?s open|anything open|who (is|does|has|'?s)|when (is|am|do)|which turns?|my turns|mijn beurt|mijn beurten|wat is er open|aan de beurt|any (open|free)|anything (open|free))\b/;
/** Questions that start like a report but ask about someone else ("wie heeft de trap gedaan?", "is de hal al gedweild?"). */
export const ASKS_OTHERS = /^(wie|who|is|zijn|heeft|hebben|has|have|did|was|were|are|weet|waarom|why)\b/;
/** Asking about one's own turns. */
export const MINE_ASK = /\b(moet ik|heb ik|wanneer ik|sta ik|ben ik (weer )?(aan de beurt|ingedeeld|ingeroosterd|ingepland)|wat (moet|doe|heb) ik|voor mij (gepland|ingepland|staan|staat|op het rooster)|staat er (iets |wat )?voor mij|(do|did) i have|have i got|am i (on|down|scheduled|up)|what (do|should|must) i|when (am|do|should|must) i|(my|mijn) (next |volgende )?(turns?|shifts?|tasks?|beurt(en)?|taken|klussen|diensten))\b/;
/** Asking what is open, or offering help without naming a task. */
export const OPEN_ASK = /\b(wat kan ik (nog )?(doen|oppakken|betekenen|helpen|pakken|nemen)|waarmee kan ik helpen|waar kan ik (mee )?helpen|what can i (do|help|take|pick)|how can i help|where can i help|(niet|nog niet) ingevuld|nog niemand|onbezet|unclaimed|not (yet )?taken|nog (open|vrij)|still (open|free|available)|(wat|what) (moet|moeten|needs?) (er )?(nog )?(gebeuren|gedaan worden|to be done|doing)|(wat|what) (is|valt) er (nog )?te doen|(is|zijn) er nog (klussen|beurten)|what needs (doing|to be done)|open (turns?|shifts?|tasks?|beurten|taken|klussen|plekken)|(iets|wat) (open|vrij|te doen)|(anything|something) (open|free|left|available)|what'?s (left|open|available|free))\b/;
/** An offer to help without a task ("ik wil wel iets doen", "I can help out"): show what is open. */
export const ANY_TASK = /\b(iets|wat|ergens|something|anything|een (klus|klusje|handje)|helpen|meehelpen|help( out)?|mee)\b/;
/** A question to the neighbours, not the bot ("heeft iemand een ladder?", "does anyone know…"). */
export const NEIGHBOUR_ASK = /\b((iemand|anyone|anybody) (een |enig |an |any )?(idee|idea|clue)|weet (er )?iemand|heeft (er )?iemand|heb(ben)? jullie|does any(one|body)|has any(one|body)|have any of you|any(one|body) (know|knows|have|has|got|seen))\b/;
/** "mijn beurten", "my turns this month": a request to see one's own turns, also without a question mark. */
export const MY_TURNS = /\b(my|mijn) (next |volgende |eigen )?(turns?|shifts?|tasks?|beurt(en)?|taken|klussen|diensten|rooster)\b/;
/** "show me the rota", "kan ik het rooster zien": a request to see the rota. */
export const SHOW_ROTA = /\b(show|laat|toon|zien|see|view|bekijk|bekijken|check)\b[^.?!]*\b(rooster|rota|schedule|planning|schema|beurten|turns)\b|\b(rooster|rota|schedule|planning)\b[^.?!]*\b(zien|see|view|bekijken|graag|please|pls)\b|\bwie doet\b[^.?!]{0,25}\b(wat|welke taak|welke taken)\b|\bwho (does|is doing) what\b/;
/** A question about when or how, never a report that something is done ("when do I put the bins out?"). */
export const WHEN_HOW = /^(wanneer|when|hoe|how|wat|what|welke|which|moet|must|should|do|does|waarom|why)\b/;
/** One's own home is no shared task ("de ramen van mijn eigen huis"). */
export const OWN_HOME = /\b(mijn eigen|my own|bij (mij|ons) thuis|mijn (huis|woning|appartement|balkon|flat)|my (house|home|flat|apartment|balcony))\b/;
/** One's own turn without naming its task. */
export const OWN_TURN = /\b(mijn (beurt|beurten|taak|taken|dienst)|my (turn|turns|task|shift))\b/;
export const MINE = /\b(ik|mijn|mij|me|my|mine|i)\b/;
/** Asking about one's own share of the work, not about a turn. */
export const CONTRIBUTION = new RegExp(`\\b(${[
  'mijn (bijdrage|punten|score|statistieken?)', 'my (contribution|points|score|stats|statistics)',
  // "hoeveel beurten heb ik nog?" asks for the turns still to come, not for the share done.
  'hoeveel (punten|uur|uren) heb ik', 'hoeveel beurten heb ik (al )?(gedaan|gehad|gedraaid)', 'hoeveel heb ik (al )?(gedaan|bijgedragen|geholpen)',
  'hoe vaak heb ik', 'wat heb ik (al )?bijgedragen',
  'how many (points|hours) (have i|do i have|did i)', 'how many turns (have i done|did i do|have i had)',
  'how (much|often) (have i|did i) (done|do|helped|help|contributed|contribute)',
].join('|')})\\b`);
export const ROTA_WORDS = /\b(rooster|rota|beurt|beurten|taak|taken|klus|klussen|klusje|klusjes|corvee|turn|turns|task|tasks|shift|shifts|chores?|duty|duties|schema|planning)\b/;
/**
 * Being away for a while ("ik ben op vakantie van 10 tot 20 december", "volgende week ben ik er niet", "I'm away next
 * week"): an absence, when no task is named. With a task it stays a release ("ik ben zaterdag weg, de trap lukt niet").
 * Not being home ("ik ben morgen niet thuis") is no absence from the rota: often it is about a parcel or a visit.
 */
export const ABSENCE = new RegExp([
  `\\b(ik ben|ben ik|ik zit|zit ik)\\b${S}\\b(weg|afwezig|op vakantie|met vakantie|op reis|in het buitenland|er niet|niet aanwezig|niet in het land)\\b`,
  `\\b(ik ben|ben ik) er\\b${S}\\bniet\\b`, `\\b(ik ga|ga ik)\\b${S}\\b(op vakantie|op reis|weg|naar het buitenland)\\b`,
  `\\b(i'?m|i am|i'?ll be|i will be)\\b${S}\\b(away|on holiday|on vacation|out of town|abroad|gone|travell?ing|not (here|around))\\b`,
  `\\bi (won'?t|will not) be (here|around)\\b`, `\\b(i'?m going|i go) (on holiday|on vacation|away|abroad)\\b`,
].join('|'));
/** Words that say "away" on their own; "ik ben er niet" without a date may mean something else ("ik ben er niet zeker van"). */
export const AWAY_WORDS = /\b([a-z]*vakantie|weg|afwezig|op reis|buitenland|away|holiday|vacation|out of town|abroad|travell?ing)\b/;
