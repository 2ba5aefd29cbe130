import { defineMessages } from '../define.js';

export const telegram = defineMessages({
  'telegram.anonymousAdmin': {
    nl: 'Je schrijft als anonieme beheerder, dus ik weet niet wie je bent. Zet "Anoniem blijven" uit in je beheerdersrechten, of stuur me een privébericht.',
    en: 'You are writing as an anonymous admin, so I cannot tell who you are. Turn off "Remain anonymous" in your admin rights, or send me a direct message.',
  },
});
