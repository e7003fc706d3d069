// `bpfiddle disasm`: raw bytecode (or a hex dump of it) → text in the kernel's or LLVM's style.
// Structurally invalid slots are still printed (as the kernel or llvm-objdump would) and reported
// on stderr as warnings with the kernel's message, so a dump of garbage stays readable.

import { disassembleLines, type DisasmStyle } from '../../core/asm/disasm.js';
import type { MapDecl } from '../../core/asm/types.js';
import { isElf } from '../../core/elf/reader.js';
import { checkInsn, decodeProgram, encodeProgram, lddwValue } from '../../core/isa/insn.js';
import {
  EXIT_ERROR, EXIT_OK, looksLikeHex, parseCommandArgs, parseHex, readInput, usageError, type CliIO,
} from '../util.js';
import { objectProgram } from '../object-input.js';

export const name = 'disasm';
export const summary = 'disassemble raw eBPF bytecode in the kernel\'s or LLVM\'s syntax';
export const usage = `usage: bpfiddle disasm FILE [--style kernel|llvm] [--json] [--hex] [--section NAME]

Disassembles raw eBPF bytecode (8 bytes per instruction slot, little-endian). FILE may be - for
standard input. A hex dump (whitespace and 0x prefixes allowed) is recognised automatically;
--hex forces hex input. An ELF object (clang -target bpf) is recognised too: its program is
shown linked as libbpf loads it (sub-programs appended, maps by name).

options:
  --style kernel   the verifier log's syntax: "0: (b7) r0 = 0" (default)
  --style llvm     llvm-objdump's syntax, which llvm-mc also accepts: "r0 = 0"
  --json           print {"style", "insns": [{pc, code, dst, src, off, imm, text}]} instead
                   (an ld_imm64 also has "imm64", its 64-bit value as a decimal string)
  --hex            read FILE as hex text
  --section NAME   the program of an ELF object (section or function name); needed when it
                   holds several programs
`;

const STYLES: readonly DisasmStyle[] = ['kernel', 'llvm'];

export async function run(args: string[], io: CliIO): Promise<number> {
  const parsed = parseCommandArgs(args, {
    style: { type: 'string' }, json: { type: 'boolean' }, hex: { type: 'boolean' }, section: { type: 'string' },
  });
  if (!parsed.ok) return usageError(io, { name, usage }, parsed.error);
  if (parsed.help) { io.out(usage); return EXIT_OK; }
  const { values, positionals } = parsed;
  if (positionals.length !== 1) return usageError(io, { name, usage }, positionals.length ? 'expected one input file' : 'missing input file');
  const style = (values.style ?? 'kernel') as DisasmStyle;
  if (!STYLES.includes(style)) return usageError(io, { name, usage }, `unknown style '${values.style}' (expected kernel or llvm)`);
  const file = positionals[0]!;
  const label = file === '-' ? '<stdin>' : file;

  const input = await readInput(io, file);
  if (!input.ok) { io.err(`bpfiddle disasm: ${input.error}\n`); return EXIT_ERROR; }
  let bytes = input.data;
  let maps: MapDecl[] = [];
  if (!values.hex && isElf(bytes)) {
    const o = objectProgram(label, bytes, values.section);
    if (!o.ok) { io.err(`bpfiddle disasm: ${o.error}\n`); return EXIT_ERROR; }
    for (const w of o.value.warnings) io.err(`${label}: warning: ${w}\n`);
    bytes = encodeProgram(o.value.program.insns);
    maps = o.value.program.maps;
  } else if (values.section !== undefined) {
    io.err(`bpfiddle disasm: --section applies to ELF objects, and ${label} is not one\n`);
    return EXIT_ERROR;
  } else if (values.hex || looksLikeHex(bytes)) {
    const hex = parseHex(new TextDecoder('latin1').decode(bytes));
    if (!hex.ok) { io.err(`${label}: error: ${hex.error}\n`); return EXIT_ERROR; }
    bytes = hex.bytes;
  }
  const decoded = decodeProgram(bytes);
  if (!decoded.ok) { io.err(`${label}: error: ${decoded.error}\n`); return EXIT_ERROR; }
  const insns = decoded.insns;

  const lines = disassembleLines(insns, { style, maps });
  for (const l of lines) {
    const problem = checkInsn(insns, l.pc);
    if (problem) io.err(`${label}: warning: insn ${l.pc}: ${problem}\n`);
  }
  if (values.json) {
    const out = lines.map((l) => ({ pc: l.pc, ...insns[l.pc]!, ...(l.slots === 2 ? { imm64: lddwValue(insns[l.pc]!, insns[l.pc + 1]).toString() } : {}), text: l.text }));
    io.out(`${JSON.stringify({ style, insns: out }, null, 2)}\n`);
  } else {
    io.out(lines.map((l) => (style === 'llvm' ? l.text : `${l.pc}: ${l.text}`)).join('\n') + (lines.length ? '\n' : ''));
  }
  return EXIT_OK;
}

