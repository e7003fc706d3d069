// Everything a program can do wrong ends the run with a typed fault and a readable message, never
// a JavaScript exception, and the faulting instruction changes nothing.

import { describe, expect, it } from 'vitest';
import { CTX_ADDRESS, framePointer, type CtxSpec, type HelperHost, type MapHost } from '../../src/core/vm/index.js';
import { asm, EXIT, I, ld64, run2, hex } from './util.js';

describe('memory faults', () => {
  it('reading below the stack frame is out of bounds of stack frame 0', () => {
    const r = run2(asm('r0 = *(u64 *)(r10 - 520)\nexit'));
    expect(r.exit).toBe('fault');
    expect(r.fault).toMatchObject({ pc: 0, kind: 'out_of_bounds', size: 8, region: 'stack frame 0', address: framePointer(0) - 520n });
    expect(r.fault!.message).toBe('read of 8 bytes at offset -8 of stack frame 0 (512 bytes) is out of bounds');
  });

  it('an access that starts inside a region but runs past its end is out of bounds', () => {
    const r = run2(asm('r0 = *(u32 *)(r1 + 6)\nexit'), { mem: new Uint8Array(8) });
    expect(r.fault).toMatchObject({ kind: 'out_of_bounds', region: 'mem', size: 4 });
    expect(r.fault!.message).toBe('read of 4 bytes at offset 6 of mem (8 bytes) is out of bounds');
  });

  it('writing at or above the frame pointer is out of bounds too', () => {
    const r = run2(asm('*(u64 *)(r10 + 0) = r1\nr0 = 0\nexit'));
    expect(r.fault).toMatchObject({ kind: 'out_of_bounds', region: 'stack frame 0' });
    expect(r.fault!.message).toContain('write of 8 bytes at offset 512');
  });

  it('a NULL pointer plus an offset is a null dereference', () => {
    const r = run2(asm('r1 = 0\nr0 = *(u32 *)(r1 + 16)\nexit'));
    expect(r.fault).toMatchObject({ pc: 1, kind: 'null', address: 16n, region: null });
    expect(r.fault!.message).toBe('read of 4 bytes at 0x10: null pointer dereference');
  });

  it('an address nowhere near a region is unmapped', () => {
    const r = run2([...ld64(1, 0x1234567800000000n), I('stxdw', { dst: 1, src: 1 }), EXIT()]);
    expect(r.fault).toMatchObject({ pc: 2, kind: 'unmapped', address: 0x1234567800000000n });
    expect(r.fault!.message).toBe('write of 8 bytes at 0x1234567800000000: no memory is mapped there');
  });

  it('stores to a read-only region fault; loads from it work', () => {
    let rodata = 0n;
    const maps: MapHost = {
      setup: (memory) => { rodata = memory.map('.rodata', 'rodata', 8, { writable: false, bytes: Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8]) }).address; },
      mapPointer: () => null,
      mapValue: (ref, off) => (ref === 0 ? rodata + BigInt(off) : null),
    };
    const lddwValue = [{ code: 0x18, dst: 1, src: 2, off: 0, imm: 0 }, { code: 0, dst: 0, src: 0, off: 0, imm: 0 }];
    const load = run2([...lddwValue, I('ldxw', { dst: 0, src: 1, off: 4 }), EXIT()], {}, { maps });
    expect(hex(load.r0)).toBe('0x8070605');
    const store = run2([...lddwValue, I('stw', { dst: 1, off: 4, imm: 9 }), EXIT()], {}, { maps });
    expect(store.fault).toMatchObject({ pc: 2, kind: 'read_only', region: '.rodata' });
    expect(store.fault!.message).toContain('write of 4 bytes to read-only .rodata (offset 4)');
  });

  it('misaligned accesses fault only with strictAlignment', () => {
    const insns = asm('r0 = *(u32 *)(r10 - 6)\nexit');
    expect(run2(insns).exit).toBe('exit');
    const r = run2(insns, {}, { strictAlignment: true });
    expect(r.fault).toMatchObject({ kind: 'misaligned', size: 4 });
  });

  it('a pointer into a frame that returned is unmapped', () => {
    // f returns its r10 - 8; main dereferences it after the call.
    const r = run2(asm(`
      call f
      r0 = *(u64 *)(r0 + 0)
      exit
    f:
      r0 = r10
      r0 += -8
      exit`));
    expect(r.fault).toMatchObject({ pc: 1, kind: 'unmapped', region: 'stack frame 1' });
    expect(r.fault!.message).toContain('stack frame 1 is gone (its function returned)');
  });
});

