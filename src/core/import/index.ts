// Importing programs from files (ELF objects as clang builds them, raw bytecode in binary or hex,
// pasted text) and exporting them again (raw bytecode, a libbpf-loadable ELF object). Pure: the
// caller reads and writes the bytes; everything here works on Uint8Array and returns values.

import type { AsmProgram, ProgTypeName } from '../asm/types.js';

/** One initial map element as lowercase hex (the shape of the worker protocol's MapEntryText). */
export interface ImportedMapEntry { key: string; value: string }

export interface ImportedProgram {
  /** Function name from the symbol table (or the section name). */
  name: string;
  /** ELF section, e.g. 'xdp', 'kprobe/do_sys_open' ('' for bytecode and text). */
  section: string;
  /** From the section name, as libbpf maps it (an unknown section: 'socket_filter' + a warning). */
  progType: ProgTypeName;
  /** bpfiddle assembly (.prog/.map directives + instructions; C source lines as `;` comments above
   * their instructions when BTF line info exists) that assembles to the same instructions and maps. */
  source: string;
  /** BTF line info: the C source line of the instruction at `pc` (slot index in `source`'s program). */
  lines?: { pc: number; file: string; line: number; text: string }[];
  /** Initial contents of global-data maps (.rodata, .data; .bss is all zero), by map name, in the
   * shape of the worker protocol's InitialMaps (key = 4-byte index 0, value = the section bytes). */
  initialMaps?: Record<string, ImportedMapEntry[]>;
}

export type ImportResult =
  | { ok: true; kind: 'elf' | 'bytecode' | 'text'; programs: ImportedProgram[]; warnings: string[] }
  | { ok: false; error: string };

/** Sniffs the content: ELF magic → object; otherwise hex text / raw binary bytecode (a multiple of
 * 8 bytes) / text (bpftool xlated, verifier log or assembly, returned as source). `name` is the file
 * name (for messages and the default program name). */
export function importFile(name: string, bytes: Uint8Array, opts?: { progType?: ProgTypeName }): ImportResult {
  void name; void bytes; void opts;
  return { ok: false, error: 'import is not implemented yet' };
}

export function importObject(bytes: Uint8Array): ImportResult {
  void bytes;
  return { ok: false, error: 'import is not implemented yet' };
}

/** Raw bytecode: 8-byte slots, little-endian, map references as the assembler emits them. */
export function exportBytecode(program: AsmProgram): Uint8Array {
  void program;
  return new Uint8Array(0);
}

/** An ELF object with the program in a libbpf section for its type, its maps as BTF-defined maps in
 * .maps (with BTF), license "GPL"; loadable by `bpftool prog load` and libbpf. */
export function exportObject(program: AsmProgram, opts?: { name?: string }): Uint8Array {
  void program; void opts;
  return new Uint8Array(0);
}
