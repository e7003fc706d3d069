// The debugging session: stepping forwards and backwards, over and out of calls, breakpoints,
// seeking, and snapshots. Stepping back must restore the exact earlier state, all the way to
// step 0 of a million-step run.

import { describe, expect, it } from 'vitest';
import { framePointer, Session, type CtxSpec, type HelperHost, type Snapshot } from '../../src/core/vm/index.js';
import { writeLE } from '../../src/core/vm/bytes.js';
import { asm } from './util.js';

const big = (s: Snapshot): string => JSON.stringify(s, (_k, v) => (typeof v === 'bigint' ? `0x${v.toString(16)}` : v instanceof Uint8Array ? Buffer.from(v).toString('hex') : v));

const LOOP = asm(`
  r0 = 0
  r1 = 0
loop:
  r1 += 1
  *(u64 *)(r10 - 8) = r1
  r2 = *(u64 *)(r10 - 8)
  r0 += r2
  *(u32 *)(r1 + 0) = r2
  if r1 < 3 goto loop
  exit
`.replace('*(u32 *)(r1 + 0) = r2', 'r3 = r0'));

describe('stepping', () => {
  it('step runs one instruction and reports the registers it changed', () => {
    const s = new Session(LOOP);
    expect(s.snapshot()).toMatchObject({ pc: 0, step: 0, status: 'running', changed: [] });
    expect(s.step()).toBe('step');
    s.step();
    s.step();
    expect(s.snapshot()).toMatchObject({ pc: 3, step: 3, changed: [1] });
    expect(s.snapshot().regs[1]).toBe(1n);
  });

  it('a store shows up as a write of the last step, with its stack bytes', () => {
    const s = new Session(LOOP);
    s.seek(4);
    const snap = s.snapshot();
    expect(snap.writes).toEqual([{ region: 'stack frame 0', address: framePointer(0) - 8n, offset: 504, size: 8 }]);
    expect(Buffer.from(snap.stack[0]!.subarray(504)).toString('hex')).toBe('0100000000000000');
    expect(snap.changed).toEqual([]);
  });

  it('stepBack undoes exactly one instruction, memory included', () => {
    const s = new Session(LOOP);
    const before: string[] = [];
    for (let k = 0; k < 12; k++) { before.push(big(s.snapshot())); s.step(); }
    for (let k = 11; k >= 0; k--) {
      s.stepBack();
      const now = s.snapshot();
      const then = JSON.parse(before[k]!) as Snapshot;
      expect(JSON.parse(big(now)).regs).toEqual(then.regs);
      expect(JSON.parse(big(now)).stack).toEqual(then.stack);
      expect(now.pc).toBe(then.pc);
      expect(now.step).toBe(k);
    }
    expect(s.stepBack()).toBe('start');
  });

  it('runs to the exit, and steps back from it', () => {
    const s = new Session(LOOP);
    expect(s.continue()).toBe('exit');
    expect(s.status).toBe('exited');
    expect(s.snapshot().regs[0]).toBe(6n);
    expect(s.step()).toBe('none');
    s.stepBack();
    expect(s.status).toBe('running');
    expect(s.continue()).toBe('exit');
    expect(s.result()).toMatchObject({ exit: 'exit', r0: 6n, steps: 21 });
  });

  it('steps back all the way from a million-step run to the exact initial state', () => {
    const prog = asm(`
      r6 = 0
    l:
      r6 += 1
      *(u64 *)(r10 - 16) = r6
      r1 = *(u64 *)(r10 - 16)
      if r6 < 250000 goto l
      r0 = r6
      exit`);
    const s = new Session(prog, { mem: new Uint8Array(4) }, { maxSteps: 2_000_000 });
    const start = big(s.snapshot());
    expect(s.continue()).toBe('exit');
    expect(s.steps).toBe(1_000_003);
    const t0 = performance.now();
    while (s.steps > 0) s.stepBack();
    const ms = performance.now() - t0;
    expect(big(s.snapshot())).toBe(start);
    expect(s.touchedMemory()).toEqual([]);
    expect(ms).toBeLessThan(5000);
    // And forwards again to the same end.
    expect(s.continue()).toBe('exit');
    expect(s.snapshot().regs[0]).toBe(250000n);
  });

  it('is deterministic: the same input gives the same run', () => {
    const a = new Session(LOOP);
    const b = new Session(LOOP);
    a.continue();
    for (let k = 0; k < 21; k++) b.step();
    expect(big(a.snapshot())).toBe(big(b.snapshot()));
  });
});

const CALLS = asm(`
  r1 = 2
  call double
  r1 = r0
  call double
  exit
double:
  r0 = r1
  call add_self
  exit
add_self:
  r0 += r0
  exit
`);

