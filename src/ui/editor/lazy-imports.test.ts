// What the page loads before it can be used: the static (non-type, non-dynamic) imports reachable
// from src/main.tsx end up in the initial script. The editor's hover and completion (with the helper
// table's docs and the verifier-message catalogue) and the Input pane's packet parser are loaded on
// demand; the VM, maps and helper implementations belong to the worker. This walks the real import
// graph, so an import that drags them back into the page fails here rather than only in the bundle.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');

/** Files a module imports by value at load time (skips `import type`, all-type named imports and import()). */
function staticImports(file: string): string[] {
  const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false);
  const out: string[] = [];
  for (const st of sf.statements) {
    let spec: ts.Expression | undefined;
    if (ts.isImportDeclaration(st)) {
      const c = st.importClause;
      if (c?.isTypeOnly) continue;
      const named = c?.namedBindings && ts.isNamedImports(c.namedBindings) ? c.namedBindings.elements : null;
      if (c && !c.name && named && named.length > 0 && named.every((e) => e.isTypeOnly)) continue;
      spec = st.moduleSpecifier;
    } else if (ts.isExportDeclaration(st) && !st.isTypeOnly && st.moduleSpecifier) {
      const named = st.exportClause && ts.isNamedExports(st.exportClause) ? st.exportClause.elements : null;
      if (named && named.length > 0 && named.every((e) => e.isTypeOnly)) continue;
      spec = st.moduleSpecifier;
    }
    if (!spec || !ts.isStringLiteral(spec) || !spec.text.startsWith('.')) continue;
    const base = resolve(dirname(file), spec.text);
    const hit = [base.replace(/\.js$/, '.ts'), base.replace(/\.js$/, '.tsx'), `${base}.ts`, `${base}.tsx`, `${base}/index.ts`].find((f) => existsSync(f));
    if (hit) out.push(hit);
  }
  return out;
}

/** Every module reachable from `entry`, each with the chain that reaches it. */
function reachable(entry: string): Map<string, string[]> {
  const chains = new Map<string, string[]>([[entry, [entry]]]);
  const queue = [entry];
  while (queue.length) {
    const f = queue.shift()!;
    for (const d of staticImports(f)) {
      if (!chains.has(d)) { chains.set(d, [...chains.get(f)!, d]); queue.push(d); }
    }
  }
  return chains;
}

const rel = (f: string): string => relative(ROOT, f);

describe('initial script', () => {
  const page = reachable(resolve(ROOT, 'src/main.tsx'));
  const offenders = (test: (path: string) => boolean): string[] =>
    [...page].filter(([f]) => test(rel(f))).map(([, chain]) => chain.map(rel).join(' -> '));

  it('reaches the editor and the Input pane (the walk follows real imports)', () => {
    expect(page.has(resolve(ROOT, 'src/ui/editor/providers.ts'))).toBe(true);
    expect(page.has(resolve(ROOT, 'src/ui/panes/input/InputPane.tsx'))).toBe(true);
    expect(page.has(resolve(ROOT, 'src/core/asm/assemble.ts'))).toBe(true);
  });

  it('leaves out the VM, the world, the maps and the helper implementations', () => {
    // core/vm/bytes.ts (byte-order utilities) is shared with the program-type table and stays.
    expect(offenders((p) => /^src\/core\/vm\/(index|run|machine|jit|switch|session|memory|ref)\.ts$/.test(p)
      || /^src\/core\/(world|maps)\//.test(p) || /^src\/core\/helpers\/(impl|impl-\w+|index|runtime|host|printf)\.ts$/.test(p))).toEqual([]);
  });

  it('leaves out hover and completion with the helper docs, prototypes and the message catalogue', () => {
    expect(offenders((p) => /^src\/ui\/editor\/(hover|completion)\.ts$/.test(p) || /^src\/core\/helpers\/(docs|protos|table)\.ts$/.test(p)
      || /^src\/core\/explain\//.test(p))).toEqual([]);
  });

  it('leaves out the packet parser and builders', () => {
    // core/packet/bytes.ts (a few byte utilities) is shared with the program-type table and stays.
    expect(offenders((p) => /^src\/core\/packet\/(index|input|spec|build|layers|options|validate|dissect|tree)\.ts$/.test(p))).toEqual([]);
  });
});

describe('helper table entry', () => {
  it('core/helpers/table.ts gives the whole helper table without the VM or helper implementations', () => {
    const mods = [...reachable(resolve(ROOT, 'src/core/helpers/table.ts')).keys()].map(rel);
    expect(mods).toContain('src/core/helpers/docs.ts');
    expect(mods.filter((p) => /^src\/core\/(vm|world|maps)\//.test(p) || /^src\/core\/helpers\/impl(-\w+)?\.ts$/.test(p))).toEqual([]);
  });
});
