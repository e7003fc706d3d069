// The ELF fixtures: C sources in fixtures/, compiled afresh with clang's BPF target when clang is
// installed (into a temporary directory shared by the test files, rebuilt when a source changes),
// else the committed .o copies.

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync } from 'node:fs';
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

/** The build for the current sources: test files share it through a directory named after a hash
 * of the sources and the build script (built aside, then renamed into place, so parallel test
 * files never see half a build). */
function cachedBuild(): string {
  const hash = createHash('sha256');
  for (const f of readdirSync(FIXTURE_DIR).filter((n) => /\.(c|h)$/.test(n)).sort()) hash.update(f).update(readFileSync(join(FIXTURE_DIR, f)));
  hash.update(readFileSync(BUILD_SCRIPT));
  const final = join(tmpdir(), `bpfiddle-elf-fixtures-${hash.digest('hex').slice(0, 16)}`);
  if (existsSync(final)) return final;
  const out = mkdtempSync(join(tmpdir(), 'bpfiddle-elf-build-'));
  execFileSync(process.execPath, [BUILD_SCRIPT, out], { stdio: ['ignore', 'ignore', 'pipe'] });
  try {
    renameSync(out, final);
  } catch {
    rmSync(out, { recursive: true, force: true }); // another test file got there first
  }
  return final;
}

function fixtureDir(): string {
  if (dir) return dir;
  dir = FIXTURE_DIR;
  // BPFIDDLE_ELF_COMMITTED=1 tests the committed copies, as a machine without clang would.
  if (process.env.BPFIDDLE_ELF_COMMITTED) {
    console.log('BPFIDDLE_ELF_COMMITTED is set: using the committed .o fixtures');
  } else if (clangAvailable()) {
    try {
      dir = cachedBuild();
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
