// The ELF fixtures: C sources in fixtures/, compiled afresh with clang's BPF target when clang is
// installed (into a temporary directory, once per test file), else the committed .o copies.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const FIXTURE_DIR = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');
const BUILD_SCRIPT = join(dirname(fileURLToPath(import.meta.url)), '../../tools/elf/build-fixtures.mjs');

function clangAvailable(): boolean {
  try {
    execFileSync('clang', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

let dir: string | undefined;

/** Where the .o files come from in this run: 'clang' (compiled now) or 'committed'. */
export let fixtureOrigin: 'clang' | 'committed' = 'committed';

function fixtureDir(): string {
  if (dir) return dir;
  dir = FIXTURE_DIR;
  if (clangAvailable()) {
    const out = mkdtempSync(join(tmpdir(), 'bpfiddle-elf-'));
    try {
      execFileSync(process.execPath, [BUILD_SCRIPT, out], { stdio: ['ignore', 'ignore', 'pipe'] });
      dir = out;
      fixtureOrigin = 'clang';
    } catch (e) {
      console.log(`clang failed on the fixtures, using the committed .o files: ${(e as Error).message}`);
    }
  } else {
    console.log('clang is not installed: using the committed .o fixtures');
  }
  return dir;
}

/** The bytes of fixtures/NAME.o. */
export function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(fixtureDir(), `${name}.o`)));
}

/** The path of fixtures/NAME.o (for tools that read files, such as bpftool). */
export function fixturePath(name: string): string {
  return join(fixtureDir(), `${name}.o`);
}
