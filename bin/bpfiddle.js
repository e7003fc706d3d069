#!/usr/bin/env node
// The `bpfiddle` executable: runs the TypeScript CLI (src/cli/main.ts) through tsx, so it works
// straight after `npm install` without a build step. Paths resolve relative to this file, so it
// works from any working directory and through npm's bin symlink.
import { register } from 'tsx/esm/api';

register();
const { main } = await import(new URL('../src/cli/main.ts', import.meta.url).href);
process.exitCode = await main(process.argv.slice(2));
