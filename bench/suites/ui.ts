// The playground in a real browser: Playwright drives the production build (vite build + preview)
// in Debian's Chromium, as the e2e tests do. Measures time to interactive on localhost, how long a
// step takes to reach the screen on a 10,000-instruction program (click → panes painted), timeline
// seeks over a 1,000,000-step run, and the initial JavaScript (gzip) without Monaco's chunks.
// Without Chromium it prints why and measures only the bundle.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { CHROMIUM, chromiumAvailable, withProductionBuild, withServedBrowser } from '../browser.js';
import type { BenchMetric, BenchSuite } from '../harness.js';

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const p95 = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))]!;

/** A straight-line program of `n` instructions touching registers, the stack and a map. */
export function bigProgram(n: number): string {
  const lines = ['.prog xdp', '.map counts array key=4 value=8 max_entries=4', 'r1 = 0', '*(u32 *)(r10 - 4) = r1', 'r1 = counts ll',
    'r2 = r10', 'r2 += -4', 'call bpf_map_lookup_elem', 'if r0 == 0 goto out', 'r6 = r0', 'r7 = 0'];
  let count = 11;
  for (let i = 0; count < n - 4; i++, count += 2) {
    lines.push(`r7 += ${(i % 97) + 1}`);
    lines.push(i % 3 === 0 ? `*(u64 *)(r6 + 0) = r7` : `*(u64 *)(r10 - ${8 * ((i % 60) + 2)}) = r7`);
  }
  lines.push('out:', 'r0 = 2', 'exit');
  return lines.join('\n');
}

