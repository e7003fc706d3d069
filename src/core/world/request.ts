// The inputs of `bpfiddle run` as data: the option texts (--packet, --ctx, --map, --env, --attach)
// parsed into a RunRequest, then resolved against an assembled program into a RunJob, the one
// description of a run that both bpfiddle's VM and the kernel differential tests execute (so a
// test exercises exactly the path the command takes). Errors are values naming the option.
//
// Byte syntax shared by --map keys and values (see `usage` in commands/run.ts):
//   5:u32  -1:s64  0x50:be16   integers with a width (u8..u64 little-endian, be16..be64 network order)
//   10.0.0.1                   an IPv4 address (4 bytes, network order)
//   ip6:fe80::1                an IPv6 address (16 bytes)
//   0a000001                   plain hex bytes
//   str:bash                   text (UTF-8, no terminating NUL)
//   PART+PART                  concatenation (an LPM key: 24:u32+10.0.0.0)
//   V/V                        per-CPU values, one per CPU (a single value fills every CPU)

import type { AsmProgram, MapDecl, ProgTypeName } from '../asm/types.js';
import type { SimEnv } from '../helpers/env.js';
import type { Insn } from '../isa/insn.js';
import type { MapEntry } from '../maps/index.js';
import { packetFromText } from '../packet/index.js';
import { parseIpv6 } from '../packet/addr.js';
import {
  ctxFromFields, progTypeSpec, tracepointCtxFields, tracepointFormat, TRACEPOINT_FORMATS, type AttachType, type CtxFieldValue,
} from '../progtypes/index.js';

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };
const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const err = <T>(error: string): Parsed<T> => ({ ok: false, error });

const INT = /^(-?(?:0x[0-9a-f]+|\d+))$/i;
const WIDTH = /^(-?(?:0x[0-9a-f]+|\d+)):(u8|u16|u32|u64|s8|s16|s32|s64|be16|be32|be64)$/i;

/** An integer in decimal or 0x hex, possibly negative. */
export function parseInteger(text: string): bigint | undefined {
  if (!INT.test(text)) return undefined;
  const neg = text.startsWith('-');
  const v = BigInt(neg ? text.slice(1) : text);
  return neg ? -v : v;
}

function intBytes(value: bigint, width: string): Parsed<Uint8Array> {
  const w = width.toLowerCase();
  const size = Number(w.replace(/\D/g, '')) / 8;
  const bits = BigInt(size * 8);
  if (value >= 1n << bits || value < -(1n << (bits - 1n))) return err(`${value} does not fit in ${w}`);
  const u = BigInt.asUintN(Number(bits), value);
  const out = new Uint8Array(size);
  for (let i = 0; i < size; i++) out[w.startsWith('be') ? size - 1 - i : i] = Number((u >> BigInt(8 * i)) & 0xffn);
  return ok(out);
}

function partBytes(part: string): Parsed<Uint8Array> {
  const w = WIDTH.exec(part);
  if (w) return intBytes(parseInteger(w[1]!)!, w[2]!);
  if (/^\d+\.\d+\.\d+\.\d+$/.test(part)) {
    const octets = part.split('.').map(Number);
    if (octets.some((o) => o > 255)) return err(`'${part}' is not an IPv4 address`);
    return ok(Uint8Array.from(octets));
  }
  if (part.startsWith('ip6:')) {
    const a = parseIpv6(part.slice(4));
    return a ? ok(a) : err(`'${part.slice(4)}' is not an IPv6 address`);
  }
  if (part.startsWith('str:')) return ok(new TextEncoder().encode(part.slice(4)));
  if (/^([0-9a-f]{2})+$/i.test(part)) return ok(Uint8Array.from(part.match(/../g)!, (h) => parseInt(h, 16)));
  if (INT.test(part)) return err(`'${part}' needs a width: ${part}:u32, ${part}:u64, ${part}:be16, ... (plain digits would be hex bytes only with an even count)`);
  return err(`cannot read '${part}' as bytes (write integers as N:u32, addresses as 10.0.0.1 or ip6:ADDR, hex bytes as 0a0b, text as str:TEXT)`);
}

/** Bytes from the shared syntax: parts joined by '+'. */
export function parseBytes(text: string): Parsed<Uint8Array> {
  if (text === '') return err('no bytes given');
  const chunks: Uint8Array[] = [];
  for (const part of text.split('+')) {
    const b = partBytes(part);
    if (!b.ok) return b;
    chunks.push(b.value);
  }
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) { out.set(c, at); at += c.length; }
  return ok(out);
}