describe('context faults', () => {
  const ctx: CtxSpec = {
    name: 'test_ctx', size: 8,
    load: (off) => (off === 0 ? { ok: true, value: 42n } : { ok: false, message: `invalid bpf_context access off=${off}` }),
    store: () => ({ ok: false, message: 'the context is read-only' }),
  };
  it('a refused context access is a ctx_access fault with the accessor\'s message', () => {
    expect(run2(asm('r0 = *(u32 *)(r1 + 0)\nexit'), { ctx }).r0).toBe(42n);
    const r = run2(asm('r0 = *(u32 *)(r1 + 4)\nexit'), { ctx });
    expect(r.fault).toMatchObject({ kind: 'ctx_access', region: 'test_ctx', address: CTX_ADDRESS + 4n, message: 'invalid bpf_context access off=4' });
    const w = run2(asm('*(u32 *)(r1 + 0) = 1\nr0 = 0\nexit'), { ctx });
    expect(w.fault).toMatchObject({ kind: 'ctx_access', message: 'the context is read-only' });
  });
  it('accesses past the end of the context fault before reaching the accessor', () => {
    const r = run2(asm('r0 = *(u64 *)(r1 + 4)\nexit'), { ctx });
    expect(r.fault).toMatchObject({ kind: 'out_of_bounds', region: 'test_ctx' });
  });
});

describe('control faults', () => {
  it('an opcode that is no instruction faults when reached, with the kernel\'s words', () => {
    const r = run2([I('mov_imm', { dst: 0 }), { code: 0x8d, dst: 0, src: 0, off: 0, imm: 0 }, EXIT()]);
    expect(r.fault).toMatchObject({ pc: 1, kind: 'invalid_insn', message: 'unknown opcode 8d' });
    expect(r.steps).toBe(1);
  });

  it('registers above r10 are invalid instructions', () => {
    const r = run2([{ code: 0xb7, dst: 11, src: 0, off: 0, imm: 0 }, EXIT()]);
    expect(r.fault).toMatchObject({ pc: 0, kind: 'invalid_insn', message: 'R11 is invalid' });
  });

  it('jumping out of the program or into an ld_imm64 is a bad jump at the jump', () => {
    expect(run2([I('ja', { off: 5 }), EXIT()]).fault).toMatchObject({ pc: 0, kind: 'bad_jump', message: 'jump to 6 is outside the program (2 instructions)' });
    const mid = run2([I('ja', { off: 1 }), ...ld64(0, 1n), EXIT()]);
    expect(mid.fault).toMatchObject({ pc: 0, kind: 'bad_jump', message: 'jump to 2 lands in the middle of an ld_imm64' });
  });

  it('falling off the end faults at the last instruction, which does not run', () => {
    const r = run2([I('mov_imm', { dst: 0, imm: 1 }), I('mov_imm', { dst: 0, imm: 2 })]);
    expect(r.fault).toMatchObject({ pc: 1, kind: 'bad_jump', message: 'control falls off the end of the program (2 instructions)' });
    expect(r.r0).toBe(1n);
    expect(r.steps).toBe(1);
  });

  it('calling a helper nobody provides is unknown_helper; a helper can refuse its arguments', () => {
    const u = run2(asm('call 1\nexit'));
    expect(u.fault).toMatchObject({ pc: 0, kind: 'unknown_helper' });
    expect(u.fault!.message).toBe('call to unknown helper #1 (bpf_map_lookup_elem is not available here)');
    const helpers: HelperHost = { has: () => true, call: () => ({ fault: 'R1 must point to a map' }) };
    const h = run2(asm('r1 = 0\ncall 1\nexit'), {}, { helpers });
    expect(h.fault).toMatchObject({ pc: 1, kind: 'helper', message: 'R1 must point to a map' });
  });

  it('a fault leaves registers and memory as they were before the faulting instruction', () => {
    const r = run2(asm(`
      r6 = 7
      *(u64 *)(r10 - 8) = r6
      lock *(u64 *)(r10 + 8) += r6
      exit`));
    expect(r.fault).toMatchObject({ pc: 2, kind: 'out_of_bounds' });
    expect(r.steps).toBe(2);
  });
});

describe('never an exception', () => {
  it('garbage slots of every opcode byte end in a result, not a throw', () => {
    for (let code = 0; code < 256; code++) {
      for (const fields of [{ dst: 1, src: 2, off: 3, imm: 4 }, { dst: 15, src: 15, off: -1, imm: -1 }, { dst: 10, src: 10, off: 0x7fff, imm: 0x7fffffff }]) {
        const r = run2([{ code, ...fields }, { code: 0, dst: 0, src: 0, off: 0, imm: 0 }, EXIT()], { mem: new Uint8Array(16) }, { maxSteps: 100 });
        expect(['exit', 'fault', 'limit']).toContain(r.exit);
      }
    }
  });
});
