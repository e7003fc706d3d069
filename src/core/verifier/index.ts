// The verifier's scalar domain: tracked numbers, the kernel's bounds and transfer functions,
// branch refinement, and the log's scalar printing. The verifier proper builds on these.

export * from './tnum.js';
export * from './bounds.js';
export * from './scalar-log.js';
