import { adapterContract } from './scenario.js';
import { telegramContractWorld } from './worlds/telegram.js';

adapterContract('Telegram adapter (telegraf ↔ fake Bot API)', telegramContractWorld);
