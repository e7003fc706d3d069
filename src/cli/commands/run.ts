// `bpfiddle run`: assemble a program (or take raw bytecode), build its context and packet the way
// BPF_PROG_TEST_RUN would (from a frame, a packet spec, context field values), create and fill its
// maps, run it in the VM with the helpers, and print everything it produced: r0 and its name,
// printed lines, ring buffer records and perf events, the packet's changes, the maps' contents.
// --trace prints every step in the kernel's syntax with the registers it changed. The option
// parsing lives in ../run-input.ts and the execution in ../run-job.ts, shared with the tests.

import { assemble, formatInsnKernel, PROG_TYPE_ALIASES, PROG_TYPE_NAMES, type AsmProgram, type ProgTypeName } from '../../core/asm/index.js';
import { isElf } from '../../core/elf/reader.js';
import { decodeProgram } from '../../core/isa/insn.js';
import { dissect } from '../../core/packet/index.js';
import { TRACEPOINT_FORMATS } from '../../core/progtypes/index.js';
import type { VmFault } from '../../core/vm/index.js';
import type { SimEnv } from '../../core/helpers/index.js';
import { parseCtxOption, parseEnvOption, parseMapOption, packetOption, resolveRun, type MapOption, type RunJob, type RunRequest } from '../../core/world/request.js';
import { executeJob, type JobResult } from '../../core/world/job.js';
import { verify } from '../../core/verifier/index.js';
import {
  EXIT_ERROR, EXIT_OK, formatAssemblyErrors, looksLikeHex, parseCommandArgs, parseHex, readInput, usageError, type CliIO,
} from '../util.js';
import { objectProgram } from '../object-input.js';

export const name = 'run';
export const summary = 'run a program in the VM on a packet or context and print r0, outputs, the packet and the maps';
export const usage = `usage: bpfiddle run FILE [--section NAME] [--type T] [--packet SPEC | --data HEX | --data-file F] [--ctx FIELD=VALUE ...]
                    [--map NAME=KEY=VALUE ...] [--env KEY=VALUE ...] [--steps N] [--trace] [--json]

Runs FILE (assembly source in any dialect bpfiddle asm takes, raw bytecode, an ELF object as
clang -target bpf builds it, or - for standard input) in bpfiddle's VM with its maps and helpers. The context and packet are built exactly as the
kernel's BPF_PROG_TEST_RUN builds them for the program type.

input:
  --section NAME    the program of an ELF object to run: its section (xdp, kprobe/...) or
                    function name; needed when the object holds several programs. Its global
                    data (.rodata, .data) fills the data maps before any --map
  --type T          program type (default: the source's .prog directive, else socket_filter):
                    ${PROG_TYPE_NAMES.join(', ')}
  --attach A        expected attach type where it matters (cgroup_skb: cgroup_inet_ingress or
                    cgroup_inet_egress, which may return 0..3)
  --packet P        data_in from a packet spec, e.g. 'eth/ipv4(src=10.0.0.1,dst=10.0.0.2)/tcp(dport=80)',
                    or hex; default for packet types: a 14-byte all-zero Ethernet header
  --data HEX        data_in as hex (a whole Ethernet frame for xdp and skb types)
  --data-file F     data_in from a file (raw bytes, or hex text)
  --ctx FIELD=VALUE a context field (repeatable): mark=5, cb[1]=7, ingress_ifindex=1 (skb/xdp:
                    what ctx_in may set), rdi=0x1000 (kprobe), regs.rip=... or sample_period=...
                    (perf_event), args[1]=59 (raw_tracepoint), or a tracepoint field; OFF:u32=V
                    sets raw bytes at a byte offset. VALUE: an integer, an IPv4 address,
                    hex:0a0b, str:TEXT
  --ctx-in HEX      the context's bytes as given (ctx_in; a tracepoint's raw record)
  --tracepoint E    name the tracepoint program's event so --ctx takes its fields:
                    ${TRACEPOINT_FORMATS.map((t) => t.name).join(', ')}
  --map NAME=KEY=VALUE
                    an initial map element (repeatable; NAME=VALUE for queue, stack, ringbuf).
                    KEY and VALUE are bytes: 5:u32, -1:s64, 80:be16 (integers with a width),
                    10.0.0.1, ip6:fe80::1, 0a0b0c (hex), str:TEXT, joined with + (24:u32+10.0.0.0);
                    per-CPU values as V/V (one per CPU; a single value fills every CPU)
  --env KEY=VALUE   the simulated task and machine (repeatable): pid, tgid, uid, gid, comm, cpu,
                    ncpus, time (CLOCK_MONOTONIC in ns), seed (bpf_get_prandom_u32), numa, hz

run:
  --steps N         stop after N instructions (default 1000000)
  --trace           print each executed instruction and the registers it changed
  --no-verify       do not ask bpfiddle's verifier whether the kernel would load the program
  --json            print {"exit", "r0", "r0Name", "steps", "fault", "packet", "packetChanges",
                    "output", "ringbuf", "perfEvents", "redirect", "maps"} (plus "trace" with --trace)

exit status: 0 when the program ran to its exit, 1 on a fault, the step limit, an assembler error
or an input the kernel would refuse, 2 on bad usage.
`;

