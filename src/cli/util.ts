// Shared pieces of the `bpfiddle` command line: the command contract, the I/O seam (so commands
// never touch process.* directly), argument parsing with usage errors as values, input reading
// (files, `-` for stdin, hex text) and the compiler-style diagnostic printer.

import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** Exit codes: success, an error the user's input caused, a malformed command line. */
export const EXIT_OK = 0;
export const EXIT_ERROR = 1;
export const EXIT_USAGE = 2;

export interface CliIO {
  /** Write to standard output (text or raw bytes). */
  out(data: string | Uint8Array): void;
  /** Write to standard error. */
  err(text: string): void;
  readFile(path: string): Uint8Array;
  writeFile(path: string, data: string | Uint8Array): void;
  readStdin(): Promise<Uint8Array>;
}

/** One `bpfiddle <name>` subcommand; each module in commands/ exports these four. */
export interface Command {
  readonly name: string;
  /** One line for `bpfiddle --help`. */
  readonly summary: string;
  /** The full usage text for `bpfiddle <name> --help`. */
  readonly usage: string;
  run(args: string[], io: CliIO): Promise<number>;
}

export function nodeIO(): CliIO {
  // `bpfiddle disasm big.bin | head` closes the pipe early; that is not an error worth a stack trace.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
  return {
    out: (data) => { process.stdout.write(data); },
    err: (text) => { process.stderr.write(text); },
    readFile: (path) => new Uint8Array(readFileSync(path)),
    writeFile: (path, data) => { writeFileSync(path, data); },
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const c of process.stdin) chunks.push(c as Buffer);
      return new Uint8Array(Buffer.concat(chunks));
    },
  };
}

type Options = NonNullable<ParseArgsConfig['options']>;
export type Parsed<O extends Options> = ReturnType<typeof parseArgs<{ options: O; allowPositionals: true; strict: true }>>;

/**
 * Parses a command's arguments strictly (unknown options are usage errors). `--help`/`-h` is
 * always accepted; the caller sees it as `help: true`.
 */
export function parseCommandArgs<O extends Options>(
  args: string[], options: O,
): { ok: true; help: boolean; values: Parsed<O>['values']; positionals: string[] } | { ok: false; error: string } {
  const all = { ...options, help: { type: 'boolean', short: 'h' } } as O;
  let parsed: Parsed<O>;
  try {
    parsed = parseArgs({ args, options: all, allowPositionals: true, strict: true });
  } catch (e) {
    // node:util reports bad command lines by throwing; turn that into a value here, once.
    return { ok: false, error: (e as Error).message };
  }
  const values = parsed.values as Parsed<O>['values'] & { help?: boolean };
  return { ok: true, help: values.help === true, values, positionals: parsed.positionals };
}

/** Prints a usage error and the command's usage; returns EXIT_USAGE. */
export function usageError(io: CliIO, cmd: Pick<Command, 'name' | 'usage'>, message: string): number {
  io.err(`bpfiddle ${cmd.name}: ${message}\n\n${cmd.usage.trimEnd()}\n`);
  return EXIT_USAGE;
}

/** Reads a command's input: a path, or `-` for standard input. Errors are values. */
export async function readInput(io: CliIO, path: string): Promise<{ ok: true; data: Uint8Array } | { ok: false; error: string }> {
  if (path === '-') return { ok: true, data: await io.readStdin() };
  try {
    return { ok: true, data: io.readFile(path) };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : (e as Error).message;
    return { ok: false, error: `${path}: ${why}` };
  }
}

/** Writes an output file, turning file-system failures into a value. */
export function writeOutput(io: CliIO, path: string, data: string | Uint8Array): { ok: true } | { ok: false; error: string } {
  try {
    if (path === '-') io.out(data);
    else io.writeFile(path, data);
    return { ok: true };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such directory' : code === 'EACCES' ? 'permission denied' : (e as Error).message;
    return { ok: false, error: `${path}: ${why}` };
  }
}

const HEX_TEXT = /^(?:\s|0x|[0-9a-fA-F])*$/;

/** True when the bytes look like a hex dump rather than raw bytecode. */
export function looksLikeHex(data: Uint8Array): boolean {
  if (data.length === 0) return false;
  const text = new TextDecoder('latin1').decode(data);
  if (!HEX_TEXT.test(text)) return false;
  // Raw bytecode can, rarely, consist of hex-digit bytes only; a hex dump nearly always has spaces or
  // newlines, or a length raw bytecode cannot have.
  return /\s/.test(text) || data.length % 8 !== 0;
}

/** Parses hex text (whitespace and `0x` prefixes allowed) into bytes. */
export function parseHex(text: string): { ok: true; bytes: Uint8Array } | { ok: false; error: string } {
  const digits = text.replace(/0x/gi, '').replace(/\s+/g, '');
  if (!/^[0-9a-fA-F]*$/.test(digits)) return { ok: false, error: 'not hex text' };
  if (digits.length % 2 !== 0) return { ok: false, error: `odd number of hex digits (${digits.length})` };
  const bytes = new Uint8Array(digits.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(digits.slice(2 * i, 2 * i + 2), 16);
  return { ok: true, bytes };
}

export interface Diagnostic {
  line: number;
  col: number;
  endCol: number;
  message: string;
  hint?: string;
}

/**
 * Formats diagnostics the way compilers do, so editors and terminals recognise them:
 *   prog.s:12:5: error: message
 *   r11 = 1
 *   ^~~
 *   prog.s:12:5: note: hint
 * The caret line copies the source line's tabs so the marker lines up under tab-indented code.
 */
export function formatDiagnostics(file: string, source: string, diags: readonly Diagnostic[]): string {
  const lines = source.split(/\r?\n/);
  let out = '';
  for (const d of diags) {
    const where = `${file}:${d.line}:${d.col}`;
    out += `${where}: error: ${d.message}\n`;
    const text = lines[d.line - 1];
    if (text !== undefined) {
      const start = Math.max(1, Math.min(d.col, text.length + 1));
      const width = Math.max(1, Math.min(d.endCol, text.length + 1) - start);
      const pad = text.slice(0, start - 1).replace(/[^\t]/g, ' ');
      out += `${text}\n${pad}^${'~'.repeat(width - 1)}\n`;
    }
    if (d.hint) out += `${where}: note: ${d.hint}\n`;
  }
  return out;
}

/** The diagnostics and the compiler's closing count (`2 errors generated.`), as every command that
 * assembles prints them. */
export function formatAssemblyErrors(file: string, source: string, diags: readonly Diagnostic[]): string {
  return `${formatDiagnostics(file, source, diags)}${diags.length} error${diags.length === 1 ? '' : 's'} generated.\n`;
}

/** `prog.s` → `prog.bin`; `prog` → `prog.bin`. */
export function defaultOutputPath(input: string): string {
  const slash = Math.max(input.lastIndexOf('/'), input.lastIndexOf('\\'));
  const dot = input.lastIndexOf('.');
  return (dot > slash + 1 ? input.slice(0, dot) : input) + '.bin';
}
