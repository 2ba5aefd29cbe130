import { defineMessages } from '../define.js';
export const pollMessages = defineMessages({});
