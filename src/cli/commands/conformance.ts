// `bpfiddle conformance DIR`: run the BPF ISA conformance suite (bpf_conformance's .data files) in
// the VM. Positive files must return their `-- result`; files under a `negative` directory must be
// rejected. Prints one line per failing file and a final tally.

import { readdirSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { assemble } from '../../core/asm/index.js';
import { evaluate, judge, parseConformance, type Assemble } from '../../core/vm/conformance.js';
import { EXIT_ERROR, EXIT_OK, parseCommandArgs, usageError, type CliIO } from '../util.js';

export const name = 'conformance';
export const summary = 'run the BPF ISA conformance suite (.data files) in the VM';
export const usage = `usage: bpfiddle conformance DIR [--verbose] [--engine auto|jit|switch|interp]

Runs every .data file under DIR (for example a bpf_conformance checkout's tests/ directory, or
a directory holding tests/ and negative/). Files under a directory named negative must be
rejected; all others must return their -- result in r0. Prints one line per failing file, then
"N passed, M failed". Exit status 0 when every file passes.

options:
  --verbose        also print a line for each passing file
  --engine E       auto (default), jit (generated code), switch (the int32 interpreter) or
                   interp (the reference interpreter)
`;

const toAssemble: Assemble = (src) => {
  const r = assemble(src);
  return r.ok
    ? { ok: true, insns: r.program.insns, lines: r.program.sourceMap.map((s) => s.line) }
    : { ok: false, error: r.errors.map((e) => `line ${e.line}: ${e.message}`).join('; ') };
};

function dataFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const p = join(dir, entry);
    if (statSync(p).isDirectory()) out.push(...dataFiles(p));
    else if (entry.endsWith('.data')) out.push(p);
  }
  return out;
}

export async function run(args: string[], io: CliIO): Promise<number> {
  const parsed = parseCommandArgs(args, { verbose: { type: 'boolean', short: 'v' }, engine: { type: 'string' } });
  if (!parsed.ok) return usageError(io, { name, usage }, parsed.error);
  if (parsed.help) { io.out(usage); return EXIT_OK; }
  const { values, positionals } = parsed;
  if (positionals.length !== 1) return usageError(io, { name, usage }, positionals.length ? 'expected one directory' : 'missing directory');
  const engine = (values.engine ?? 'auto') as 'auto' | 'jit' | 'switch' | 'interp';
  if (!['auto', 'jit', 'switch', 'interp'].includes(engine)) return usageError(io, { name, usage }, `unknown engine '${values.engine}'`);
  const dir = positionals[0]!;
  let files: string[];
  try {
    if (!statSync(dir).isDirectory()) return usageError(io, { name, usage }, `${dir} is not a directory`);
    files = dataFiles(dir);
  } catch {
    io.err(`bpfiddle conformance: ${dir}: no such directory\n`);
    return EXIT_ERROR;
  }
  let passed = 0;
  let failed = 0;
  for (const f of files) {
    const rel = relative(dir, f) || basename(f);
    const negative = relative(dir, f).split(/[\\/]/).slice(0, -1).includes('negative') || basename(dir) === 'negative';
    let text: string;
    try {
      text = new TextDecoder().decode(io.readFile(f));
    } catch (e) {
      failed++;
      io.out(`FAIL ${rel}: ${(e as Error).message}\n`);
      continue;
    }
    const c = parseConformance(text);
    const verdict = c.ok
      ? judge(c.value, evaluate(c.value, toAssemble, engine), negative)
      : { pass: negative, detail: c.error };
    if (verdict.pass) {
      passed++;
      if (values.verbose) io.out(`ok   ${rel}: ${verdict.detail}\n`);
    } else {
      failed++;
      io.out(`FAIL ${rel}: ${verdict.detail}\n`);
    }
  }
  io.out(`${passed} passed, ${failed} failed\n`);
  return failed === 0 && passed > 0 ? EXIT_OK : EXIT_ERROR;
}
