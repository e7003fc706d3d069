// The kernel side of the maps differential tests: builds tools/maps/mapctl.c with gcc on demand
// (into tools/build/, rebuilt when the source is newer) and runs command scripts through it, one
// process per script so that every script starts with fresh maps. Node-only.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SOURCE = join(root, 'tools', 'maps', 'mapctl.c');
const BUILD_DIR = join(root, 'tools', 'build');
export const MAPCTL_PATH = join(BUILD_DIR, 'mapctl');

type Availability = { ok: true } | { ok: false; why: string };

function ensureMapctl(): Availability {
  if (!existsSync(SOURCE)) return { ok: false, why: `mapctl source missing: ${SOURCE}` };
  if (existsSync(MAPCTL_PATH) && statSync(MAPCTL_PATH).mtimeMs >= statSync(SOURCE).mtimeMs) return { ok: true };
  mkdirSync(BUILD_DIR, { recursive: true });
  const tmp = `${MAPCTL_PATH}.${process.pid}.tmp`;
  const cc = spawnSync('gcc', ['-O2', '-Wall', '-o', tmp, SOURCE], { encoding: 'utf8' });
  if (cc.error) return { ok: false, why: `gcc not runnable: ${cc.error.message}` };
  if (cc.status !== 0) return { ok: false, why: `gcc failed: ${cc.stderr.trim()}` };
  renameSync(tmp, MAPCTL_PATH); // atomic: a parallel worker never runs half a binary
  return { ok: true };
}

let availability: Availability | undefined;

/** Whether real kernel maps can be driven here (Linux, gcc, bpf() allowed). Cached. */
export function mapsKernelAvailable(): Availability {
  if (availability) return availability;
  if (process.platform !== 'linux') return (availability = { ok: false, why: `not Linux (${process.platform})` });
  const built = ensureMapctl();
  if (!built.ok) return (availability = built);
  const r = spawnSync(MAPCTL_PATH, [], { input: 'create 2 4 4 1 0\n', encoding: 'utf8', timeout: 10_000 });
  if (r.error) return (availability = { ok: false, why: `mapctl not runnable: ${r.error.message}` });
  const answer = r.stdout.split('\n')[0] ?? '';
  if (!answer.startsWith('ok ')) return (availability = { ok: false, why: `bpf(BPF_MAP_CREATE) failed: ${answer} (need root or CAP_BPF)` });
  return (availability = { ok: true });
}

/** Runs one script (fresh process, fresh maps) and returns one answer line per command. */
export function runMapctl(lines: readonly string[]): string[] {
  const r = spawnSync(MAPCTL_PATH, [], { input: lines.join('\n') + '\n', encoding: 'utf8', timeout: 60_000, maxBuffer: 1 << 28 });
  if (r.error) throw r.error;
  const out = r.stdout.split('\n');
  out.pop();
  if (out.length !== lines.length) throw new Error(`mapctl answered ${out.length} lines for ${lines.length} commands: ${r.stderr}`);
  return out;
}

/** The number of possible CPUs, which sizes per-CPU values and LRU lists. */
export function possibleCpus(): number {
  try {
    const m = /^(\d+)-(\d+)/.exec(readFileSync('/sys/devices/system/cpu/possible', 'utf8'));
    return m ? Number(m[2]) + 1 : 1;
  } catch {
    return 1;
  }
}
