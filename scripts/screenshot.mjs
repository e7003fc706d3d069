#!/usr/bin/env node
// Regenerates the README's pictures: builds, serves dist/ with Vite's preview server and captures
// the playground with Debian's Chromium. docs/screenshot.png is the debugger mid-run (dark);
// docs/debugger-verify.png the verifier's view of a rejected program; docs/debugger-light.png a
// finished run in the light theme. `node scripts/screenshot.mjs [OUT_DIR]` (default docs).
import { chromium } from '@playwright/test';
import { build, preview } from 'vite';

const outDir = process.argv[2] ?? 'docs';
await build({ logLevel: 'warn' });
const server = await preview({ preview: { host: '127.0.0.1', port: 0, strictPort: false }, logLevel: 'warn' });
const url = server.resolvedUrls?.local[0];
if (!url) throw new Error('vite preview did not report its URL');
const browser = await chromium.launch({
  executablePath: process.env.BPFIDDLE_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});

async function open(colorScheme) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 760 }, deviceScaleFactor: 1, colorScheme });
  const page = await context.newPage();
  await page.goto(url);
  await page.getByRole('table', { name: 'Assembled instructions' }).waitFor();
  await page.locator('.monaco-editor .view-lines').waitFor();
  if (colorScheme === 'light') await page.getByRole('button', { name: 'Switch to light theme' }).click();
  await page.evaluate(() => document.fonts.ready);
  return { page, context };
}

async function example(page, title) {
  await page.getByRole('button', { name: 'Examples' }).click();
  await page.getByRole('menuitem', { name: title }).click();
  await page.getByTestId('verdict').or(page.getByRole('tab', { name: 'Verifier' })).first().waitFor();
  await page.waitForTimeout(600);
}

async function steps(page, n) {
  for (let i = 0; i < n; i++) {
    await page.getByRole('button', { name: 'Step', exact: true }).click();
    await page.getByTestId('step-counter').filter({ hasText: `step ${i + 1} ` }).waitFor();
  }
}

try {
  {
    const { page, context } = await open('dark');
    await example(page, 'Packets per protocol (hash map)');
    await steps(page, 15);
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${outDir}/screenshot.png` });
    console.log(`wrote ${outDir}/screenshot.png`);
    await context.close();
  }
  {
    const { page, context } = await open('dark');
    await example(page, 'Rejected: missing NULL check');
    await page.getByRole('tab', { name: 'Verifier' }).click();
    await page.getByTestId('verdict').filter({ hasText: 'Rejected' }).waitFor();
    await page.getByRole('list', { name: 'Verifier log' }).getByRole('button', { name: /call bpf_map_lookup_elem/ }).first().click();
    await page.getByRole('table', { name: 'Register states' }).waitFor();
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${outDir}/debugger-verify.png` });
    console.log(`wrote ${outDir}/debugger-verify.png`);
    await context.close();
  }
  {
    const { page, context } = await open('light');
    await example(page, 'Packets per protocol (hash map)');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await page.getByRole('tab', { name: 'Output' }).click();
    await page.getByTestId('run-verdict').waitFor();
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${outDir}/debugger-light.png` });
    console.log(`wrote ${outDir}/debugger-light.png`);
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
