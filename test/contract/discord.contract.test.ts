import { adapterContract } from './scenario.js';
import { discordContractWorld } from './worlds/discord.js';

adapterContract('Discord adapter (discord.js ↔ fake gateway and REST)', discordContractWorld);
