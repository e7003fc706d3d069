#!/usr/bin/env node
// `npm start`: the dev server, opening the playground in a browser when there is one to open.
// Vite's --open runs xdg-open, which on a machine without a desktop either fails noisily or starts
// a text-mode browser in this terminal; there we only print the URL.
import { run } from './lib.mjs';

const env = { ...process.env };
const headless = process.platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY;
if (headless && !env.BROWSER) {
  env.BROWSER = 'none';
  console.log('No desktop session found: open the URL below in your browser.');
}
process.exitCode = await run('npx', ['vite', '--open', ...process.argv.slice(2)], { env });
