// Soundness of bpfiddle's verifier, checked by running: every program it accepts, run in the VM
// (src/core/vm through a world from src/core/helpers, so helpers and maps work) on random packets
// and random map contents, must never fault on memory (out of bounds, NULL, unmapped, read-only,
// bad context access, bad jumps, too many frames) nor hand a helper bad arguments. Faults the VM
// raises for things it does not model (unknown helpers, kfuncs) are counted, not blamed.
// Tracing program types run with their context as a plain random buffer (see PLAIN_CTX_SIZE). Used by tests/verifier/soundness.test.ts; on its own:
//   npx tsx tools/verifier/fuzz-soundness.ts [count=2000] [seed=1]   check corpus + random programs
//   npx tsx tools/verifier/fuzz-soundness.ts --pin                   rewrite known-unsound.json for
//                                                                   the test's corpus and fuzz run

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AsmProgram, ProgTypeName } from '../../src/core/asm/types.js';
import { createWorld } from '../../src/core/helpers/index.js';
import type { MapEntry } from '../../src/core/maps/index.js';
import { makeRunInput } from '../../src/core/progtypes/index.js';
import type { FaultKind, RunInput } from '../../src/core/vm/index.js';
import { verify } from '../../src/core/verifier/index.js';
import { verifyInput } from '../../tests/verifier/corpus/compare.js';
import { CORPUS_DIR, expectationOf, loadCorpus, readExpected, type CorpusCase, type Expectation } from '../../tests/verifier/corpus/corpus.js';
import { KernelOracle, kernelAvailable } from '../kernel.js';
import { fuzzProgram, type FuzzMode } from './fuzz.js';
import { rng } from './fuzz-gen.js';

/** The random programs tests/verifier/soundness.test.ts checks (besides the corpus). */
export const SOUNDNESS_SEED = 7_200_2026;
export const SOUNDNESS_COUNT = 2000;
/** Instruction-soup and helper-call programs checked too, this many of each (1% and 8% accepted). */
export const SOUNDNESS_SOUP_COUNT = 3000;
export const KNOWN_UNSOUND_PATH = join(CORPUS_DIR, 'known-unsound.json');

/** Faults that mean the verifier let through something unsafe. */
export const UNSOUND_FAULTS: ReadonlySet<FaultKind> = new Set<FaultKind>([
  'out_of_bounds', 'null', 'unmapped', 'read_only', 'misaligned', 'ctx_access', 'invalid_insn', 'bad_jump', 'call_depth', 'helper',
]);

/** Program types with a test-run input in src/core/progtypes. */
const RUNNABLE: ReadonlySet<ProgTypeName> = new Set<ProgTypeName>(['xdp', 'sched_cls', 'socket_filter']);
/** The rest run with their context as a plain buffer of the context's size (random bytes), which
 * is what the verifier checked their context reads against: struct pt_regs (kprobe),
 * bpf_perf_event_data, raw_tracepoint's u64 args[12], a tracepoint record (at most 8 KiB).
 * cgroup_skb borrows tc's __sk_buff input. */
const PLAIN_CTX_SIZE: Partial<Record<ProgTypeName, number>> = { kprobe: 168, perf_event: 184, raw_tracepoint: 96, tracepoint: 8192 };
const BORROWED_INPUT: Partial<Record<ProgTypeName, ProgTypeName>> = { cgroup_skb: 'sched_cls', sched_act: 'sched_cls' };

export type Verdict =
  | { kind: 'rejected' }
  | { kind: 'skipped'; why: string }
  | { kind: 'sound'; runs: number; unmodelled: number; limits: number }
  | { kind: 'unsound'; fault: string }
  /** It faulted, but the kernel accepts it too: the VM cannot run something legal (a VM gap). */
  | { kind: 'vm-gap'; fault: string };

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

/** A frame of a random length, usually Ethernet + IPv4 + TCP/UDP-shaped so parsers get far. */
export function randomFrame(rand: () => number): Uint8Array {
  const lens = [14, 15, 20, 33, 34, 41, 42, 54, 60, 64, 100, 128, 300];
  const len = lens[Math.floor(rand() * lens.length)]!;
  const f = new Uint8Array(len);
  for (let i = 0; i < len; i++) f[i] = Math.floor(rand() * 256);
  const set = (i: number, v: number): void => { if (i < len) f[i] = v; };
  if (rand() < 0.7) { set(12, 0x08); set(13, 0x00); }
  if (rand() < 0.7) set(14, rand() < 0.8 ? 0x45 : 0x40 + Math.floor(rand() * 16));
  if (rand() < 0.7) set(23, rand() < 0.5 ? 6 : 17);
  return f;
}

