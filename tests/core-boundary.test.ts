// src/core must run in Node, the CLI, the Web Worker and tests: no DOM, React, Monaco, Zustand or
// Node-only modules. Checked mechanically, so the boundary cannot erode.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;

function coreSources(dir = join(root, 'src/core')): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return coreSources(p);
    return /\.tsx?$/.test(e.name) && !/\.test\.ts$/.test(e.name) ? [p] : [];
  });
}

/** The line without string literals and comments, so a doc string such as `'the window.'` is not a DOM use. */
const codeOnly = (l: string): string => l.replace(/'[^']*'|"[^"]*"|`[^`]*`/g, "''").replace(/\/\/.*$/, '');

describe('the core boundary', () => {
  it('imports nothing from the UI, the DOM or Node', () => {
    const banned = /from ['"](react|react-dom|monaco-editor|@monaco-editor\/react|zustand|node:[a-z_/]+|fs|path|child_process)['"/]/;
    const leaks = coreSources().flatMap((f) =>
      readFileSync(f, 'utf8').split('\n').map((l, n) => [f, n + 1, l] as const)
        .filter(([, , l]) => banned.test(l) || /\b(document|window)\./.test(codeOnly(l)))
        .map(([f2, n, l]) => `${f2.slice(root.length)}:${n}: ${l.trim()}`));
    expect(leaks).toEqual([]);
  });

  it('type-checks against ES2022 alone (no DOM lib), as tsconfig.core.json says', () => {
    const r = spawnSync('npx', ['tsc', '-p', 'tsconfig.core.json', '--noEmit'], { cwd: root, encoding: 'utf8' });
    const errors = r.stdout.split('\n').filter((l) => l.includes('error TS'));
    expect(errors).toEqual([]);
    expect(r.status).toBe(0);
  }, 120_000);
});
