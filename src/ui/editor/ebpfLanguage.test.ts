import { describe, expect, it } from 'vitest';
import { OPS } from '../../core/isa/table.js';
import { ebpfMnemonics } from './ebpfLanguage.js';

describe('ebpf language definition', () => {
  it('highlights every mnemonic the instruction table defines, without the operand-kind suffix', () => {
    const m = new Set(ebpfMnemonics());
    for (const name of ['add', 'add32', 'mov', 'ldxdw', 'stxw', 'jeq32', 'be16', 'lock_fetch_add', 'lddw', 'exit', 'call', 'ja']) {
      expect(m.has(name), name).toBe(true);
    }
    for (const op of OPS) {
      if (op.kind === 'lddw' && op.name !== 'lddw') continue;
      expect(m.has(op.name.replace(/_(imm|reg)$/, '')), op.name).toBe(true);
    }
    expect([...m].some((n) => n.endsWith('_imm') || n.endsWith('_reg') || n.startsWith('lddw_'))).toBe(false);
  });
});
