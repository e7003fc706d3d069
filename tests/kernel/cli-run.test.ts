// `bpfiddle run --type T --data HEX --json` against the kernel: for the packet programs of the
// corpus, the CLI's "packet" must be the kernel's data_out and its "r0" the kernel's r0.

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect } from 'vitest';
import { assemble } from '../../src/core/asm/index.js';
import { main } from '../../src/cli/main.js';
import type { CliIO } from '../../src/cli/util.js';
import { runWide } from '../../tools/wide-r0.js';
import { hex, kernel, kernelIt } from './oracle.js';

const DIR = join(dirname(fileURLToPath(import.meta.url)), 'corpus');

async function cli(argv: string[], files: Record<string, string>): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIO = {
    out: (d) => { out += typeof d === 'string' ? d : Buffer.from(d).toString(); },
    err: (t) => { err += t; },
    readFile: (p) => {
      if (!(p in files)) throw new Error(`ENOENT: ${p}`);
      return new TextEncoder().encode(files[p]);
    },
    writeFile: () => { throw new Error('unexpected write'); },
    readStdin: async () => new Uint8Array(0),
  };
  const code = await main(argv, io);
  return { code, out, err };
}

const PROGRAMS: { file: string; type: 'xdp' | 'socket_filter' | 'sched_cls' }[] = [
  { file: 'xdp-swap-mac.s', type: 'xdp' },
  { file: 'xdp-parse-udp.s', type: 'xdp' },
  { file: 'xdp-words.s', type: 'xdp' },
  { file: 'socket-ld-abs.s', type: 'socket_filter' },
  { file: 'socket-ctx.s', type: 'socket_filter' },
  { file: 'tc-rewrite.s', type: 'sched_cls' },
];

describe('bpfiddle run --json against the 6.18 kernel', () => {
  kernelIt('prints the kernel\'s data_out as "packet" and its r0, for --type and --data', async () => {
    const wrong: string[] = [];
    let compared = 0;
    for (const p of PROGRAMS) {
      const text = readFileSync(join(DIR, p.file), 'utf8');
      const asm = assemble(text);
      if (!asm.ok) throw new Error(`${p.file} does not assemble`);
      // The CLI takes the type from --type; strip the .prog line so the flag is what decides.
      const source = text.replace(/^\.prog .*$/m, '');
      for (const m of text.matchAll(/^;\s*run:\s*data=([0-9a-f]+)\s*$/gm)) {
        const data = m[1]!;
        const k = await runWide(kernel(), { progType: p.type, insns: asm.program.insns, dataIn: new Uint8Array(Buffer.from(data, 'hex')) });
        const r = await cli(['run', 'prog.s', '--type', p.type, '--data', data, '--json'], { 'prog.s': source });
        const json = JSON.parse(r.out) as { exit: string; r0: string; packet: string | null };
        compared++;
        const kr0 = `0x${k.r0!.toString(16).padStart(16, '0')}`;
        if (r.code !== 0 || json.exit !== 'exit') wrong.push(`${p.file} ${data}: exit ${json.exit} (${r.err.trim()})`);
        if (json.r0 !== kr0) wrong.push(`${p.file} ${data}: r0 kernel ${kr0}, cli ${json.r0}`);
        if (json.packet !== hex(k.result.run!.dataOut)) wrong.push(`${p.file} ${data}: packet kernel ${hex(k.result.run!.dataOut)}, cli ${json.packet}`);
      }
    }
    console.log(`bpfiddle run: ${compared} runs compared with the kernel, ${wrong.length} disagreements`);
    expect(wrong).toEqual([]);
    expect(compared).toBeGreaterThan(8);
  });
});