const hex64 = (v: bigint): string => `0x${BigInt.asUintN(64, v).toString(16).padStart(16, '0')}`;
const hexBytes = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');

interface TraceLine { pc: number; text: string; changed: Record<string, string>; writes: string[] }

function faultJson(f: VmFault | null): Record<string, unknown> | null {
  if (!f) return null;
  return { pc: f.pc, kind: f.kind, address: f.address === null ? null : hex64(f.address), size: f.size, region: f.region, message: f.message };
}

const OPTIONS = {
  type: { type: 'string' }, attach: { type: 'string' }, data: { type: 'string' }, 'data-file': { type: 'string' },
  packet: { type: 'string' }, ctx: { type: 'string', multiple: true }, 'ctx-in': { type: 'string' }, tracepoint: { type: 'string' },
  map: { type: 'string', multiple: true }, env: { type: 'string', multiple: true },
  section: { type: 'string' }, steps: { type: 'string' }, trace: { type: 'boolean' }, json: { type: 'boolean' }, 'no-verify': { type: 'boolean' },
} as const;

export interface RunCommand {
  file: string;
  /** --section: which program of an ELF object. */
  section?: string;
  request: RunRequest;
  maxSteps: number;
  trace: boolean;
  json: boolean;
  /** Ask the verifier whether the kernel would load the program (default on). */
  verify: boolean;
}

/** The command line as a RunCommand, or a usage error (exit 2) or input error (exit 1) to print. */
export async function parseRunCommand(args: string[], io: CliIO): Promise<{ ok: true; cmd: RunCommand; help: boolean } | { ok: false; code: number; message: string }> {
  const usageFail = (message: string) => ({ ok: false as const, code: 2, message });
  const parsed = parseCommandArgs(args, OPTIONS);
  if (!parsed.ok) return usageFail(parsed.error);
  const { values, positionals } = parsed;
  if (parsed.help) return { ok: true, help: true, cmd: { file: '', request: { ctx: [], maps: [], env: {} }, maxSteps: 0, trace: false, json: false, verify: false } };
  if (positionals.length !== 1) return usageFail(positionals.length ? 'expected one input file' : 'missing input file');
  const sources = ['data', 'data-file', 'packet'].filter((k) => values[k as 'data'] !== undefined);
  if (sources.length > 1) return usageFail(`--${sources.join(' and --')} are exclusive`);
  let maxSteps = 1_000_000;
  if (values.steps !== undefined) {
    if (!/^\d+$/.test(values.steps) || Number(values.steps) < 1) return usageFail(`--steps takes a positive integer, not '${values.steps}'`);
    maxSteps = Number(values.steps);
  }
  const request: RunRequest = { ctx: [], maps: [], env: {} };
  if (values.type !== undefined) {
    const t = PROG_TYPE_ALIASES[values.type] ?? values.type;
    if (!(PROG_TYPE_NAMES as readonly string[]).includes(t)) return usageFail(`unknown program type '${values.type}'`);
    request.progType = t as ProgTypeName;
  }
  if (values.attach !== undefined) request.attach = values.attach;
  if (values.data !== undefined) {
    const h = parseHex(values.data);
    if (!h.ok) return usageFail(`--data: ${h.error}`);
    request.dataIn = h.bytes;
  } else if (values.packet !== undefined) {
    const p = packetOption(values.packet);
    if (!p.ok) return usageFail(`--packet: ${p.error}`);
    request.dataIn = p.value;
  } else if (values['data-file'] !== undefined) {
    const d = await readInput(io, values['data-file']);
    if (!d.ok) return { ok: false, code: EXIT_ERROR, message: d.error };
    let frame = d.data;
    if (looksLikeHex(frame)) {
      const h = parseHex(new TextDecoder('latin1').decode(frame));
      if (h.ok) frame = h.bytes;
    }
    request.dataIn = frame;
  }
  for (const c of values.ctx ?? []) {
    const v = parseCtxOption(c);
    if (!v.ok) return usageFail(`--ctx ${c}: ${v.error}`);
    request.ctx.push(v.value);
  }
  if (values['ctx-in'] !== undefined) {
    const h = parseHex(values['ctx-in']);
    if (!h.ok) return usageFail(`--ctx-in: ${h.error}`);
    request.ctxIn = h.bytes;
  }
  if (values.tracepoint !== undefined) request.tracepoint = values.tracepoint;
  for (const m of values.map ?? []) {
    const v = parseMapOption(m);
    if (!v.ok) return usageFail(`--map ${m}: ${v.error}`);
    request.maps.push(v.value);
  }
  const env: Partial<SimEnv> = {};
  for (const e of values.env ?? []) {
    const why = parseEnvOption(e, env);
    if (why) return usageFail(`--env ${why}`);
  }
  request.env = env;
  return { ok: true, help: false, cmd: { file: positionals[0]!, ...(values.section !== undefined ? { section: values.section } : {}), request, maxSteps, trace: values.trace === true, json: values.json === true, verify: values['no-verify'] !== true } };
}

