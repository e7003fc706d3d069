export * from './disasm.js';
