// Explanations of verifier errors: the catalogue (one entry per family of kernel messages, each
// with a plain-language explanation, a fix and a checked before/after example) and explain(),
// which ties a message to the user's program (line, register, path).
export * from './types.js';
export { ERROR_KINDS } from './catalogue.js';
export * from './explain.js';
export * from './example.js';