/** The program in FILE: an ELF object's program (with its global data as initial map elements),
 * raw bytecode (a file with NUL bytes), or assembly source. */
export async function loadProgram(io: CliIO, file: string, section?: string): Promise<
  { ok: true; program: Pick<AsmProgram, 'insns' | 'maps' | 'progType'>; initialMaps?: MapOption[] } | { ok: false; message: string }
> {
  const label = file === '-' ? '<stdin>' : file;
  const input = await readInput(io, file);
  if (!input.ok) return { ok: false, message: `bpfiddle run: ${input.error}\n` };
  if (isElf(input.data)) {
    const o = objectProgram(label, input.data, section);
    if (!o.ok) return { ok: false, message: `bpfiddle run: ${o.error}\n` };
    for (const w of o.value.warnings) io.err(`${label}: warning: ${w}\n`);
    const initialMaps: MapOption[] = [];
    for (const [map, entries] of Object.entries(o.value.imported.initialMaps ?? {})) {
      for (const e of entries) {
        const m = parseMapOption(`${map}=${e.key}=${e.value}`);
        if (m.ok) initialMaps.push(m.value);
      }
    }
    return { ok: true, program: o.value.program, initialMaps };
  }
  if (section !== undefined) return { ok: false, message: `bpfiddle run: --section applies to ELF objects, and ${label} is not one\n` };
  if (input.data.includes(0)) {
    const d = decodeProgram(input.data);
    if (!d.ok) return { ok: false, message: `${label}: error: ${d.error}\n` };
    if (d.insns.length === 0) return { ok: false, message: `${label}: error: the program is empty\n` };
    return { ok: true, program: { insns: d.insns, maps: [], progType: 'socket_filter' } };
  }
  const source = new TextDecoder().decode(input.data);
  const a = assemble(source);
  if (!a.ok) {
    return { ok: false, message: formatAssemblyErrors(label, source, a.errors) };
  }
  if (a.program.insns.length === 0) return { ok: false, message: `${label}: error: the program is empty\n` };
  return { ok: true, program: a.program };
}

