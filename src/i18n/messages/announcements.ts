import { defineMessages } from '../define.js';
export const announcementMessages = defineMessages({});
