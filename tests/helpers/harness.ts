// Running one assembly program in the kernel (BPF_PROG_TEST_RUN with its maps) and in bpfiddle's
// world (createWorld + the VM, every engine), and the small assembly builders the helper tests
// share: a results array (`out`) the program fills with each helper's return value, strings on
// the stack, and a standard test frame.

import { assemble } from '../../src/core/asm/index.js';
import type { AsmProgram } from '../../src/core/asm/types.js';
import { createWorld, type SimEnv, type WorldRun } from '../../src/core/helpers/index.js';
import type { MapEntry } from '../../src/core/maps/index.js';
import { inetChecksum } from '../../src/core/packet/index.js';
import { makeRunInput, packetOut } from '../../src/core/progtypes/index.js';
import type { KernelMap } from '../../tools/kernel.js';
import { runWide } from '../../tools/wide-r0.js';
import { hex, kernel } from '../kernel/oracle.js';

export function asm(src: string): AsmProgram {
  const r = assemble(src);
  if (!r.ok) throw new Error(`assembly failed:\n${r.errors.map((e) => `${e.line}:${e.col} ${e.message}`).join('\n')}\n${src}`);
  return r.program;
}

/** Ethernet + IPv4 + UDP (valid IP checksum, UDP checksum 0) + `payload`. */
export function udpFrame(payload: Uint8Array = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8])): Uint8Array {
  const f = new Uint8Array(14 + 20 + 8 + payload.length);
  f.set([0x02, 0, 0, 0, 0, 1, 0x02, 0, 0, 0, 0, 2, 0x08, 0x00], 0);
  const ip = 14;
  const total = 20 + 8 + payload.length;
  f.set([0x45, 0, total >> 8, total & 0xff, 0x12, 0x34, 0x40, 0, 64, 17, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2], ip);
  const sum = inetChecksum(f, ip, ip + 20);
  f[ip + 10] = sum >> 8;
  f[ip + 11] = sum & 0xff;
  const udp = ip + 20;
  f.set([0x30, 0x39, 0x00, 0x35, (8 + payload.length) >> 8, (8 + payload.length) & 0xff, 0, 0], udp);
  f.set(payload, udp + 8);
  return f;
}

/** Lines that store `s` and its NUL at r10 + `off` (8-byte aligned), padding with zeros. */
export function stackString(off: number, s: string | Uint8Array): string {
  const bytes = typeof s === 'string' ? new TextEncoder().encode(s) : s;
  const n = Math.ceil((bytes.length + 1) / 8) * 8;
  const buf = new Uint8Array(n);
  buf.set(bytes);
  const lines: string[] = [];
  for (let k = 0; k < n; k += 8) {
    const v = new DataView(buf.buffer).getBigUint64(k, true);
    lines.push(`  r1 = 0x${v.toString(16)} ll`, `  *(u64 *)(r10 ${off + k < 0 ? '-' : '+'} ${Math.abs(off + k)}) = r1`);
  }
  return lines.join('\n');
}

/**
 * A program skeleton: `.prog type`, an `out` array with one value of 8 * slots bytes (r9 points
 * at it after the prologue), extra map declarations, then `body`. The program returns 0, or 1
 * when `out` could not be looked up.
 */
export function withOut(progType: string, slots: number, body: string, maps = ''): string {
  return `.prog ${progType}
.map out array key=4 value=${8 * slots} max_entries=1
${maps}
  r6 = r1
  *(u32 *)(r10 - 4) = 0
  r2 = r10
  r2 += -4
  r1 = out ll
  call bpf_map_lookup_elem
  if r0 == 0 goto nomap
  r9 = r0
${body}
  r0 = 0
  exit
nomap:
  r0 = 1
  exit
`;
}

/** Store r0 into out slot k. */
export const save = (k: number): string => `  *(u64 *)(r9 + ${8 * k}) = r0`;

export interface BothOptions {
  dataIn?: Uint8Array;
  ctxIn?: Uint8Array;
  /** Initial contents by map name. */
  maps?: Record<string, MapEntry[]>;
  env?: Partial<SimEnv>;
}

export interface Side {
  r0: bigint;
  dataOut: Uint8Array;
  /** Contents by map name, keys and values as hex, sorted by key. */
  maps: Record<string, [string, string][]>;
}

export interface Both {
  kernel: Side;
  vm: Side & { run: WorldRun; engine: string }[];
  program: AsmProgram;
}

const READABLE = new Set(['array', 'hash', 'lru_hash', 'lpm_trie']);

const sorted = (entries: { key: Uint8Array; value: Uint8Array }[]): [string, string][] =>
  entries.map((e) => [hex(e.key), hex(e.value)] as [string, string]).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));

/** Runs the program in the kernel and in every VM engine. Throws when the kernel refuses it. */
export async function runBoth(src: string, o: BothOptions = {}): Promise<{ kernel: Side; vms: (Side & { engine: string; run: WorldRun })[]; program: AsmProgram }> {
  const program = asm(src);
  const dataIn = o.dataIn ?? udpFrame();
  const kmaps: KernelMap[] = program.maps.map((d) => ({
    type: d.type, keySize: d.keySize, valueSize: d.valueSize, maxEntries: d.maxEntries, flags: d.flags,
    entries: (o.maps?.[d.name] ?? []).map((e) => ({ key: e.key, value: e.value as Uint8Array })),
  }));
  const k = await runWide(kernel(), { progType: program.progType, insns: program.insns, maps: kmaps, dataIn, ctxIn: o.ctxIn });
  if (!k.result.loaded || !k.result.run?.ok) {
    const again = await kernel().load({ progType: program.progType, insns: program.insns, maps: kmaps, logLevel: 1 });
    throw new Error(`kernel refused: ${k.result.setupError ?? k.result.errnoName} ${k.result.run?.errnoName ?? ''}\n${again.log.split('\n').filter((l) => l.trim()).slice(-6).join('\n')}`);
  }
  const kernelSide: Side = { r0: k.r0!, dataOut: k.result.run.dataOut, maps: {} };
  program.maps.forEach((d, i) => { if (READABLE.has(d.type)) kernelSide.maps[d.name] = sorted(k.result.maps[i]!); });
  const vms: (Side & { engine: string; run: WorldRun })[] = [];
  for (const engine of ['interp', 'switch', 'jit'] as const) {
    const prepared = makeRunInput(program.progType, { dataIn, ctxIn: o.ctxIn });
    if (!prepared.ok) throw new Error(`bpfiddle refused the input: ${prepared.error.message}`);
    const w = createWorld(program, { run: prepared.run.input, maps: o.maps, env: o.env });
    if (!w.ok) throw new Error(w.errors.map((e) => e.message).join('\n'));
    const run = w.world.run({ engine });
    const maps: Record<string, [string, string][]> = {};
    for (const m of run.maps) if (READABLE.has(m.type)) maps[m.name] = sorted(m.entries as { key: Uint8Array; value: Uint8Array }[]);
    vms.push({ engine, run, r0: run.r0, dataOut: packetOut(prepared.run, run.packet, run.meta), maps });
  }
  return { kernel: kernelSide, vms, program };
}

/** The u64 slots of `out` (first element) as bigints. */
export function outSlots(side: Side): bigint[] {
  const v = side.maps.out?.[0]?.[1] ?? '';
  const bytes = new Uint8Array(Buffer.from(v, 'hex'));
  const dv = new DataView(bytes.buffer);
  return Array.from({ length: bytes.length / 8 }, (_, k) => dv.getBigUint64(k * 8, true));
}

export const s64 = (v: bigint): bigint => BigInt.asIntN(64, v);