export async function run(args: string[], io: CliIO): Promise<number> {
  const parsed = await parseRunCommand(args, io);
  if (!parsed.ok) {
    if (parsed.code === EXIT_ERROR) { io.err(`bpfiddle run: ${parsed.message}\n`); return EXIT_ERROR; }
    return usageError(io, { name, usage }, parsed.message);
  }
  if (parsed.help) { io.out(usage); return EXIT_OK; }
  const cmd = parsed.cmd;
  const loaded = await loadProgram(io, cmd.file, cmd.section);
  if (!loaded.ok) { io.err(loaded.message); return EXIT_ERROR; }
  const request = loaded.initialMaps?.length ? { ...cmd.request, maps: [...loaded.initialMaps, ...cmd.request.maps] } : cmd.request;
  const resolved = resolveRun(loaded.program, request);
  if (!resolved.ok) { io.err(`bpfiddle run: ${resolved.error}\n`); return EXIT_ERROR; }
  const job = resolved.value;

  const trace: TraceLine[] = [];
  const maps = job.mapDecls;
  const verdict = cmd.verify ? verifierVerdict(job, loaded.program) : null;
  const outcome = executeJob(job, {
    maxSteps: cmd.maxSteps,
    onStep: cmd.trace ? (session, pc) => {
      const snap = session.snapshot();
      const changed: Record<string, string> = {};
      for (const r of snap.changed) changed[`r${r}`] = hex64(snap.regs[r]!);
      const writes = snap.writes.map((w) => `${w.region}[${w.offset}..${w.offset + w.size - 1}]`);
      trace.push({ pc, text: formatInsnKernel(job.insns, pc, { maps }), changed, writes });
      if (!cmd.json) io.out(traceLine(trace[trace.length - 1]!));
    } : undefined,
  });
  if (!outcome.ok) { io.err(`bpfiddle run: ${outcome.error}\n`); return EXIT_ERROR; }
  const r = outcome.value;
  if (cmd.json) io.out(`${JSON.stringify({ ...reportJson(r), verifier: verdict, ...(cmd.trace ? { trace } : {}) }, null, 2)}\n`);
  else io.out(reportText(r) + (verdict ? verdictText(verdict) : ''));
  return r.result.exit === 'exit' ? EXIT_OK : EXIT_ERROR;
}

/** What the verifier says about the program: running never needs its approval, but the user
 * should know when the kernel would refuse to load what they are watching. */
interface Verdict {
  accepted: boolean;
  error: { pc: number; line: number | null; message: string } | null;
}

function verifierVerdict(job: RunJob, program: Pick<AsmProgram, 'insns'> & Partial<Pick<AsmProgram, 'sourceMap'>>): Verdict {
  const v = verify({ insns: job.insns, maps: job.mapDecls, progType: job.progType }, { logLevel: 0, recordPaths: false });
  if (v.accepted || !v.error) return { accepted: true, error: null };
  const line = v.error.pc >= 0 ? program.sourceMap?.[v.error.pc]?.line ?? null : null;
  return { accepted: false, error: { pc: v.error.pc, line, message: v.error.message } };
}

function verdictText(v: Verdict): string {
  if (v.accepted) return 'verifier: the kernel would accept this program\n';
  const e = v.error!;
  const where = e.pc >= 0 ? ` at insn ${e.pc}${e.line !== null ? ` (line ${e.line})` : ''}` : '';
  return `verifier: the kernel would reject this program${where}: ${e.message}\n`;
}

function traceLine(t: TraceLine): string {
  const effects = [...Object.entries(t.changed).map(([r, v]) => `${r}=${v}`), ...t.writes.map((w) => `wrote ${w}`)];
  return `${t.pc}: ${t.text}${effects.length ? `\t; ${effects.join(' ')}` : ''}\n`;
}

// ---- output -------------------------------------------------------------------------------

/** Map values as JSON: hex, one per CPU for per-CPU maps. */
function mapsJson(r: JobResult): unknown[] {
  return r.result.maps.map((m) => ({
    name: m.name,
    type: m.type,
    entries: m.entries.map((e) => Array.isArray(e.value)
      ? { key: hexBytes(e.key), values: e.value.map(hexBytes) }
      : { key: hexBytes(e.key), value: hexBytes(e.value) }),
  }));
}

export function reportJson(r: JobResult): Record<string, unknown> {
  const res = r.result;
  const pc = r.packetChanges;
  return {
    exit: res.exit,
    r0: hex64(res.r0),
    r0Name: r.r0Name ?? null,
    steps: res.steps,
    fault: faultJson(res.fault),
    packet: r.dataOut === null ? null : hexBytes(r.dataOut),
    packetChanges: pc && (pc.changed.length || pc.delta) ? {
      delta: pc.delta,
      changed: pc.changed,
      fields: pc.fields.map((f) => ({ path: f.path, before: f.before, after: f.after })),
    } : null,
    output: res.output,
    ringbuf: res.ringbuf.map((rb) => ({
      map: rb.map,
      records: rb.records.map((rec) => ({ size: rec.size, discarded: rec.discarded, busy: rec.busy, data: hexBytes(rec.data) })),
    })),
    perfEvents: res.perfEvents.map((e) => ({ map: e.map, cpu: e.cpu, data: hexBytes(e.data) })),
    redirect: res.redirect ? { ifindex: res.redirect.ifindex, flags: res.redirect.flags.toString(), map: res.redirect.map } : null,
    maps: mapsJson(r),
  };
}

