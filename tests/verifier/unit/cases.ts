// The verifier unit tests' cases: a small program (assembly source, or raw instructions for
// encodings the assembler refuses to write) with the Linux 6.18.44 verifier's answer recorded next
// to it, and how to ask bpfiddle and the kernel for their answers (no test-runner dependencies, so
// tools can record answers with it too).

import { assemble } from '../../../src/core/asm/index.js';
import type { ProgTypeName } from '../../../src/core/asm/types.js';
import type { Insn } from '../../../src/core/isa/insn.js';
import { verify, type VerifyMap, type VerifyResult } from '../../../src/core/verifier/index.js';
import { LOG_LEVEL1, type KernelMap, type KernelOracle } from '../../../tools/kernel.js';
import { expectationOf } from '../corpus/corpus.js';

export interface Case {
  name: string;
  /** Assembly source (`.prog`/`.map` directives allowed) or raw instructions. */
  src: string | Insn[];
  /** Program type when `src` has no `.prog` (default socket_filter). */
  type?: ProgTypeName;
  maps?: VerifyMap[];
  /** The kernel's answer: 'accept', or the first line of the error block. */
  expect: 'accept' | string;
  /** errno name of the rejection (EACCES, EINVAL, ...), when it matters. */
  errno?: string;
  /** `processed N insns` of the kernel's summary line, when the case pins it. */
  processed?: number;
}

export interface Program {
  insns: Insn[];
  maps: VerifyMap[];
  progType: ProgTypeName;
}

/** The case's program, maps without names (as the kernel loader creates them). */
export function programOf(c: Pick<Case, 'src' | 'type' | 'maps'>): Program {
  if (typeof c.src !== 'string') return { insns: c.src, maps: c.maps ?? [], progType: c.type ?? 'socket_filter' };
  const a = assemble(c.src);
  if (!a.ok) throw new Error(`does not assemble: ${JSON.stringify(a.errors)}`);
  return {
    insns: a.program.insns,
    maps: c.maps ?? a.program.maps.map((m) => ({
      type: m.type, keySize: m.keySize, valueSize: m.valueSize, maxEntries: m.maxEntries, flags: m.flags,
    })),
    progType: c.type ?? a.program.progType,
  };
}

export interface Answer { accepted: boolean; error: string | null; errno: string; processed: number | null }

export function bpfiddleAnswer(p: Program, logLevel: 1 | 2 = 1): Answer & { result: VerifyResult } {
  const r = verify(p, { logLevel, recordPaths: false });
  return { accepted: r.accepted, error: r.accepted ? null : r.error?.message ?? null, errno: r.errno ?? '', processed: r.processed, result: r };
}

export async function kernelAnswer(k: KernelOracle, p: Program, logLevel = LOG_LEVEL1): Promise<Answer & { log: string }> {
  const r = await k.verify({ progType: p.progType, insns: p.insns, maps: p.maps as readonly KernelMap[], logLevel });
  const e = expectationOf(r.loaded, r.errnoName, r.log);
  return { accepted: e.accepted, error: e.error, errno: r.loaded ? '' : r.errnoName, processed: e.processed, log: r.log };
}