/** Initial contents for hash and array maps: keys 0..7 with random values. */
function randomContents(program: AsmProgram, rand: () => number): Record<string, MapEntry[]> {
  const out: Record<string, MapEntry[]> = {};
  for (const m of program.maps) {
    if (m.type !== 'hash' && m.type !== 'array' && m.type !== 'lru_hash') continue;
    if (m.keySize !== 4) continue;
    const n = m.type === 'array' ? m.maxEntries : Math.min(8, m.maxEntries);
    out[m.name] = Array.from({ length: n }, (_, k) => {
      const key = new Uint8Array(4);
      new DataView(key.buffer).setUint32(0, k, true);
      const value = new Uint8Array(m.valueSize);
      for (let i = 0; i < value.length; i++) value[i] = Math.floor(rand() * 256);
      return { key, value };
    }).filter(() => m.type === 'array' || rand() < 0.7);
  }
  return out;
}

/** Runs an accepted program on `runs` random inputs; the first unsafe fault makes it unsound. */
export function runAccepted(program: AsmProgram, rand: () => number, runs = 4): Verdict {
  const plain = PLAIN_CTX_SIZE[program.progType];
  const inputType = BORROWED_INPUT[program.progType] ?? program.progType;
  if (!plain && !RUNNABLE.has(inputType)) return { kind: 'skipped', why: `no test-run input for ${program.progType}` };
  let done = 0, unmodelled = 0, limits = 0;
  for (let attempt = 0; done < runs && attempt < runs * 3; attempt++) {
    const dataIn = plain ? new Uint8Array(plain).map(() => Math.floor(rand() * 256)) : randomFrame(rand);
    let input: RunInput;
    if (plain) input = { mem: dataIn };
    else {
      const prepared = makeRunInput(inputType, { dataIn });
      if (!prepared.ok) continue;
      input = prepared.run.input;
    }
    const seed = Math.floor(rand() * 0x7fffffff);
    const w = createWorld(program, { run: input, maps: randomContents(program, rand), env: { seed } });
    if (!w.ok) return { kind: 'skipped', why: `world: ${w.errors.map((e) => e.message).join('; ')}` };
    const r = w.world.run({ maxSteps: 200_000 });
    done++;
    if (r.exit === 'limit') limits++;
    if (r.exit !== 'fault' || !r.fault) continue;
    // The VM names what it does not model yet (__sk_buff.sk, kfuncs, ...): not the verifier's fault.
    if (!UNSOUND_FAULTS.has(r.fault.kind) || /does not (model|implement)|cannot run in the VM/.test(r.fault.message)) { unmodelled++; continue; }
    return { kind: 'unsound', fault: `pc ${r.fault.pc} ${r.fault.kind}: ${r.fault.message} (data_in ${hex(dataIn)}, env seed ${seed})` };
  }
  return done ? { kind: 'sound', runs: done, unmodelled, limits } : { kind: 'skipped', why: 'no input the program type accepts' };
}

/** Verifies with bpfiddle; runs what it accepts. `kernelAccepted` (when known) tells VM gaps apart. */
export function checkProgram(c: CorpusCase, rand: () => number, runs = 4, kernelAccepted?: boolean): Verdict {
  let accepted: boolean;
  try {
    accepted = verify(verifyInput(c), { logLevel: 0, recordPaths: false }).accepted;
  } catch (e) {
    return { kind: 'skipped', why: `verify threw: ${e instanceof Error ? e.message : String(e)}` };
  }
  if (!accepted) return { kind: 'rejected' };
  const v = runAccepted(c.program, rand, runs);
  return v.kind === 'unsound' && kernelAccepted ? { kind: 'vm-gap', fault: v.fault } : v;
}

export interface SoundnessSummary {
  checked: number;
  accepted: number;
  ran: number;
  runs: number;
  skipped: number;
  unmodelled: number;
  limits: number;
  /** Program name → the fault. */
  unsound: Record<string, string>;
  /** Faults in programs the kernel accepts as well (the VM's gaps), name → the fault. */
  vmGaps: Record<string, string>;
}

/** Checks every case; `kernel` maps names to the kernel's verdict where it is known (the corpus). */
export function checkAll(cases: readonly CorpusCase[], seed: number, kernel: Record<string, Expectation> = {}): SoundnessSummary {
  const s: SoundnessSummary = { checked: 0, accepted: 0, ran: 0, runs: 0, skipped: 0, unmodelled: 0, limits: 0, unsound: {}, vmGaps: {} };
  cases.forEach((c, i) => {
    const k = kernel[c.name];
    // Programs the kernel walks a million instructions for are rejected; skip the expensive walk.
    if (k && (k.processed ?? 0) > 100_000 && !k.accepted) return;
    const v = checkProgram(c, rng((seed ^ Math.imul(i + 1, 0x27d4eb2d)) >>> 0), 4, k?.accepted);
    s.checked++;
    if (v.kind === 'rejected') return;
    s.accepted++;
    if (v.kind === 'skipped') s.skipped++;
    if (v.kind === 'sound') { s.ran++; s.runs += v.runs; s.unmodelled += v.unmodelled; s.limits += v.limits; }
    if (v.kind === 'unsound') { s.ran++; s.unsound[c.name] = v.fault; }
    if (v.kind === 'vm-gap') { s.ran++; s.vmGaps[c.name] = v.fault; }
  });
  return s;
}

