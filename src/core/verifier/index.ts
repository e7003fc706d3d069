// The verifier: the scalar domain (tnum, bounds, scalar printing; kernel-exact on their own) and the
// verifier proper built on it (register and stack state, every safety check, the depth-first walk,
// the kernel's log). `verify()` is the entry point; the rest is exported for the UI and tools.
// tools/verifier/scalar-machine.ts is a small worked example of the kernel's scalar id rules.

export * from './tnum.js';
export * from './bounds.js';
export * from './scalar-log.js';
export * from './verify.js';
export type * from './regs.js';
export type * from './state.js';
export type * from './stack.js';