/** Hex in 4-byte groups, with the little-endian integer for 1/2/4/8-byte values. */
function showBytes(b: Uint8Array): string {
  const h = hexBytes(b);
  const grouped = b.length > 8 ? h.replace(/(.{8})(?=.)/g, '$1 ') : h;
  if (![1, 2, 4, 8].includes(b.length)) return grouped || '(empty)';
  let v = 0n;
  for (let i = b.length - 1; i >= 0; i--) v = (v << 8n) | BigInt(b[i]!);
  return `${grouped} (${v})`;
}

/** A record or event that starts with an Ethernet header of a known kind, dissected. */
function packetLines(b: Uint8Array, indent: string): string[] {
  if (b.length < 34) return [];
  const d = dissect(b);
  const [eth, l3] = d.layers;
  // A record that merely starts with 14 bytes could be anything; one whose next header is a
  // complete IP, ARP or VLAN header very likely is a packet (or its first bytes).
  if (!eth || eth.kind !== 'eth' || !l3 || !['ipv4', 'ipv6', 'arp', 'vlan', 'qinq'].includes(l3.kind) || !l3.complete) return [];
  return d.layers.map((l) => `${indent}${l.summary}`);
}

export function reportText(r: JobResult): string {
  const res = r.result;
  const signed = BigInt.asIntN(64, res.r0);
  const lines = [
    `r0 = ${hex64(res.r0)} (${res.r0}${signed < 0n ? `, ${signed} signed` : ''})${r.r0Name ? ` ${r.r0Name}` : ''}`,
    `steps: ${res.steps}`,
  ];
  if (res.fault) lines.push(`fault at insn ${res.fault.pc} (${res.fault.kind}): ${res.fault.message}`);
  else if (res.exit === 'limit') lines.push(`stopped: the step limit (${res.steps}) was reached before exit`);
  for (const o of res.output) lines.push(`output: ${o}`);
  if (res.redirect) lines.push(`redirect: to ifindex ${res.redirect.ifindex}${res.redirect.map ? ` (through ${res.redirect.map})` : ''}, flags ${res.redirect.flags}`);
  for (const rb of res.ringbuf) {
    if (!rb.records.length) continue;
    lines.push(`ring buffer ${rb.map}: ${rb.records.length} record${rb.records.length === 1 ? '' : 's'}`);
    rb.records.forEach((rec, i) => {
      const state = rec.busy ? ' (still reserved)' : rec.discarded ? ' (discarded)' : '';
      lines.push(`  #${i} ${rec.size} bytes${state}: ${showBytes(rec.data)}`, ...packetLines(rec.data, '      '));
    });
  }
  for (const e of res.perfEvents) lines.push(`perf event ${e.map} (cpu ${e.cpu}): ${e.data.length} bytes: ${showBytes(e.data)}`, ...packetLines(e.data, '      '));
  const pc = r.packetChanges;
  if (pc && (pc.changed.length || pc.delta)) {
    const n = pc.changed.reduce((s, c) => s + c.length, 0);
    const size = pc.delta > 0 ? `, ${pc.delta} inserted at offset ${pc.gapAt}` : pc.delta < 0 ? `, ${-pc.delta} removed at offset ${pc.gapAt}` : '';
    lines.push(`packet: ${pc.before.length} → ${pc.after.length} bytes${size}${n ? `, ${n} byte${n === 1 ? '' : 's'} new or changed` : ''}`);
    for (const f of pc.fields) lines.push(`  ${f.path}: ${f.before} → ${f.after}`);
    for (const i of pc.added) lines.push(`  + ${pc.after.layers[i]!.summary}`);
    for (const i of pc.removed) lines.push(`  - ${pc.before.layers[i]!.summary}`);
    if (n) lines.push(`  changed bytes: ${pc.changed.map((c) => (c.length === 1 ? `${c.offset}` : `${c.offset}-${c.offset + c.length - 1}`)).join(', ')}`);
  }
  if (res.maps.some((m) => m.type !== 'ringbuf')) lines.push('maps:');
  for (const m of res.maps) {
    if (m.type === 'ringbuf') continue;
    lines.push(`  ${m.name} (${m.type}, ${m.entries.length} entr${m.entries.length === 1 ? 'y' : 'ies'})`);
    for (const e of m.entries) {
      const key = e.key.length ? `${showBytes(e.key)}: ` : '';
      if (Array.isArray(e.value)) lines.push(`    ${key}${e.value.map((v, cpu) => `cpu${cpu} ${showBytes(v)}`).join(', ')}`);
      else lines.push(`    ${key}${showBytes(e.value)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
