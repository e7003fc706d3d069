// The step limit, bpf-to-bpf call frames (depth, argument and callee-saved registers, private
// stacks), the per-frame may_goto budget, and tail calls.

import { describe, expect, it } from 'vitest';
import { BPF_MAX_LOOPS, DEFAULT_MAX_STEPS, framePointer, MAX_TAIL_CALL_CNT, run, type TailCallHost } from '../../src/core/vm/index.js';
import { asm, run2 } from './util.js';

describe('step limit', () => {
  it(`stops a runaway program after ${DEFAULT_MAX_STEPS} instructions by default`, () => {
    const r = run2(asm('l: r0 += 1\ngoto l'));
    expect(r).toMatchObject({ exit: 'limit', steps: DEFAULT_MAX_STEPS, fault: null, r0: BigInt(DEFAULT_MAX_STEPS / 2) });
  });
  it('takes a configurable limit and reports the next instruction', () => {
    const r = run2(asm('r0 = 0\nl: r0 += 1\ngoto l'), {}, { maxSteps: 10 });
    // r0 = 0, then (r0 += 1, goto) four times, then r0 += 1: the goto at 2 is next.
    expect(r).toMatchObject({ exit: 'limit', steps: 10, pc: 2, r0: 5n });
  });
  it('a program that exits on its last allowed step exits', () => {
    expect(run2(asm('r0 = 3\nexit'), {}, { maxSteps: 2 })).toMatchObject({ exit: 'exit', steps: 2, r0: 3n });
    expect(run2(asm('r0 = 3\nexit'), {}, { maxSteps: 1 })).toMatchObject({ exit: 'limit', steps: 1, pc: 1 });
  });
});

/** A chain of functions f1..fn, each calling the next; the last returns its depth. */
function chain(n: number): string {
  let s = 'r0 = 0\ncall f1\nexit\n';
  for (let k = 1; k <= n; k++) {
    s += `f${k}:\n${k < n ? `call f${k + 1}\n` : 'r0 = r10\n'}exit\n`;
  }
  return s;
}

describe('call frames', () => {
  it('eight frames (main + 7 calls) are fine; each has its own frame pointer', () => {
    const r = run2(asm(chain(7)));
    expect(r.exit).toBe('exit');
    expect(r.r0).toBe(framePointer(7));
  });
  it('a ninth frame is a call_depth fault at the call', () => {
    const r = run2(asm(chain(8)));
    // f7 (at 15) is the eighth frame; its call of f8 would be the ninth.
    expect(r.fault).toMatchObject({ kind: 'call_depth', pc: 15 });
    expect(r.fault!.message).toBe('the call stack is too deep: a 9th frame (at most 8)');
  });
  it('r1-r5 reach the callee, r6-r9 survive the call, r0 carries the result', () => {
    const r = run2(asm(`
      r1 = 1
      r2 = 2
      r3 = 3
      r4 = 4
      r5 = 5
      r6 = 60
      r7 = 70
      r8 = 80
      r9 = 90
      call f
      r0 *= 1000
      r0 += r6
      r0 += r7
      r0 += r8
      r0 += r9
      exit
    f:
      r0 = r1
      r0 += r2
      r0 += r3
      r0 += r4
      r0 += r5
      r6 = 0
      r7 = 0
      r8 = 0
      r9 = 0
      exit`));
    expect(r.r0).toBe(15n * 1000n + 300n);
  });
  it('a callee writes its own stack, and can write the caller\'s through a pointer', () => {
    const r = run2(asm(`
      r1 = 5
      *(u64 *)(r10 - 8) = r1
      r1 = r10
      r1 += -8
      call f
      r0 = *(u64 *)(r10 - 8)
      exit
    f:
      r2 = 9
      *(u64 *)(r10 - 8) = r2
      r3 = *(u64 *)(r1 + 0)
      r3 += r2
      *(u64 *)(r1 + 0) = r3
      exit`));
    expect(r.r0).toBe(14n);
  });
  it('each call gets a fresh may_goto budget', () => {
    // f counts may_goto fall-throughs until its budget runs out; main calls it twice.
    // 50 million steps: generated code only (ops.test.ts runs may_goto on both engines).
    const r = run(asm(`
      call f
      r6 = r0
      call f
      r0 += r6
      exit
    f:
      r0 = 0
    l:
      may_goto +2
      r0 += 1
      goto l
      exit`), {}, { maxSteps: 60_000_000, engine: 'jit' });
    expect(r.exit).toBe('exit');
    expect(r.r0).toBe(2n * BigInt(BPF_MAX_LOOPS));
  });
});

describe('tail calls', () => {
  it(`bpf_tail_call jumps to the target program; at most ${MAX_TAIL_CALL_CNT} of them`, () => {
    // Both programs add 1 to r6 and tail-call themselves through slot 0.
    const self = asm('r6 += 1\nr0 = r6\nr1 = 0\nr2 = 0\nr3 = 0\ncall 12\nexit');
    const tailCalls: TailCallHost = { target: (_map, index) => (index === 0 ? self : null) };
    const r = run(self, {}, { tailCalls, engine: 'jit' });
    expect(r.r0).toBe(BigInt(MAX_TAIL_CALL_CNT + 1));
    expect(run(self, {}, { tailCalls, engine: 'switch' })).toEqual(r);
    expect(run(self, {}, { tailCalls, engine: 'interp' })).toEqual(r);
  });
  it('a missing target falls through to the next instruction', () => {
    const tailCalls: TailCallHost = { target: () => null };
    expect(run2(asm('r0 = 4\nr3 = 1\ncall 12\nexit'), {}, { tailCalls }).r0).toBe(4n);
  });
});
