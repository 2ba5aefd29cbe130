import { adapterContract } from './scenario.js';
import { fakeWorld } from './worlds/fake.js';

adapterContract('in-process fake platform', fakeWorld);