export function soundnessLine(what: string, s: SoundnessSummary): string {
  return `soundness (${what}): ${s.checked} programs, bpfiddle accepted ${s.accepted}; ran ${s.ran} of them ` +
    `(${s.runs} clean runs, ${s.unmodelled} stopped at something the VM does not model, ${s.limits} hit the step limit), ` +
    `${s.skipped} not runnable; ${Object.keys(s.unsound).length} faulted` +
    (Object.keys(s.vmGaps).length ? ` (and ${Object.keys(s.vmGaps).length} the kernel accepts too fault: VM gaps)` : '');
}

/** The random programs of a soundness run (generation only: no kernel needed). */
export function fuzzCases(count: number, seed: number, mode: FuzzMode = 'snippets'): CorpusCase[] {
  const out: CorpusCase[] = [];
  for (let i = 0; i < count; i++) {
    const p = fuzzProgram(seed, i, { mode });
    if (typeof p !== 'string') out.push(p.case);
  }
  return out;
}

export interface KnownUnsound { corpus: Record<string, string>; fuzz: Record<string, string> }

export function readKnownUnsound(): KnownUnsound {
  try {
    const k = JSON.parse(readFileSync(KNOWN_UNSOUND_PATH, 'utf8')) as Partial<KnownUnsound>;
    return { corpus: k.corpus ?? {}, fuzz: k.fuzz ?? {} };
  } catch {
    return { corpus: {}, fuzz: {} };
  }
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const pin = args.includes('--pin');
  const pos = args.filter((a) => !a.startsWith('--'));
  const count = pin ? SOUNDNESS_COUNT : Number(pos[0] ?? 2000);
  const seed = pin ? SOUNDNESS_SEED : Number(pos[1] ?? 1);
  const corpus = checkAll(loadCorpus().cases, 1, readExpected().cases);
  console.log(soundnessLine('corpus', corpus));
  const fuzz = checkAll(fuzzCases(count, seed), seed);
  console.log(soundnessLine(`${count} random programs, seed ${seed}`, fuzz));
  const soupCount = pin ? SOUNDNESS_SOUP_COUNT : count;
  const soupRun = checkAll(fuzzCases(soupCount, seed, 'soup'), seed);
  console.log(soundnessLine(`${soupCount} instruction-soup programs, seed ${seed}`, soupRun));
  const callsRun = checkAll(fuzzCases(soupCount, seed, 'calls'), seed);
  console.log(soundnessLine(`${soupCount} helper-call programs, seed ${seed}`, callsRun));
  Object.assign(fuzz.unsound, soupRun.unsound, callsRun.unsound);
  for (const [n, f] of [...Object.entries(corpus.unsound), ...Object.entries(fuzz.unsound)]) console.log(`UNSOUND ${n}: ${f}`);
  for (const [n, f] of Object.entries(corpus.vmGaps)) console.log(`VM GAP ${n}: ${f}`);
  if (pin && kernelAvailable().ok) {
    // Say for each random program whether the kernel rejects it (bpfiddle's verifier is wrong) or
    // accepts it too (the VM cannot run something legal).
    const oracle = KernelOracle.start();
    for (const [name, fault] of Object.entries(fuzz.unsound)) {
      const m = /^(fuzz|soup|calls)-(\d+)-(\d+)$/.exec(name);
      const p = m ? fuzzProgram(Number(m[2]), Number(m[3]), { mode: m[1] === 'fuzz' ? 'snippets' : m[1] as 'soup' | 'calls' }) : null;
      if (!p || typeof p === 'string') continue;
      const r = await oracle.load({ progType: p.case.program.progType, insns: p.case.program.insns, maps: p.case.program.maps, logLevel: 1 });
      const k = expectationOf(r.loaded, r.errnoName, r.log);
      fuzz.unsound[name] = `${k.accepted ? 'kernel accepts it too (a VM gap)' : `kernel rejects: ${k.error}`}; ${fault}`;
    }
    await oracle.close();
  }
  if (pin) {
    const file = {
      about: 'Programs bpfiddle\'s verifier accepts that fault in the VM (tests/verifier/soundness.test.ts pins them). ' +
        'Rewritten by `npx tsx tools/verifier/fuzz-soundness.ts --pin`.',
      corpus: corpus.unsound, fuzz: fuzz.unsound,
    };
    writeFileSync(KNOWN_UNSOUND_PATH, JSON.stringify(file, null, 1) + '\n');
    console.log(`wrote ${KNOWN_UNSOUND_PATH}`);
  }
  return 0;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\//, ''))) process.exitCode = await main();
