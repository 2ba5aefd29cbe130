import { adapterContract } from './scenario.js';
import { consoleWorld } from './worlds/console.js';

adapterContract('console adapter', consoleWorld);