export interface MapOption {
  map: string;
  /** Absent for keyless maps (queue, stack, ringbuf): NAME=VALUE. */
  key: Uint8Array | null;
  value: Uint8Array | Uint8Array[];
}

/** --map NAME=KEY=VALUE (or NAME=VALUE for keyless maps). */
export function parseMapOption(text: string): Parsed<MapOption> {
  const parts = text.split('=');
  if (parts.length < 2 || parts.length > 3 || !parts[0]) return err(`'${text}' is not NAME=KEY=VALUE (or NAME=VALUE for queue, stack and ringbuf maps)`);
  const [map, a, b] = parts as [string, string, string | undefined];
  let key: Uint8Array | null = null;
  if (b !== undefined) {
    const k = parseBytes(a);
    if (!k.ok) return err(`key: ${k.error}`);
    key = k.value;
  }
  const valueText = b ?? a;
  const values: Uint8Array[] = [];
  for (const v of valueText.split('/')) {
    const p = parseBytes(v);
    if (!p.ok) return err(`value: ${p.error}`);
    values.push(p.value);
  }
  return ok({ map, key, value: values.length === 1 ? values[0]! : values });
}

/** --ctx FIELD=VALUE: an integer, an IPv4 address (network order), hex:BYTES or str:TEXT. */
export function parseCtxOption(text: string): Parsed<CtxFieldValue> {
  const eq = text.indexOf('=');
  if (eq <= 0) return err(`'${text}' is not FIELD=VALUE`);
  const name = text.slice(0, eq);
  const v = text.slice(eq + 1);
  const n = parseInteger(v);
  if (n !== undefined) return ok({ name, value: n });
  if (/^\d+\.\d+\.\d+\.\d+$/.test(v)) {
    const b = partBytes(v);
    return b.ok ? ok({ name, value: b.value }) : err(b.error);
  }
  if (v.startsWith('str:')) return ok({ name, value: v.slice(4) });
  if (v.startsWith('hex:')) {
    const b = /^([0-9a-f]{2})*$/i.test(v.slice(4)) ? Uint8Array.from(v.slice(4).match(/../g) ?? [], (h) => parseInt(h, 16)) : null;
    return b ? ok({ name, value: b }) : err(`'${v}' is not hex:BYTES`);
  }
  return err(`${name}: '${v}' is not a number (write text as str:TEXT, bytes as hex:0a0b, addresses as 10.0.0.1)`);
}

/** --env settings: the simulated task and machine (src/core/helpers/env.ts). */
const ENV_KEYS: Readonly<Record<string, keyof SimEnv>> = {
  pid: 'pid', tgid: 'tgid', uid: 'uid', gid: 'gid', comm: 'comm', cpu: 'cpu', ncpus: 'nCpus', cpus: 'nCpus',
  time: 'monotonicNs', ktime: 'monotonicNs', seed: 'seed', numa: 'numaNode', hz: 'hz',
};
const BIGINT_ENV = new Set<keyof SimEnv>(['monotonicNs', 'suspendNs', 'taiOffsetNs', 'nsPerInsn', 'taskAddress']);

export function parseEnvOption(text: string, into: Partial<SimEnv>): string | null {
  const eq = text.indexOf('=');
  const k = eq > 0 ? text.slice(0, eq) : '';
  const key = ENV_KEYS[k.toLowerCase()];
  if (!key) return `'${text}' is not KEY=VALUE with KEY one of ${Object.keys(ENV_KEYS).join(', ')}`;
  const v = text.slice(eq + 1);
  const target = into as Record<string, unknown>;
  if (key === 'comm') { target[key] = v; return null; }
  const n = parseInteger(v);
  if (n === undefined) return `${k}: '${v}' is not a number`;
  target[key] = BIGINT_ENV.has(key) ? n : Number(n);
  return null;
}

/** Everything `bpfiddle run` takes besides the program. */
export interface RunRequest {
  progType?: ProgTypeName;
  attach?: string;
  /** data_in from --data, --data-file or --packet. */
  dataIn?: Uint8Array;
  /** --ctx-in: ctx_in bytes as given. */
  ctxIn?: Uint8Array;
  ctx: CtxFieldValue[];
  tracepoint?: string;
  maps: MapOption[];
  env: Partial<SimEnv>;
}

