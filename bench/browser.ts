// The production build in Debian's Chromium, for the suites that measure in a real browser (ui,
// and the verifier's browser worker): build with Vite into a temporary directory, serve it with
// `vite preview` on a free port, launch Chromium as the e2e tests do, and tidy all of it up after.

import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from '@playwright/test';

export const CHROMIUM = process.env.BPFIDDLE_CHROMIUM ?? '/usr/bin/chromium';
const LAUNCH_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** Whether Chromium is there to launch (the suites print `skipped: …` otherwise). */
export const chromiumAvailable = (): boolean => existsSync(CHROMIUM);

/** Build the app into a fresh temporary directory (named after `label`), give it to `use`, then
 * delete it. */
export async function withProductionBuild<T>(label: string, use: (outDir: string) => Promise<T>): Promise<T> {
  const { build } = await import('vite');
  const outDir = mkdtempSync(join(tmpdir(), `bpfiddle-bench-${label}-`));
  try {
    await build({ logLevel: 'error', build: { outDir, emptyOutDir: true } });
    return await use(outDir);
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

/** Serve a build on localhost and launch Chromium; `use` gets the base URL (ending in `/`) and the
 * browser. Both are closed afterwards, whatever `use` does. */
export async function withServedBrowser<T>(outDir: string, use: (url: string, browser: Browser) => Promise<T>): Promise<T> {
  const { preview } = await import('vite');
  const server = await preview({ build: { outDir }, preview: { host: '127.0.0.1', port: 0, strictPort: false }, logLevel: 'error' });
  try {
    const url = server.resolvedUrls?.local[0];
    if (!url) throw new Error('vite preview did not report its URL');
    const { chromium } = await import('@playwright/test');
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
    try {
      return await use(url, browser);
    } finally {
      await browser.close();
    }
  } finally {
    await new Promise<void>((r) => server.httpServer.close(() => r()));
  }
}
