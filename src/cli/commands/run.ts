// `bpfiddle run`: assemble a program (or take raw bytecode), build its context and packet the way
// BPF_PROG_TEST_RUN would from a data_in frame, run it in the VM and print r0, the step count and
// any fault; --trace prints every step in the kernel's syntax with the registers it changed.

import { assemble, formatInsnKernel, PROG_TYPE_ALIASES, PROG_TYPE_NAMES, type MapDecl, type ProgTypeName } from '../../core/asm/index.js';
import { decodeProgram, type Insn } from '../../core/isa/insn.js';
import { makeRunInput, packetOut, returnCodeName, type PreparedRun } from '../../core/progtypes/index.js';
import { Session, type RunResult, type VmFault } from '../../core/vm/index.js';
import {
  EXIT_ERROR, EXIT_OK, formatDiagnostics, looksLikeHex, parseCommandArgs, parseHex, readInput, usageError, type CliIO,
} from '../util.js';

export const name = 'run';
export const summary = 'run a program in the VM on a test packet and print r0, the steps and any fault';
export const usage = `usage: bpfiddle run FILE [--type T] [--data HEX | --data-file F] [--steps N] [--trace] [--json]

Runs FILE (assembly source in any dialect bpfiddle asm takes, raw bytecode, or - for standard
input) in bpfiddle's VM. The context and packet are built from a data_in frame exactly as the
kernel's BPF_PROG_TEST_RUN builds them for the program type.

options:
  --type T         program type (default: the source's .prog directive, else socket_filter):
                   ${PROG_TYPE_NAMES.join(', ')}
  --data HEX       data_in as hex (a whole Ethernet frame for xdp and skb types);
                   default: a 14-byte all-zero Ethernet header
  --data-file F    data_in from a file (raw bytes, or hex text)
  --steps N        stop after N instructions (default 1000000)
  --trace          print each executed instruction and the registers it changed
  --json           print {"exit", "r0", "steps", "fault", "packet"} (plus "trace" with --trace)

exit status: 0 when the program ran to its exit, 1 on a fault, the step limit or an assembler
error, 2 on bad usage.
`;

const DEFAULT_FRAME = new Uint8Array(14);

const hex64 = (v: bigint): string => `0x${BigInt.asUintN(64, v).toString(16).padStart(16, '0')}`;
const hexBytes = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');

interface TraceLine { pc: number; text: string; changed: Record<string, string>; writes: string[] }

function faultJson(f: VmFault | null): Record<string, unknown> | null {
  if (!f) return null;
  return { pc: f.pc, kind: f.kind, address: f.address === null ? null : hex64(f.address), size: f.size, region: f.region, message: f.message };
}

