// Shared helpers of the VM tests: build instructions from table rows, assemble pseudo-C, and run a
// program on every engine, insisting they agree.

import { expect } from 'vitest';
import { assemble } from '../../src/core/asm/index.js';
import { lddwSlots, type Insn } from '../../src/core/isa/insn.js';
import { opByName } from '../../src/core/isa/table.js';
import { run, type RunInput, type RunOptions, type RunResult } from '../../src/core/vm/index.js';

/** One instruction of table row `name` with the given fields (the row's discriminator is filled in). */
export function I(name: string, f: Partial<Insn> = {}): Insn {
  const row = opByName(name);
  if (!row) throw new Error(`no table row ${name}`);
  const i: Insn = { code: row.code, dst: f.dst ?? 0, src: f.src ?? 0, off: f.off ?? 0, imm: f.imm ?? 0 };
  if (row.disc) i[row.disc.field] = row.disc.value;
  return i;
}

/** dst = value (ld_imm64, two slots). */
export const ld64 = (dst: number, value: bigint): Insn[] => lddwSlots(0x18, dst, 0, value);

export const EXIT = (): Insn => I('exit');
export const MOV = (dst: number, src: number): Insn => I('mov_reg', { dst, src });

/** Assemble pseudo-C (or any dialect the assembler takes); throws with the errors. */
export function asm(src: string): Insn[] {
  const r = assemble(src);
  if (!r.ok) throw new Error(r.errors.map((e) => `${e.line}:${e.col} ${e.message}`).join('\n'));
  return r.program.insns;
}

/** Runs on all three engines (generated code, the switch interpreter, the reference
 * interpreter) and checks they end identically; returns the generated-code result. */
export function run2(insns: readonly Insn[], input: RunInput = {}, opts: RunOptions = {}): RunResult {
  const fast = run(insns, input, { ...opts, engine: 'jit' });
  expect(run(insns, input, { ...opts, engine: 'switch' })).toEqual(fast);
  expect(run(insns, input, { ...opts, engine: 'interp' })).toEqual(fast);
  return fast;
}

export const hex = (v: bigint): string => `0x${BigInt.asUintN(64, v).toString(16)}`;
