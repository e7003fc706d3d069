// The plain fast path: run a program to completion without recording anything.

import type { Insn } from '../isa/insn.js';
import { execute } from './engine.js';
import { Machine } from './machine.js';
import type { RunInput, RunOptions, RunResult } from './types.js';

export function run(insns: readonly Insn[], input: RunInput = {}, opts: RunOptions = {}): RunResult {
  const m = new Machine(insns, input, opts);
  const stop = execute(m, { engine: opts.engine ?? 'auto' });
  return resultOf(m, stop === 'exit' ? 'exit' : stop === 'fault' ? 'fault' : 'limit');
}

export function resultOf(m: Machine, exit: RunResult['exit']): RunResult {
  return {
    exit,
    r0: m.get(0),
    steps: m.steps,
    fault: m.fault,
    pc: m.pc,
    output: [...m.output],
    packet: m.packetBytes(),
    meta: m.metaBytes(),
    mem: m.memRegion ? m.memRegion.u8.slice() : null,
  };
}
