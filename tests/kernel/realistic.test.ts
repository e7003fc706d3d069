// The realistic corpus (tests/kernel/realistic/*.s) against the running kernel: every program is
// loaded by the real verifier and test-run on each of its `; run:` inputs, with its maps created
// and pre-loaded; the same options go through `bpfiddle run`'s own path (parseRunCommand,
// resolveRun, executeJob) into the VM with the helpers and maps. r0 (all 64 bits), the way the run
// ended, data_out and the contents of every map the kernel can read back must agree. Per-CPU values
// are compared as multisets (the kernel's test run uses whichever CPU it is on), hash-like maps as
// sets. Known disagreements are pinned below with their cause: the test fails when a new one
// appears or a pinned one goes away.

import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect } from 'vitest';
import { assemble } from '../../src/core/asm/index.js';
import type { MapTypeName } from '../../src/core/asm/types.js';
import { parseRunCommand } from '../../src/cli/commands/run.js';
import { resolveRun, type RunJob } from '../../src/core/world/request.js';
import { executeJob } from '../../src/core/world/job.js';
import type { CliIO } from '../../src/cli/util.js';
import type { MapEntry } from '../../src/core/maps/index.js';
import type { KernelMap } from '../../tools/kernel.js';
import { runWide } from '../../tools/wide-r0.js';
import { hex, kernel, kernelIt } from './oracle.js';

const DIR = join(dirname(fileURLToPath(import.meta.url)), 'realistic');
const FILES = readdirSync(DIR).filter((f) => f.endsWith('.s')).sort();
const N_CPUS = 2;

/** Maps the kernel cannot read back through the syscall (or whose values are kernel ids). */
const NOT_COMPARED: ReadonlySet<MapTypeName> = new Set(['ringbuf', 'perf_event_array', 'prog_array', 'stack_trace']);
const PERCPU: ReadonlySet<MapTypeName> = new Set(['percpu_array', 'percpu_hash', 'lru_percpu_hash']);

/**
 * Disagreements known and explained, by `file #run`: the cause (which module is wrong) and what
 * differs. Empty when bpfiddle agrees everywhere.
 */
const KNOWN: Readonly<Record<string, string>> = {};