function initialJsGzip(outDir: string): { total: number; files: string[] } {
  const html = readFileSync(join(outDir, 'index.html'), 'utf8');
  const refs = [...html.matchAll(/(?:src|href)="\.?\/?(assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
  const files = [...new Set(refs)].filter((f) => !/monaco/i.test(f));
  const total = files.reduce((n, f) => n + gzipSync(readFileSync(join(outDir, f))).length, 0);
  return { total, files };
}

/** Click Step; resolve with the times until the panes were updated (React committed the new step
 * to the DOM) and until the next frame after that was painted. */
const STEP_ONCE = `new Promise((resolve) => {
  const counter = document.querySelector('[data-testid="step-counter"]');
  const step = [...document.querySelectorAll('.toolbar button')].find((b) => b.textContent === 'Step');
  const before = counter.textContent;
  const obs = new MutationObserver(() => {
    if (counter.textContent === before) return;
    obs.disconnect();
    const dom = performance.now() - t0;
    requestAnimationFrame(() => setTimeout(() => resolve({ dom, paint: performance.now() - t0 }), 0));
  });
  obs.observe(counter, { childList: true, subtree: true, characterData: true });
  const t0 = performance.now();
  step.click();
})`;

/** Move the timeline to step n and resolve with the time until the Registers pane shows it. */
const SEEK_TO = `(n) => new Promise((resolve) => {
  const slider = document.querySelector('input[aria-label="Timeline"]');
  const counter = document.querySelector('[data-testid="reg-step"]');
  const want = 'step ' + n;
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
  const t0 = performance.now();
  setter.call(slider, String(n));
  slider.dispatchEvent(new Event('input', { bubbles: true }));
  const poll = () => { if (counter.textContent === want) requestAnimationFrame(() => resolve(performance.now() - t0)); else requestAnimationFrame(poll); };
  poll();
})`;

async function measureAll(): Promise<BenchMetric[]> {
  const out: BenchMetric[] = [];
  const m = (name: string, value: number, unit: string, target?: string, ok?: boolean): void => {
    out.push({ suite: 'ui', name, value, unit, ...(target ? { target } : {}), ...(ok !== undefined ? { ok } : {}) });
    process.stderr.write(`  ui ${name}: ${value.toFixed(1)} ${unit}${target ? ` (target ${target})` : ''}\n`);
  };
  await withProductionBuild('ui', async (outDir) => {
    const js = initialJsGzip(outDir);
    m('initial JS without Monaco (gzip)', js.total / 1024, 'kB', '< 400 kB', js.total < 400 * 1024);
    if (!chromiumAvailable()) {
      console.log(`skipped: ui browser metrics — Chromium not found at ${CHROMIUM} (apt-get install chromium)`);
      return;
    }
    await withServedBrowser(outDir, async (url, browser) => {
      // Time to interactive: a fresh browser context (cold cache) until the editor shows the text,
      // the listing is there and the worker has answered (the verdict is in).
      const tti: number[] = [];
      for (let i = 0; i < 5; i++) {
        const ctx = await browser.newContext({ viewport: { width: 1280, height: 760 } });
        const page = await ctx.newPage();
        await page.goto(url);
        await page.waitForFunction(() => {
          const ready = document.querySelector('.monaco-editor .view-lines')?.textContent?.includes('exit')
            && document.querySelector('table[aria-label="Assembled instructions"]')
            && document.querySelector('.tab .dot.ok');
          return ready ? performance.now() : false;
        }, undefined, { polling: 'raf', timeout: 30_000 }).then((h) => h.jsonValue()).then((t) => tti.push(Number(t)));
        await ctx.close();
      }
      m('time to interactive (median of 5, cold)', median(tti), 'ms', '< 1500 ms', median(tti) < 1500);

      const ctx = await browser.newContext({ viewport: { width: 1280, height: 760 } });
      const page = await ctx.newPage();
      await page.goto(url);
      await page.locator('.monaco-editor .view-lines').waitFor();
      const setSource = async (text: string): Promise<void> => {
        await page.evaluate((t) => {
          const w = window as unknown as { monaco: { editor: { getModels(): { setValue(v: string): void }[] } } };
          w.monaco.editor.getModels()[0]!.setValue(t);
        }, text);
      };
      // In-page code is passed as text: the bundler that runs this file (tsx) would otherwise add
      // helpers (__name) the page does not have.
      const stepOnce = (): Promise<{ dom: number; paint: number }> => page.evaluate(STEP_ONCE) as Promise<{ dom: number; paint: number }>;

      // Per-step update on a 10,000-instruction program.
      await setSource(bigProgram(10_000));
      await page.waitForFunction(() => /\b(9\d{3}|10\d{3}) insns/.test(document.querySelector('[data-testid="program-summary"]')?.textContent ?? ''), undefined, { timeout: 30_000 });
      for (let i = 0; i < 5; i++) await stepOnce(); // warm-up (starts the session)
      const steps: { dom: number; paint: number }[] = [];
      for (let i = 0; i < 60; i++) steps.push(await stepOnce());
      const dom = steps.map((x) => x.dom);
      const paint = steps.map((x) => x.paint);
      m('step → panes updated, 10k-insn program (median)', median(dom), 'ms', '< 16 ms', median(dom) < 16);
      m('step → panes updated, 10k-insn program (p95)', p95(dom), 'ms');
      m('step → next frame painted, 10k-insn program (median)', median(paint), 'ms');

      // Timeline seeks across a 1,000,000-step run.
      await setSource('.prog xdp\nr0 = 0\nl:\nr0 += 1\ngoto l\nexit\n');
      await page.waitForFunction(() => /\b4 insns/.test(document.querySelector('[data-testid="program-summary"]')?.textContent ?? ''));
      await page.getByRole('button', { name: 'Run', exact: true }).click();
      await page.getByTestId('step-counter').filter({ hasText: '1,000,000 /' }).waitFor({ timeout: 60_000 });
      const seeks: number[] = [];
      for (let i = 1; i <= 20; i++) {
        const target = (i * 48_611) % 1_000_000;
        const t = (await page.evaluate(`(${SEEK_TO})(${target})`)) as number;
        seeks.push(t);
      }
      m('timeline seek in a 1M-step run (median)', median(seeks), 'ms');
      m('timeline seek in a 1M-step run (p95)', p95(seeks), 'ms');
      await ctx.close();
    });
  });
  return out;
}

export const suite: BenchSuite = { name: 'ui', cases: [], metrics: measureAll };