describe('calls', () => {
  it('step enters a call; the snapshot shows both frames', () => {
    const s = new Session(CALLS);
    s.step();
    s.step();
    const snap = s.snapshot();
    expect(snap.pc).toBe(5);
    expect(snap.frames).toEqual([
      { depth: 0, fp: framePointer(0), callPc: null, returnPc: null, callback: false },
      { depth: 1, fp: framePointer(1), callPc: 1, returnPc: 2, callback: false },
    ]);
    expect(snap.regs[10]).toBe(framePointer(1));
    expect(snap.changed).toEqual([10]);
  });

  it('stepOver runs a whole call and stops after it', () => {
    const s = new Session(CALLS);
    s.step();
    expect(s.stepOver()).toBe('return');
    expect(s.snapshot()).toMatchObject({ pc: 2, frames: [{ depth: 0 }] });
    expect(s.snapshot().regs[0]).toBe(4n);
    expect(s.stepOver()).toBe('step');
    expect(s.pc).toBe(3);
  });

  it('stepOver stops at a breakpoint inside the callee', () => {
    const s = new Session(CALLS);
    s.step();
    expect(s.stepOver({ breakpoints: [8] })).toBe('break');
    expect(s.pc).toBe(8);
    expect(s.depth).toBe(2);
  });

  it('stepOut finishes the current function', () => {
    const s = new Session(CALLS);
    s.runTo(8);
    expect(s.depth).toBe(2);
    expect(s.stepOut()).toBe('return');
    expect(s.snapshot()).toMatchObject({ pc: 7 });
    expect(s.depth).toBe(1);
    expect(s.stepOut()).toBe('return');
    expect(s.pc).toBe(2);
    expect(s.stepOut()).toBe('exit');
    expect(s.snapshot().regs[0]).toBe(8n);
  });

  it('continue stops at each breakpoint hit, not at the one it starts on', () => {
    const s = new Session(CALLS);
    const hits: number[] = [];
    while (s.continue({ breakpoints: [8] }) === 'break') hits.push(s.steps);
    expect(hits.length).toBe(2);
    expect(s.status).toBe('exited');
  });

  it('stepping back out of a callee restores the caller frame and r6-r10', () => {
    const s = new Session(CALLS);
    s.runTo(9);
    const inside = big(s.snapshot());
    s.step(); // exit from add_self
    expect(s.depth).toBe(1);
    s.stepBack();
    expect(big(s.snapshot())).toBe(inside);
  });
});

describe('seek, reset and limits', () => {
  it('seek moves to any step, forwards or backwards', () => {
    const s = new Session(LOOP);
    s.seek(10);
    const ten = big(s.snapshot());
    s.seek(3);
    expect(s.steps).toBe(3);
    s.seek(10);
    expect(big(s.snapshot())).toBe(ten);
    expect(s.reset()).toBe('start');
    expect(s.steps).toBe(0);
  });

  it('reaching the step limit sets status limit; stepping back resumes', () => {
    const s = new Session(asm('l: r0 += 1\ngoto l'), {}, { maxSteps: 100 });
    expect(s.continue()).toBe('limit');
    expect(s.status).toBe('limit');
    expect(s.step()).toBe('none');
    s.stepBack();
    expect(s.status).toBe('running');
  });

  it('a fault stops the session; stepping back returns to just before it, then further', () => {
    const s = new Session(asm('r1 = 0\nr0 = *(u64 *)(r1 + 0)\nexit'));
    expect(s.continue()).toBe('fault');
    expect(s.snapshot()).toMatchObject({ status: 'faulted', pc: 1, step: 1, fault: { kind: 'null' } });
    s.stepBack();
    expect(s.snapshot()).toMatchObject({ status: 'running', pc: 1, step: 1, fault: null });
    expect(s.step()).toBe('fault');
    s.stepBack();
    s.stepBack();
    expect(s.snapshot()).toMatchObject({ status: 'running', pc: 0, step: 0, fault: null });
  });
});

describe('effects outside registers and memory are undone too', () => {
  it('helper output and helper-registered undo actions roll back with the step', () => {
    const outside: number[] = [];
    const helpers: HelperHost = {
      has: (id) => id === 6,
      call: (_id, api) => {
        api.print(`value ${api.reg(1)}`);
        outside.push(Number(api.reg(1)));
        api.onUndo(() => { outside.pop(); });
        return { r0: 0n };
      },
    };
    const s = new Session(asm('r1 = 1\ncall 6\nr1 = 2\ncall 6\nexit'), {}, { helpers });
    s.continue();
    expect(s.snapshot().output).toEqual(['value 1', 'value 2']);
    expect(outside).toEqual([1, 2]);
    s.seek(2);
    expect(s.snapshot().output).toEqual(['value 1']);
    expect(outside).toEqual([1]);
    s.reset();
    expect(outside).toEqual([]);
  });

  it('context stores through the accessor are recorded and undone', () => {
    const ctx: CtxSpec = {
      name: 'test_ctx', size: 8,
      load: (off, size, env) => ({ ok: true, value: BigInt(env.bytes[off]!) + (size === 8 ? 0n : 0n) }),
      store: (off, size, value, env) => { writeLE(env.bytes, off, size, value); return { ok: true }; },
    };
    const s = new Session(asm('r2 = 0x1234\n*(u32 *)(r1 + 4) = r2\nr0 = 0\nexit'), { ctx });
    s.continue();
    expect(Buffer.from(s.regionBytes('test_ctx')!).toString('hex')).toBe('0000000034120000');
    expect(s.touchedMemory()).toEqual([{ region: 'test_ctx', ranges: [{ offset: 4, size: 2 }] }]);
    s.seek(1);
    expect(Buffer.from(s.regionBytes('test_ctx')!).toString('hex')).toBe('0000000000000000');
  });
});