/** `; run:` lines split like a shell would split them (single quotes group). */
function runLines(text: string): string[][] {
  return [...text.matchAll(/^; run:(.*)$/gm)].map((m) => (m[1]!.match(/'[^']*'|\S+/g) ?? []).map((a) => a.replace(/^'(.*)'$/, '$1')));
}

const noFiles: CliIO = {
  out: () => {}, err: () => {}, readFile: () => { throw new Error('no files in this test'); }, writeFile: () => {},
  readStdin: async () => new Uint8Array(0),
};

const pad8 = (n: number): number => (n + 7) & ~7;

/** A per-CPU value as the syscall takes it: every CPU's value, each padded to 8 bytes. */
function sysValue(type: MapTypeName, valueSize: number, v: MapEntry['value']): Uint8Array {
  if (!PERCPU.has(type)) return v as Uint8Array;
  const values = Array.isArray(v) ? v : Array.from({ length: N_CPUS }, () => v);
  const out = new Uint8Array(pad8(valueSize) * values.length);
  values.forEach((x, i) => out.set(x, i * pad8(valueSize)));
  return out;
}

function kernelMaps(job: RunJob): KernelMap[] {
  return job.mapDecls.map((d) => ({
    type: d.type, keySize: d.keySize, valueSize: d.valueSize, maxEntries: d.maxEntries, flags: d.flags,
    entries: (job.mapEntries[d.name] ?? []).map((e) => ({ key: e.key, value: sysValue(d.type, d.valueSize, e.value) })),
  }));
}

/** Entries as sorted text, per-CPU values as a sorted list, so CPU choice and hash order do not matter. */
function normalise(type: MapTypeName, valueSize: number, entries: readonly { key: Uint8Array; value: Uint8Array | Uint8Array[] }[]): string[] {
  return entries.map((e) => {
    const v = e.value;
    let values: Uint8Array[];
    if (Array.isArray(v)) values = v;
    else if (PERCPU.has(type)) values = Array.from({ length: v.length / pad8(valueSize) }, (_, i) => v.subarray(i * pad8(valueSize), i * pad8(valueSize) + valueSize));
    else values = [v];
    return `${hex(e.key)}: ${values.map((v) => hex(v)).sort().join(' ')}`;
  }).sort();
}

interface Outcome { id: string; kind: 'agree' | 'disagree' | 'rejected'; report?: string; category: string }

async function compareRun(file: string, n: number, text: string, args: string[]): Promise<Outcome> {
  const id = `${file} #${n}`;
  const category = file.split('-')[0]!;
  const asm = assemble(text);
  if (!asm.ok) return { id, kind: 'rejected', category, report: `does not assemble: ${asm.errors[0]!.message}` };
  const parsed = await parseRunCommand([file, ...args], noFiles);
  if (!parsed.ok) return { id, kind: 'rejected', category, report: `bad run line: ${parsed.message}` };
  const resolved = resolveRun(asm.program, parsed.cmd.request);
  if (!resolved.ok) return { id, kind: 'rejected', category, report: `bad run line: ${resolved.error}` };
  const job = resolved.value;

  const raw = job.progType === 'raw_tracepoint';
  const k = await runWide(kernel(), {
    progType: job.progType, insns: job.insns, maps: kernelMaps(job), expectedAttachType: job.attach?.kernelId,
    ...(raw ? { ctxIn: job.ctxIn ?? new Uint8Array(0), repeat: 0, ctxOut: false } : { dataIn: job.dataIn, ctxIn: job.ctxIn ?? undefined }),
  });
  if (k.result.setupError) return { id, kind: 'rejected', category, report: `kernel setup: ${k.result.setupError}` };
  if (!k.result.loaded) {
    const again = await kernel().load({ progType: job.progType, insns: job.insns, maps: kernelMaps(job), expectedAttachType: job.attach?.kernelId, logLevel: 1 });
    return { id, kind: 'rejected', category, report: `the verifier refused it: ${again.log.trim().split('\n').slice(-3).join(' | ')}` };
  }
  const kRun = k.result.run!;
  const ours = executeJob(job, { maxSteps: 1_000_000 });
  const problems: string[] = [];
  if (!kRun.ok) {
    problems.push(`the kernel refused the test run: ${kRun.errnoName}; bpfiddle ${ours.ok ? 'ran it' : `said ${ours.error}`}`);
    return { id, kind: 'disagree', category, report: problems.join('\n    ') };
  }
  if (!ours.ok) return { id, kind: 'disagree', category, report: `bpfiddle refused the run: ${ours.error}` };
  const r = ours.value;
  if (r.result.exit !== 'exit') problems.push(`bpfiddle stopped with ${r.result.exit}${r.result.fault ? ` at insn ${r.result.fault.pc}: ${r.result.fault.message}` : ''}`);
  const vmR0 = k.wide ? r.result.r0 : r.result.r0 & 0xffffffffn;
  if (vmR0 !== k.r0) problems.push(`r0: kernel 0x${k.r0!.toString(16)}, bpfiddle 0x${r.result.r0.toString(16)}`);
  if (r.dataOut && hex(r.dataOut) !== hex(kRun.dataOut)) problems.push(`data_out:\n      kernel   ${hex(kRun.dataOut)}\n      bpfiddle ${hex(r.dataOut)}`);
  job.mapDecls.forEach((d, i) => {
    if (NOT_COMPARED.has(d.type)) return;
    const kernelSide = normalise(d.type, d.valueSize, k.result.maps[i] ?? []);
    const ourSide = normalise(d.type, d.valueSize, r.result.maps[i]!.entries);
    if (kernelSide.join('\n') !== ourSide.join('\n')) {
      problems.push(`map ${d.name}:\n      kernel   ${kernelSide.join(', ') || '(empty)'}\n      bpfiddle ${ourSide.join(', ') || '(empty)'}`);
    }
  });
  return problems.length ? { id, kind: 'disagree', category, report: problems.join('\n    ') } : { id, kind: 'agree', category };
}

describe('realistic programs: bpfiddle run against the 6.18 kernel', () => {
  kernelIt('every program passes the verifier and every run agrees on r0, data_out and the maps', async () => {
    const jobs: Promise<Outcome>[] = [];
    for (const file of FILES) {
      const text = readFileSync(join(DIR, file), 'utf8');
      runLines(text).forEach((args, n) => jobs.push(compareRun(file, n + 1, text, args)));
    }
    const outcomes = await Promise.all(jobs);
    const rejected = outcomes.filter((o) => o.kind === 'rejected');
    const disagree = outcomes.filter((o) => o.kind === 'disagree');
    const agree = outcomes.filter((o) => o.kind === 'agree').length;
    const byCategory = new Map<string, [number, number]>();
    for (const o of outcomes) {
      const c = byCategory.get(o.category) ?? [0, 0];
      c[0]++;
      if (o.kind === 'agree') c[1]++;
      byCategory.set(o.category, c);
    }
    console.log(`realistic corpus: ${FILES.length} programs, ${outcomes.length} runs, ${agree} agree, ${disagree.length} disagree, ${rejected.length} not run`);
    console.log(`  by type: ${[...byCategory].map(([c, [n, a]]) => `${c} ${a}/${n}`).join(', ')}`);
    for (const o of disagree) console.log(`DISAGREE ${o.id}${KNOWN[o.id] ? ` (known: ${KNOWN[o.id]})` : ''}\n    ${o.report}`);

    expect(rejected.map((o) => `${o.id}: ${o.report}`)).toEqual([]);
    expect(FILES.length).toBeGreaterThanOrEqual(60);
    const unexplained = disagree.filter((o) => !KNOWN[o.id]).map((o) => `${o.id}\n    ${o.report}`);
    expect(unexplained).toEqual([]);
    const fixed = Object.keys(KNOWN).filter((id) => !disagree.some((o) => o.id === id));
    expect(fixed, 'pinned disagreements that now agree: remove them from KNOWN').toEqual([]);
  }, 120_000);
});
