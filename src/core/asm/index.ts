// The assembler's public face (and the disassembler's, which appends its exports below).
export { assemble } from './assemble.js';
export * from './types.js';
export * from './disasm.js';