export async function run(args: string[], io: CliIO): Promise<number> {
  const parsed = parseCommandArgs(args, {
    type: { type: 'string' }, data: { type: 'string' }, 'data-file': { type: 'string' },
    steps: { type: 'string' }, trace: { type: 'boolean' }, json: { type: 'boolean' },
  });
  if (!parsed.ok) return usageError(io, { name, usage }, parsed.error);
  if (parsed.help) { io.out(usage); return EXIT_OK; }
  const { values, positionals } = parsed;
  if (positionals.length !== 1) return usageError(io, { name, usage }, positionals.length ? 'expected one input file' : 'missing input file');
  if (values.data !== undefined && values['data-file'] !== undefined) return usageError(io, { name, usage }, '--data and --data-file are exclusive');
  let maxSteps = 1_000_000;
  if (values.steps !== undefined) {
    if (!/^\d+$/.test(values.steps) || Number(values.steps) < 1) return usageError(io, { name, usage }, `--steps takes a positive integer, not '${values.steps}'`);
    maxSteps = Number(values.steps);
  }
  let typeOverride: ProgTypeName | undefined;
  if (values.type !== undefined) {
    const t = PROG_TYPE_ALIASES[values.type] ?? values.type;
    if (!(PROG_TYPE_NAMES as readonly string[]).includes(t)) return usageError(io, { name, usage }, `unknown program type '${values.type}'`);
    typeOverride = t as ProgTypeName;
  }

  // data_in.
  let frame: Uint8Array = DEFAULT_FRAME;
  if (values.data !== undefined) {
    const h = parseHex(values.data);
    if (!h.ok) return usageError(io, { name, usage }, `--data: ${h.error}`);
    frame = h.bytes;
  } else if (values['data-file'] !== undefined) {
    const d = await readInput(io, values['data-file']);
    if (!d.ok) { io.err(`bpfiddle run: ${d.error}\n`); return EXIT_ERROR; }
    frame = d.data;
    if (looksLikeHex(frame)) {
      const h = parseHex(new TextDecoder('latin1').decode(frame));
      if (h.ok) frame = h.bytes;
    }
  }

  // The program: source text, or raw bytecode (a file with NUL bytes).
  const file = positionals[0]!;
  const label = file === '-' ? '<stdin>' : file;
  const input = await readInput(io, file);
  if (!input.ok) { io.err(`bpfiddle run: ${input.error}\n`); return EXIT_ERROR; }
  let insns: Insn[];
  let maps: MapDecl[] = [];
  let progType: ProgTypeName = 'socket_filter';
  if (input.data.includes(0)) {
    const d = decodeProgram(input.data);
    if (!d.ok) { io.err(`${label}: error: ${d.error}\n`); return EXIT_ERROR; }
    insns = d.insns;
  } else {
    const source = new TextDecoder().decode(input.data);
    const a = assemble(source);
    if (!a.ok) {
      io.err(formatDiagnostics(label, source, a.errors));
      io.err(`${a.errors.length} error${a.errors.length === 1 ? '' : 's'} generated.\n`);
      return EXIT_ERROR;
    }
    insns = a.program.insns;
    maps = a.program.maps;
    progType = a.program.progType;
  }
  progType = typeOverride ?? progType;
  if (insns.length === 0) { io.err(`${label}: error: the program is empty\n`); return EXIT_ERROR; }

  const prepared = makeRunInput(progType, { dataIn: frame });
  if (!prepared.ok) {
    io.err(`bpfiddle run: the kernel would refuse this input for ${progType}: ${prepared.error.errno}: ${prepared.error.message}\n`);
    return EXIT_ERROR;
  }
  // TODO(helpers, maps): pass `helpers` and `maps` to the Session once src/core/helpers has its
  // helper table and src/core/maps a MapHost; until then helper calls and map loads fault.
  void maps;
  const session = new Session(insns, prepared.run.input, { maxSteps });
  const trace: TraceLine[] = [];
  if (values.trace) {
    const limit = maxSteps;
    while (session.status === 'running' && session.steps < limit) {
      const pc = session.pc;
      const reason = session.step();
      if (reason === 'fault' || reason === 'none') break;
      const snap = session.snapshot();
      const changed: Record<string, string> = {};
      for (const r of snap.changed) changed[`r${r}`] = hex64(snap.regs[r]!);
      const writes = snap.writes.map((w) => `${w.region}[${w.offset}..${w.offset + w.size - 1}]`);
      trace.push({ pc, text: formatInsnKernel(insns, pc, { maps }), changed, writes });
      if (!values.json) io.out(traceLine(trace[trace.length - 1]!));
    }
  } else {
    session.continue();
  }
  const result = session.result();
  const packet = result.packet === null ? null : packetOut(prepared.run, result.packet, result.meta);
  if (values.json) {
    io.out(`${JSON.stringify({
      exit: result.exit, r0: hex64(result.r0), steps: result.steps, fault: faultJson(result.fault),
      packet: packet === null ? null : hexBytes(packet),
      ...(values.trace ? { trace } : {}),
    }, null, 2)}\n`);
  } else {
    io.out(summaryText(result, progType, prepared.run, packet));
  }
  return result.exit === 'exit' ? EXIT_OK : EXIT_ERROR;
}

function traceLine(t: TraceLine): string {
  const effects = [...Object.entries(t.changed).map(([r, v]) => `${r}=${v}`), ...t.writes.map((w) => `wrote ${w}`)];
  return `${t.pc}: ${t.text}${effects.length ? `\t; ${effects.join(' ')}` : ''}\n`;
}

function summaryText(r: RunResult, progType: ProgTypeName, _run: PreparedRun, _packet: Uint8Array | null): string {
  const code = returnCodeName(progType, r.r0);
  const signed = BigInt.asIntN(64, r.r0);
  const lines = [
    `r0 = ${hex64(r.r0)} (${r.r0}${signed < 0n ? `, ${signed} signed` : ''})${code ? ` ${code}` : ''}`,
    `steps: ${r.steps}`,
  ];
  if (r.fault) lines.push(`fault at insn ${r.fault.pc} (${r.fault.kind}): ${r.fault.message}`);
  else if (r.exit === 'limit') lines.push(`stopped: the step limit (${r.steps}) was reached before exit`);
  for (const o of r.output) lines.push(`output: ${o}`);
  return `${lines.join('\n')}\n`;
}
