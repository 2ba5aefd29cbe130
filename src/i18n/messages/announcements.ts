import { defineMessages } from '../define.js';

/** Announcements (/mededeling, /announce). */
export const announcementMessages = defineMessages({
  'announcements.howTo': {
    nl: 'Een mededeling aan alle chats van het complex stuur je met /mededeling en de tekst, bijvoorbeeld: /mededeling De glasbak wordt morgen geleegd. Met "pin" ervoor zet ik hem vast, met "om 2026-12-24 18:00" stuur ik hem later.',
    en: 'Send an announcement to all chats of the complex with /announce and the text, for example: /announce The bottle bank is emptied tomorrow. Put "pin" in front and I pin it; "at 2026-12-24 18:00" and I send it later.',
  },
  'announcements.byCoordinator': {
    nl: 'Mededelingen aan alle chats stuurt een coördinator (met /mededeling). Vraag "wie zijn de coördinatoren?" als je niet weet wie dat is.',
    en: 'Announcements to all chats are sent by a coordinator (with /announce). Ask "who are the coordinators?" if you do not know who that is.',
  },
  'announcements.help': {
    nl: 'bericht aan alle chats van het complex, bijv. /mededeling pin om 18:00 De glasbak wordt morgen geleegd (ook: zonder-gelezen, om 2026-12-24 18:00)',
    en: 'message to every chat of the complex, e.g. /announce pin at 18:00 The bottle bank is emptied tomorrow (also: no-ack, at 2026-12-24 18:00)',
  },
  'announcements.body': { nl: '📢 Mededeling van {author}\n\n{text}', en: '📢 Announcement from {author}\n\n{text}' },
  'announcements.ackButton': { nl: 'Gelezen ✓ ({count})', en: 'Read ✓ ({count})' },
  'announcements.reping': {
    nl: 'Heb je deze mededeling al gelezen? Tik op "Gelezen ✓" als dat zo is.',
    en: 'Have you read this announcement? Tap "Read ✓" if you have.',
  },
  'announcements.sentNow': {
    nl: 'Mededeling #{id} gaat nu naar {chats, plural, one {# chat} other {# chats}}.',
    en: 'Announcement #{id} is going out to {chats, plural, one {# chat} other {# chats}} now.',
  },
  'announcements.scheduled': {
    nl: 'Mededeling #{id} wordt op {when} verstuurd naar {chats, plural, one {# chat} other {# chats}}.',
    en: 'Announcement #{id} will be sent to {chats, plural, one {# chat} other {# chats}} on {when}.',
  },
  'announcements.error.empty': {
    nl: 'Wat wil je melden? Bijvoorbeeld: /mededeling pin om 18:00 De lift is morgen buiten gebruik.',
    en: 'What do you want to announce? For example: /announce pin at 18:00 The lift is out of order tomorrow.',
  },
  'announcements.error.badTime': {
    nl: 'Die tijd begrijp ik niet. Schrijf bijvoorbeeld "om 18:00" of "om 2026-12-24 18:00".',
    en: 'I do not understand that time. Write for example "at 18:00" or "at 2026-12-24 18:00".',
  },
  'announcements.error.past': {
    nl: 'Dat tijdstip is al voorbij. Kies een moment in de toekomst.',
    en: 'That time has passed. Choose a moment in the future.',
  },
  'announcements.error.tooLong': {
    nl: 'Die mededeling is te lang (meer dan 12.000 tekens). Maak hem korter of verdeel hem over twee mededelingen.',
    en: 'That announcement is too long (over 12,000 characters). Shorten it or split it into two announcements.',
  },
  'announcements.error.notAllowed': {
    nl: 'Alleen coördinatoren (of contactpersonen van de corporatie) kunnen een mededeling versturen.',
    en: 'Only coordinators (or liaisons of the corporation) can send an announcement.',
  },
  'announcements.error.noChats': {
    nl: 'Er is nog geen gekoppelde groep om de mededeling naar te sturen.',
    en: 'There is no linked group yet to send the announcement to.',
  },
  'announcements.alreadyAcked': { nl: 'Je had deze mededeling al als gelezen gemarkeerd.', en: 'You had already marked this as read.' },
});
