import { TextDecoder, TextEncoder } from 'node:util';

// jsdom (jest-environment-jsdom 29) lacks TextEncoder/TextDecoder; the in-process function host hashes
// with @noble/hashes, which needs them, as Node and the CloudBase runtime provide.
const g = globalThis as Record<string, unknown>;
g.TextEncoder ??= TextEncoder;
g.TextDecoder ??= TextDecoder;
