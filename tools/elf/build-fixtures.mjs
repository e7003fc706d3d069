#!/usr/bin/env node
// Compiles the ELF test fixtures (tests/elf/fixtures/*.c) with clang's BPF target, as a user would
// (`clang -O2 -g -target bpf -c`), into tests/elf/fixtures/*.o. The .o files are committed so the
// tests run where clang is absent; tests/elf/fixtures.ts compiles afresh when clang is installed.
// usage: node tools/elf/build-fixtures.mjs [OUTDIR]   (default: next to the sources)

import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { arch } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../../tests/elf/fixtures');

/** Debian keeps asm/types.h under the multiarch include directory. */
export function clangArgs(src, out) {
  const multiarch = { x64: 'x86_64', arm64: 'aarch64' }[arch()] ?? arch();
  return ['-O2', '-g', '-target', 'bpf', `-I/usr/include/${multiarch}-linux-gnu`, '-c', src, '-o', out];
}

export function buildFixtures(outDir = SRC) {
  const built = [];
  for (const f of readdirSync(SRC).filter((n) => n.endsWith('.c')).sort()) {
    const out = join(outDir, f.replace(/\.c$/, '.o'));
    execFileSync('clang', clangArgs(join(SRC, f), out), { stdio: 'inherit' });
    built.push(out);
  }
  return built;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const f of buildFixtures(process.argv[2] ? resolve(process.argv[2]) : SRC)) console.log(f);
}
