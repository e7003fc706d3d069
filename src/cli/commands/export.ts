// `bpfiddle export`: any program bpfiddle imports (assembly, an ELF object's program, raw or hex
// bytecode, bpftool's xlated dump) written out as an ELF object libbpf loads, as raw bytecode, or
// as bpfiddle assembly (with C source lines as comments for objects built with -g).

import { assemble, PROG_TYPE_ALIASES, PROG_TYPE_NAMES, type ProgTypeName } from '../../core/asm/index.js';
import { exportBytecode, exportObject, importFile } from '../../core/import/index.js';
import {
  EXIT_ERROR, EXIT_OK, defaultOutputPath, formatAssemblyErrors, parseCommandArgs, readInput, usageError, writeOutput, type CliIO,
} from '../util.js';
import { pickProgram } from '../object-input.js';

export const name = 'export';
export const summary = 'convert a program to an ELF object (for bpftool/libbpf), raw bytecode or assembly';
export const usage = `usage: bpfiddle export FILE [--format elf|bin|asm] [-o OUT] [--section NAME] [--type T]

Reads FILE (assembly source, an ELF object, raw or hex bytecode, bpftool's xlated dump, or - for
standard input) and writes the program as:
  elf   a relocatable BPF object: the program in its object's section (kprobe/do_sys_openat2)
        or the libbpf section for its type (xdp, tc, socket, kprobe, ...), bpf-to-bpf callees
        in .text, maps as BTF-defined maps in .maps, maps read by value as global data
        (.rodata/.data/.bss), BTF func and line info (C source lines, when FILE is an object
        built with -g), license "GPL". Load it with
        \`bpftool prog load OUT /sys/fs/bpf/NAME\` or libbpf's bpf_object__open_file().
  bin   raw bytecode: 8-byte little-endian instruction slots; map loads keep the map's index
  asm   bpfiddle assembly (.prog, .map and one instruction per line; C source lines as comments)

options:
  --format F        elf (default), bin or asm
  -o, --output OUT  where to write (default: FILE with its extension replaced by .o, .bin or .s;
                    FILE.out.o when that is FILE itself); - writes to standard output
  --section NAME    the program of an ELF object (section or function name); needed when it
                    holds several programs
  --type T          program type for input without one (bytecode, text without .prog):
                    ${PROG_TYPE_NAMES.join(', ')}
`;

const EXT = { elf: '.o', bin: '.bin', asm: '.s' } as const;
type Format = keyof typeof EXT;

export async function run(args: string[], io: CliIO): Promise<number> {
  const parsed = parseCommandArgs(args, {
    format: { type: 'string' }, output: { type: 'string', short: 'o' }, section: { type: 'string' }, type: { type: 'string' },
  });
  if (!parsed.ok) return usageError(io, { name, usage }, parsed.error);
  if (parsed.help) { io.out(usage); return EXIT_OK; }
  const { values, positionals } = parsed;
  if (positionals.length !== 1) return usageError(io, { name, usage }, positionals.length ? 'expected one input file' : 'missing input file');
  const format = (values.format ?? 'elf') as Format;
  if (!Object.hasOwn(EXT, format)) return usageError(io, { name, usage }, `--format takes elf, bin or asm, not '${values.format}'`);
  let progType: ProgTypeName | undefined;
  if (values.type !== undefined) {
    const t = PROG_TYPE_ALIASES[values.type] ?? values.type;
    if (!(PROG_TYPE_NAMES as readonly string[]).includes(t)) return usageError(io, { name, usage }, `unknown program type '${values.type}'`);
    progType = t as ProgTypeName;
  }
  const file = positionals[0]!;
  const label = file === '-' ? '<stdin>' : file;
  const input = await readInput(io, file);
  if (!input.ok) { io.err(`bpfiddle export: ${input.error}\n`); return EXIT_ERROR; }
  const imported = importFile(label, input.data, progType ? { progType } : {});
  if (!imported.ok) { io.err(`bpfiddle export: ${imported.error}\n`); return EXIT_ERROR; }
  for (const w of imported.warnings) io.err(`${label}: warning: ${w}\n`);
  const chosen = pickProgram(imported.programs, values.section);
  if (!chosen.ok) { io.err(`bpfiddle export: ${label} ${chosen.error}\n`); return EXIT_ERROR; }
  const p = chosen.program;

  const a = assemble(p.source);
  if (!a.ok) {
    io.err(formatAssemblyErrors(label, p.source, a.errors));
    return EXIT_ERROR;
  }
  const program = progType && imported.kind !== 'text' ? { ...a.program, progType } : a.program;
  const data = format === 'asm' ? p.source
    : format === 'bin' ? exportBytecode(program)
      : exportObject(program, {
        name: p.name, section: p.section, lines: p.lines, source: p.source, ...(p.initialMaps ? { initialMaps: p.initialMaps } : {}),
      });
  let output = values.output ?? (file === '-' ? `a${EXT[format]}` : defaultOutputPath(file).replace(/\.bin$/, EXT[format]));
  if (values.output === undefined && output === file) output = `${file}.out${EXT[format]}`;
  const written = writeOutput(io, output, data);
  if (!written.ok) { io.err(`bpfiddle export: ${written.error}\n`); return EXIT_ERROR; }
  if (output !== '-') io.err(`wrote ${output}\n`);
  return EXIT_OK;
}
