// The instruction set: constants, the one opcode table, the raw slot and its encoding.
export * from './constants.js';
export * from './table.js';
export * from './insn.js';