/** A run, fully described: what the VM runs and what a kernel test run would be given. */
export interface RunJob {
  progType: ProgTypeName;
  /** expected_attach_type, when the program type has a choice. */
  attach: AttachType | null;
  insns: Insn[];
  mapDecls: MapDecl[];
  /** Initial map contents by map name, in the order given. */
  mapEntries: Record<string, MapEntry[]>;
  dataIn: Uint8Array;
  ctxIn: Uint8Array | null;
  env: Partial<SimEnv>;
}

/** A 14-byte all-zero Ethernet header: data_in when a packet type is given none. */
const DEFAULT_FRAME = new Uint8Array(14);

/** --packet: a packet spec (eth/ipv4/tcp(dport=80)) or hex. */
export function packetOption(text: string): Parsed<Uint8Array> {
  const p = packetFromText(text);
  if (p.ok) return ok(p.bytes);
  const e = p.errors[0]!;
  return err(`${p.form === 'spec' ? 'packet spec' : 'hex'}, column ${e.col}: ${e.message}`);
}

/** The program plus the request, checked: every error names the option it came from. */
export function resolveRun(program: Pick<AsmProgram, 'insns' | 'maps' | 'progType'>, req: RunRequest): Parsed<RunJob> {
  const progType = req.progType ?? program.progType;
  const spec = progTypeSpec(progType)!;
  let attach: AttachType | null = spec.attachTypes?.[0] ?? null;
  if (req.attach !== undefined) {
    const names = (spec.attachTypes ?? []).map((a) => a.name);
    const found = spec.attachTypes?.find((a) => a.name === req.attach || a.name === `cgroup_inet_${req.attach}`);
    if (!found) return err(`--attach: ${progType} programs ${names.length ? `take ${names.join(' or ')}` : 'have no attach type to choose'}, not '${req.attach}'`);
    attach = found;
  }
  if (spec.input === 'ctx' && req.dataIn) return err(`${progType} programs take no packet (--data/--packet); give the context with --ctx FIELD=VALUE`);
  const dataIn = spec.input === 'packet' ? req.dataIn ?? DEFAULT_FRAME : new Uint8Array(0);

  let ctxIn: Uint8Array | null = req.ctxIn ?? null;
  if (req.tracepoint !== undefined && progType !== 'tracepoint') return err('--tracepoint is for tracepoint programs');
  if (req.ctx.length || (spec.input === 'ctx' && !ctxIn)) {
    let opts: Parameters<typeof ctxFromFields>[2] = { dataIn, base: ctxIn ?? undefined };
    if (req.tracepoint !== undefined) {
      const fmt = tracepointFormat(req.tracepoint);
      if (!fmt) return err(`--tracepoint: no format for '${req.tracepoint}' (known: ${TRACEPOINT_FORMATS.map((t) => t.name).join(', ')}); give the record as --ctx-in HEX instead`);
      opts = { ...opts, fields: tracepointCtxFields(fmt, spec.ctx.fields.slice(0, 4)), size: fmt.size };
    }
    const c = ctxFromFields(spec, req.ctx, opts);
    if (!c.ok) return err(`--ctx ${req.ctx[c.error.index] ? `${req.ctx[c.error.index]!.name}` : ''}: ${c.error.message}`);
    ctxIn = c.ctxIn;
  }

  const mapEntries: Record<string, MapEntry[]> = {};
  for (const m of req.maps) {
    const decl = program.maps.find((d) => d.name === m.map);
    if (!decl) return err(`--map ${m.map}: the program declares no map '${m.map}'${program.maps.length ? ` (it has ${program.maps.map((d) => d.name).join(', ')})` : ''}`);
    const keyless = decl.keySize === 0;
    if (keyless !== (m.key === null)) {
      return err(`--map ${m.map}: ${keyless ? `${decl.type} maps have no keys: write ${m.map}=VALUE` : `write ${m.map}=KEY=VALUE`}`);
    }
    (mapEntries[m.map] ??= []).push({ key: m.key ?? new Uint8Array(0), value: m.value });
  }
  return ok({ progType, attach, insns: program.insns, mapDecls: program.maps, mapEntries, dataIn, ctxIn, env: req.env });
}
