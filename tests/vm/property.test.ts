// Properties over random programs built from the instruction table (valid encodings, random
// registers, offsets and immediates): the VM never throws, both engines agree on everything, and
// stepping forwards N times then back N times restores the exact initial state.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Insn } from '../../src/core/isa/insn.js';
import { OPS, type OpSpec } from '../../src/core/isa/table.js';
import { conformanceHelpers, run, Session, type Snapshot } from '../../src/core/vm/index.js';

// Rows worth generating: everything but kfunc calls and pseudo ld_imm64 (which only fault).
const ROWS = OPS.filter((r) => r.kind !== 'call_kfunc' && !(r.kind === 'lddw' && r.pseudo !== 0));

const reg = fc.oneof(fc.integer({ min: 0, max: 10 }), fc.constantFrom(1, 10));
const imm = fc.oneof(fc.integer({ min: -8, max: 64 }), fc.integer({ min: -0x80000000, max: 0x7fffffff }), fc.constantFrom(0, -1, 0x7fffffff, -0x80000000));
const off = fc.oneof(fc.integer({ min: -4, max: 4 }), fc.integer({ min: -32, max: 32 }).map((n) => n & ~7), fc.integer({ min: -0x8000, max: 0x7fff }));

function slots(row: OpSpec, dst: number, src: number, o: number, i: number, hi: number): Insn[] {
  const insn: Insn = { code: row.code, dst, src, off: o, imm: i };
  if (row.disc) insn[row.disc.field] = row.disc.value;
  if (row.kind === 'call') insn.imm = 5; // the one helper the conformance set has
  if (row.kind === 'lddw') return [insn, { code: 0, dst: 0, src: 0, off: 0, imm: hi }];
  return [insn];
}

const insnArb = fc.tuple(fc.constantFrom(...ROWS), reg, reg, off, imm, imm).map(([row, d, s, o, i, hi]) => slots(row, d, s, o, i, hi));
const programArb = fc.array(insnArb, { minLength: 1, maxLength: 24 }).map((parts) => [...parts.flat(), { code: 0x95, dst: 0, src: 0, off: 0, imm: 0 }]);
const memArb = fc.uint8Array({ minLength: 64, maxLength: 64 });

describe('random programs', () => {
  it('never throw, and all three engines agree on everything', () => {
    fc.assert(fc.property(programArb, memArb, (insns, mem) => {
      const opts = { maxSteps: 300, helpers: conformanceHelpers };
      const fast = run(insns, { mem }, { ...opts, engine: 'jit' });
      expect(run(insns, { mem }, { ...opts, engine: 'switch' })).toEqual(fast);
      expect(run(insns, { mem }, { ...opts, engine: 'interp' })).toEqual(fast);
      expect(['exit', 'fault', 'limit']).toContain(fast.exit);
    }), { numRuns: 400 });
  });

  it('step N times, then back N times, is the initial state exactly', () => {
    const state = (s: Session, mem: () => Uint8Array | null): string => {
      const snap: Snapshot = s.snapshot();
      return JSON.stringify({ regs: snap.regs.map(String), pc: snap.pc, step: snap.step, frames: snap.frames.map((f) => ({ ...f, fp: String(f.fp) })), stack: snap.stack.map((b) => Buffer.from(b).toString('hex')), mem: Buffer.from(mem() ?? []).toString('hex'), status: snap.status });
    };
    fc.assert(fc.property(programArb, memArb, fc.integer({ min: 0, max: 40 }), fc.integer({ min: 1, max: 60 }), (insns, mem, warm, n) => {
      const s = new Session(insns, { mem }, { maxSteps: 500, helpers: conformanceHelpers });
      for (let k = 0; k < warm; k++) s.step();
      const before = state(s, () => s.regionBytes('mem'));
      // Steps that did something (not the no-ops after an exit, a fault or the limit).
      let moved = 0;
      for (let k = 0; k < n; k++) if (s.step() !== 'none') moved++;
      for (let k = 0; k < moved; k++) s.stepBack();
      expect(state(s, () => s.regionBytes('mem'))).toBe(before);
    }), { numRuns: 300 });
  });

  it('a recorded run (session) ends exactly like a plain run, on every engine', () => {
    fc.assert(fc.property(programArb, memArb, (insns, mem) => {
      const opts = { maxSteps: 300, helpers: conformanceHelpers };
      const plain = run(insns, { mem }, opts);
      for (const engine of ['jit', 'switch', 'interp'] as const) {
        const s = new Session(insns, { mem }, { ...opts, engine });
        s.continue();
        expect(s.result()).toEqual(plain);
      }
    }), { numRuns: 200 });
  });

  it('stepping back undoes the switch interpreter\'s recorded steps too', () => {
    fc.assert(fc.property(programArb, memArb, (insns, mem) => {
      const s = new Session(insns, { mem }, { maxSteps: 300, helpers: conformanceHelpers, engine: 'switch' });
      const start = JSON.stringify(s.snapshot(), (_k, v) => (typeof v === 'bigint' ? String(v) : v));
      s.continue();
      s.reset();
      expect(JSON.stringify(s.snapshot(), (_k, v) => (typeof v === 'bigint' ? String(v) : v))).toBe(start);
      expect(Buffer.from(s.regionBytes('mem')!).toString('hex')).toBe(Buffer.from(mem).toString('hex'));
    }), { numRuns: 200 });
  });
});
