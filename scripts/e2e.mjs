#!/usr/bin/env node
// The Playwright e2e suite against the production build, in Debian's Chromium. Installs chromium
// with apt-get when it is missing and we are root; otherwise skips (visibly) without failing.
// Standalone (`npm run test:e2e`) it ends with the `tests: N passed, M failed, K skipped` line;
// scripts/test.mjs imports runE2e() and adds the counts to the unit tests'.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { run, summaryLine } from './lib.mjs';

const CHROMIUM = process.env.BPFIDDLE_CHROMIUM ?? '/usr/bin/chromium';

async function ensureChromium() {
  if (existsSync(CHROMIUM)) return true;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = existsSync('/usr/bin/apt-get');
  if (isRoot && hasApt && CHROMIUM === '/usr/bin/chromium') {
    console.log('e2e: /usr/bin/chromium is missing; installing it: apt-get update && apt-get install -y chromium');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    if ((await run('apt-get', ['update'], { env })) === 0) {
      await run('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], { env });
    }
  }
  return existsSync(CHROMIUM);
}

/** A TCP port nobody is listening on right now. */
function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Counts from Playwright's JSON report; a run that produced none counts as one failure. */
function countsFromReport(file, exitCode) {
  let stats;
  try {
    stats = JSON.parse(readFileSync(file, 'utf8')).stats;
  } catch {
    stats = undefined;
  }
  if (!stats) {
    console.error(`e2e: Playwright produced no report (exit code ${exitCode})`);
    return { passed: 0, failed: 1, skipped: 0 };
  }
  const counts = { passed: stats.expected + stats.flaky, failed: stats.unexpected, skipped: stats.skipped };
  // A crash outside any test (web server failed to start, a config error) still fails the run.
  if (exitCode !== 0 && counts.failed === 0) {
    console.error(`e2e: Playwright exited with code ${exitCode} without a failing test`);
    counts.failed = 1;
  }
  return counts;
}

/** Runs the e2e suite; extra args go to `playwright test`. */
export async function runE2e(extraArgs = []) {
  if (!(await ensureChromium())) {
    console.log("skipped: e2e tests — Debian's chromium not found (apt-get install chromium)");
    return { passed: 0, failed: 0, skipped: 0 };
  }
  const dir = mkdtempSync(join(tmpdir(), 'bpfiddle-e2e-'));
  const report = join(dir, 'playwright.json');
  try {
    const port = String(await freePort());
    const env = { ...process.env, BPFIDDLE_E2E_PORT: port, PLAYWRIGHT_JSON_OUTPUT_FILE: report };
    const code = await run('npx', ['playwright', 'test', '--reporter=list,json', ...extraArgs], { env });
    return countsFromReport(report, code);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const counts = await runE2e(process.argv.slice(2));
  console.log(summaryLine(counts));
  process.exitCode = counts.failed > 0 ? 1 : 0;
}
