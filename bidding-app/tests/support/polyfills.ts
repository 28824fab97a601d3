import { TextDecoder, TextEncoder } from 'node:util';

// jsdom leaves these out; React Router needs them.
Object.assign(globalThis, { TextEncoder, TextDecoder });
