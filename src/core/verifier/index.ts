// The verifier's scalar domain: tracked numbers, the kernel's bounds and transfer functions,
// branch refinement, and the log's scalar printing, all matching Linux 6.18.44. What a register
// carries besides the numbers (type, scalar id, linked delta, precision) and the rules for them
// (ids on moves, linked-register sync at branches, forks before and/or on [-1, 0]) belong to the
// verifier proper; tools/verifier/scalar-machine.ts is a worked, kernel-checked example of them.

export * from './tnum.js';
export * from './bounds.js';
export * from './scalar-log.js';
