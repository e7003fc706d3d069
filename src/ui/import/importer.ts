// The page's side of importing a file: bytes → the core's importFile → what the page shows (one
// program to load, or several to choose from, or an error naming what is wrong). Loaded lazily by
// the Open button and the drop zone, so the ELF reader stays out of the page's first download; the
// parse is cheap enough for the main thread.
import { assemble } from '../../core/asm/index.js';
import { importFile, type ImportedProgram } from '../../core/import/index.js';
import { instructionCount } from '../panes/program/listing.js';

/** Files larger than this are refused before parsing (eBPF objects are kilobytes). */
export const MAX_IMPORT_BYTES = 16 * 1024 * 1024;

/** A program found in a file, with what the picker shows about it. */
export interface Candidate {
  program: ImportedProgram;
  /** Instructions as the Program pane counts them (ld_imm64 once), or null when it does not assemble. */
  insns: number | null;
}

export type Opened =
  | { ok: true; fileName: string; kind: 'elf' | 'bytecode' | 'text'; candidates: Candidate[]; warnings: string[] }
  | { ok: false; fileName: string; error: string };

export function openBytes(fileName: string, bytes: Uint8Array): Opened {
  if (bytes.length === 0) return { ok: false, fileName, error: 'the file is empty' };
  if (bytes.length > MAX_IMPORT_BYTES) {
    return { ok: false, fileName, error: `the file is too large (${(bytes.length / 1048576).toFixed(1)} MB; at most ${MAX_IMPORT_BYTES / 1048576} MB)` };
  }
  let r;
  try {
    r = importFile(fileName, bytes);
  } catch (e) {
    // A bug in the reader must not cost the user their work: report it like a bad file.
    return { ok: false, fileName, error: `internal error while reading it (${e instanceof Error ? e.message : String(e)})` };
  }
  // The page names the file itself; the reader's messages may start with the name too.
  if (!r.ok) return { ok: false, fileName, error: r.error.startsWith(`${fileName}: `) ? r.error.slice(fileName.length + 2) : r.error };
  if (r.programs.length === 0) return { ok: false, fileName, error: 'it holds no eBPF program' };
  const candidates = r.programs.map((program) => {
    const a = assemble(program.source);
    return { program, insns: a.ok ? instructionCount(a.program.insns) : null };
  });
  return { ok: true, fileName, kind: r.kind, candidates, warnings: r.warnings };
}
