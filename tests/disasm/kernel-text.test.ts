// Differential test of the kernel-style text against the running kernel. At log level 2 the 6.18
// verifier prints every instruction of a program ("Live regs before insn:") before it starts the
// real verification, so any program that passes the CFG checks shows its whole disassembly, even
// one the verifier goes on to reject. Programs come from every table row the kernel accepts
// without external objects (maps, BTF), with random fields.

import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatInsnKernel } from '../../src/core/asm/disasm.js';
import { instructionStarts, lookupOp, type Insn } from '../../src/core/isa/insn.js';
import { OPS, opByName, type OpSpec } from '../../src/core/isa/table.js';
import { KernelOracle, kernelAvailable, LOG_LEVEL2 } from '../../tools/kernel.js';
import { arbFields, buildProgram, instance, type Fields } from './gen.js';

const SEED = 0x5eed;
const PROGRAMS = 300;

// Map and BTF references need objects to exist, kfunc calls need BTF; a local call is added
// separately, and exit only ends the program (anything after it would be unreachable).
const rows = OPS.filter((o) => !(o.kind === 'lddw' && o.pseudo !== 0) && o.kind !== 'call_kfunc' && o.kind !== 'call_local' && o.kind !== 'exit');

/** A program whose every instruction is reachable (unconditional jumps go to the next instruction). */
function program(items: [OpSpec, Fields, number][], withCall: boolean): Insn[] {
  const main = buildProgram(items);
  for (const pc of instructionStarts(main)) {
    const c = main[pc]!.code;
    if (c === 0x05) main[pc]!.off = 0;
    if (c === 0x06) main[pc]!.imm = 0;
  }
  if (!withCall) return main;
  const call = instance(opByName('call_local')!, { dst: 0, src: 0, off: 0, imm: main.length, imm64: 0n })[0]!;
  return [call, ...main, { code: 0xb7, dst: 0, src: 0, off: 0, imm: 0 }, { code: 0x95, dst: 0, src: 0, off: 0, imm: 0 }];
}

// `%3d ` strongly connected component (loops only), `%6d:` pc, the live registers, the instruction.
const LIVE_LINE = /^(?:\s*\d+)?\s+(\d+): [.0-9]{10} (.*)$/;

/** pc → instruction text from the log's "Live regs before insn:" section. */
function liveRegsListing(log: string): Map<number, string> {
  const out = new Map<number, string>();
  const lines = log.split('\n');
  const start = lines.indexOf('Live regs before insn:');
  if (start < 0) return out;
  for (const line of lines.slice(start + 1)) {
    const m = LIVE_LINE.exec(line);
    if (!m) break;
    out.set(Number(m[1]), m[2]!);
  }
  return out;
}

const avail = kernelAvailable();
let oracle: KernelOracle | undefined;
afterAll(async () => { await oracle?.close(); });

describe('kernel-style text against the 6.18 kernel', () => {
  it('prints every instruction exactly as the kernel verifier log does', async () => {
    if (!avail.ok) { console.log(`skipped: ${avail.why}`); return; }
    oracle = KernelOracle.start();
    const item = fc.tuple(fc.constantFrom(...rows), arbFields, fc.nat());
    const progs = fc.sample(
      fc.tuple(fc.array(item, { minLength: 1, maxLength: 60, size: 'max' }), fc.boolean()).map(([items, call]) => program(items, call)),
      { numRuns: PROGRAMS, seed: SEED },
    );
    const results = await Promise.all(progs.map((insns) => oracle!.verify({ progType: 'socket_filter', insns, logLevel: LOG_LEVEL2 })));
    let compared = 0;
    const seen = new Set<string>();
    const mismatches: string[] = [];
    const noListing: string[] = [];
    results.forEach((r, n) => {
      const insns = progs[n]!;
      const listing = liveRegsListing(r.log);
      if (listing.size === 0) { noListing.push(r.log.split('\n').slice(0, 3).join(' | ')); return; }
      for (const pc of instructionStarts(insns)) {
        const kernel = listing.get(pc);
        const ours = formatInsnKernel(insns, pc, { pseudoImm: 'raw' });
        compared++;
        seen.add(lookupOp(insns[pc]!)?.name ?? '?');
        if (kernel !== ours) mismatches.push(`pc ${pc}: kernel "${kernel}" bpfiddle "${ours}"`);
      }
    });
    console.log(`kernel text: ${compared} instructions in ${progs.length} programs compared, ${seen.size} table rows, ` +
      `${mismatches.length} mismatches, ${noListing.length} programs without a listing (seed ${SEED})`);
    expect(noListing.slice(0, 5)).toEqual([]);
    expect(mismatches.slice(0, 20)).toEqual([]);
    expect(seen.size).toBe(rows.length + 2); // + call_local and exit
  }, 60_000);
});

