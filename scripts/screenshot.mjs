#!/usr/bin/env node
// Regenerates docs/screenshot.png (the README's picture): builds, serves dist/ with Vite's
// preview server, and captures the playground in the dark theme with Debian's Chromium.
import { chromium } from '@playwright/test';
import { build, preview } from 'vite';

const out = process.argv[2] ?? 'docs/screenshot.png';
await build({ logLevel: 'warn' });
const server = await preview({ preview: { host: '127.0.0.1', port: 0, strictPort: false }, logLevel: 'warn' });
const url = server.resolvedUrls?.local[0];
if (!url) throw new Error('vite preview did not report its URL');
const browser = await chromium.launch({
  executablePath: process.env.BPFIDDLE_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 }, deviceScaleFactor: 1, colorScheme: 'dark' });
  await page.goto(url);
  await page.getByRole('table', { name: 'Assembled instructions' }).waitFor();
  await page.locator('.monaco-editor .view-lines').waitFor();
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: out });
  console.log(`wrote ${out}`);
} finally {
  await browser.close();
  await server.close();
}
