import { defineMessages } from '../define.js';

export const beheerplan = defineMessages({});
