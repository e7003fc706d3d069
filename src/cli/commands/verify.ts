// `bpfiddle verify`: run bpfiddle's port of the Linux 6.18 verifier on a program and print its
// log exactly as the kernel writes it (level 1: the failing path and the error; level 2: every
// path with full states). The exit code is the verdict.

import { assemble, PROG_TYPE_ALIASES, PROG_TYPE_NAMES, type AsmProgram, type ProgTypeName } from '../../core/asm/index.js';
import { isElf } from '../../core/elf/reader.js';
import { decodeProgram } from '../../core/isa/insn.js';
import { formatState } from '../../core/verifier/log.js';
import { verify, type Path } from '../../core/verifier/verify.js';
import {
  EXIT_ERROR, EXIT_OK, formatAssemblyErrors, parseCommandArgs, readInput, usageError, type CliIO,
} from '../util.js';
import { objectProgram } from '../object-input.js';

export const name = 'verify';
export const summary = 'verify a program the way the Linux 6.18 verifier does and print its log';
export const usage = `usage: bpfiddle verify FILE [--section NAME] [--type T] [--log-level 1|2] [--json]

Verifies FILE (assembly source, raw bytecode, an ELF object as clang -target bpf builds it, or
- for standard input) with bpfiddle's port of the Linux 6.18 verifier (privileged: CAP_BPF and
CAP_PERFMON) and prints the verifier log as the kernel writes it. Map loads print illustrative kernel addresses.

options:
  --section NAME    the program of an ELF object to verify: its section (xdp, kprobe/...) or
                    function name; needed when the object holds several programs
  --type T          program type (default: the source's .prog directive, else socket_filter):
                    ${PROG_TYPE_NAMES.join(', ')}
  --log-level N     1 (default): the path that failed and the error, or only the statistics
                    line when the program is accepted; 2: every path with full states
  --json            print {"accepted", "error", "processed", "log", "paths"} instead; error is
                    {"pc", "line", "message"} (line: the source line of the failing instruction)

exit status: 0 when the verifier accepts the program, 1 when it rejects it (or the source does
not assemble), 2 on bad usage.
`;

type Program = Pick<AsmProgram, 'insns' | 'maps' | 'progType'> & { sourceMap?: AsmProgram['sourceMap'] };

async function loadProgram(io: CliIO, file: string, section?: string): Promise<{ ok: true; program: Program } | { ok: false; code: number }> {
  const label = file === '-' ? '<stdin>' : file;
  const input = await readInput(io, file);
  if (!input.ok) {
    io.err(`bpfiddle verify: ${input.error}\n`);
    return { ok: false, code: EXIT_ERROR };
  }
  if (isElf(input.data)) {
    const o = objectProgram(label, input.data, section);
    if (!o.ok) {
      io.err(`bpfiddle verify: ${o.error}\n`);
      return { ok: false, code: EXIT_ERROR };
    }
    for (const w of o.value.warnings) io.err(`${label}: warning: ${w}\n`);
    return { ok: true, program: o.value.program };
  }
  if (section !== undefined) {
    io.err(`bpfiddle verify: --section applies to ELF objects, and ${label} is not one\n`);
    return { ok: false, code: EXIT_ERROR };
  }
  if (input.data.includes(0)) {
    const d = decodeProgram(input.data);
    if (!d.ok) {
      io.err(`bpfiddle verify: ${label}: ${d.error}\n`);
      return { ok: false, code: EXIT_ERROR };
    }
    return { ok: true, program: { insns: d.insns, maps: [], progType: 'socket_filter' } };
  }
  const source = new TextDecoder().decode(input.data);
  const result = assemble(source);
  if (!result.ok) {
    io.err(formatAssemblyErrors(label, source, result.errors));
    return { ok: false, code: EXIT_ERROR };
  }
  return { ok: true, program: result.program };
}

/** A path for JSON: each step's state as the log's full-state text. */
function pathJson(p: Path): Record<string, unknown> {
  const text = (st: Path['startState']): string => formatState(st, st.frames.length - 1, null).trim();
  return {
    id: p.id, parent: p.parent, fromPc: p.fromPc, startPc: p.startPc, end: p.end,
    start: text(p.startState),
    steps: p.steps.map((s) => ({ pc: s.pc, state: text(s.state) })),
  };
}

export async function run(args: string[], io: CliIO): Promise<number> {
  const parsed = parseCommandArgs(args, {
    type: { type: 'string' }, 'log-level': { type: 'string' }, json: { type: 'boolean' }, section: { type: 'string' },
  });
  if (!parsed.ok) return usageError(io, { name, usage }, parsed.error);
  if (parsed.help) { io.out(usage); return EXIT_OK; }
  const { values, positionals } = parsed;
  if (positionals.length !== 1) return usageError(io, { name, usage }, positionals.length ? 'expected one input file' : 'missing input file');
  let logLevel: 1 | 2 = 1;
  if (values['log-level'] !== undefined) {
    if (values['log-level'] !== '1' && values['log-level'] !== '2') {
      return usageError(io, { name, usage }, `--log-level takes 1 or 2, not '${values['log-level']}'`);
    }
    logLevel = Number(values['log-level']) as 1 | 2;
  }
  let typeOverride: ProgTypeName | undefined;
  if (values.type !== undefined) {
    const t = PROG_TYPE_ALIASES[values.type] ?? values.type;
    if (!(PROG_TYPE_NAMES as readonly string[]).includes(t)) return usageError(io, { name, usage }, `unknown program type '${values.type}'`);
    typeOverride = t as ProgTypeName;
  }
  const loaded = await loadProgram(io, positionals[0]!, values.section);
  if (!loaded.ok) return loaded.code;
  const prog = loaded.program;
  const result = verify(
    { insns: prog.insns, maps: prog.maps, progType: typeOverride ?? prog.progType },
    { logLevel, recordPaths: values.json === true, maxRecordedSteps: 100_000 },
  );
  if (values.json) {
    const line = result.error && result.error.pc >= 0 ? prog.sourceMap?.[result.error.pc]?.line ?? null : null;
    io.out(`${JSON.stringify({
      accepted: result.accepted,
      error: result.error ? { pc: result.error.pc, line, message: result.error.message } : null,
      processed: result.processed,
      log: result.log,
      paths: { truncated: result.paths.truncated, paths: result.paths.paths.map(pathJson) },
    }, null, 2)}\n`);
  } else {
    io.out(result.log);
  }
  return result.accepted ? EXIT_OK : EXIT_ERROR;
}
