// `bpfiddle asm`: source text → raw bytecode, with errors printed the way compilers print them.

import { assemble } from '../../core/asm/index.js';
import { disassembleLines } from '../../core/asm/disasm.js';
import { encodeProgram } from '../../core/isa/insn.js';
import {
  EXIT_ERROR, EXIT_OK, defaultOutputPath, formatAssemblyErrors, parseCommandArgs, readInput, usageError,
  writeOutput, type CliIO,
} from '../util.js';

export const name = 'asm';
export const summary = 'assemble eBPF source (LLVM/kernel pseudo-C or uBPF mnemonics) into raw bytecode';
export const usage = `usage: bpfiddle asm FILE [-o OUT] [--json]

Assembles FILE (or - for standard input) into raw eBPF bytecode: 8 bytes per instruction slot,
little-endian, the bytes bpf(BPF_PROG_LOAD) takes. Map loads keep the map's index in the
declaration order as their imm.

options:
  -o, --output OUT   where to write the bytecode (default: FILE with its extension replaced by
                     .bin; a.bin for standard input); - writes the bytes to standard output
  --json             also print the result as JSON on standard output: program type, maps,
                     labels and one entry per instruction; on errors, the errors
`;

export async function run(args: string[], io: CliIO): Promise<number> {
  const parsed = parseCommandArgs(args, { output: { type: 'string', short: 'o' }, json: { type: 'boolean' } });
  if (!parsed.ok) return usageError(io, { name, usage }, parsed.error);
  if (parsed.help) { io.out(usage); return EXIT_OK; }
  const { values, positionals } = parsed;
  if (positionals.length !== 1) return usageError(io, { name, usage }, positionals.length ? 'expected one input file' : 'missing input file');
  const file = positionals[0]!;
  const label = file === '-' ? '<stdin>' : file;
  const output = values.output ?? (file === '-' ? 'a.bin' : defaultOutputPath(file));
  if (values.json && output === '-') return usageError(io, { name, usage }, '--json and -o - both write to standard output');

  const input = await readInput(io, file);
  if (!input.ok) { io.err(`bpfiddle asm: ${input.error}\n`); return EXIT_ERROR; }
  const source = new TextDecoder().decode(input.data);
  const result = assemble(source);
  if (!result.ok) {
    io.err(formatAssemblyErrors(label, source, result.errors));
    if (values.json) io.out(`${JSON.stringify({ ok: false, file: label, errors: result.errors }, null, 2)}\n`);
    return EXIT_ERROR;
  }
  const prog = result.program;
  const written = writeOutput(io, output, encodeProgram(prog.insns));
  if (!written.ok) { io.err(`bpfiddle asm: ${written.error}\n`); return EXIT_ERROR; }
  if (values.json) {
    const lines = disassembleLines(prog.insns, { maps: prog.maps });
    io.out(`${JSON.stringify({
      ok: true, file: label, output, progType: prog.progType,
      maps: prog.maps, labels: prog.labels,
      insns: lines.map((l) => ({ pc: l.pc, ...prog.insns[l.pc]!, line: prog.sourceMap[l.pc]?.line, text: l.text })),
    }, null, 2)}\n`);
  }
  return EXIT_OK;
}
