// The locally bundled Monaco, set up once. @monaco-editor/react would otherwise fetch Monaco from a
// CDN; the playground must work offline, so the loader is pointed at this module's copy and the
// editor worker is built by Vite from node_modules (see monacoEnvironment.ts). Only the core
// editor and the contributions the playground uses are imported (no bundled languages, no
// TypeScript/JSON workers), which keeps the bundle to Monaco's core.
import './monacoEnvironment.js';
import * as monaco from 'monaco-editor/editor/editor.api';
import { loader } from '@monaco-editor/react';
// Editor contributions: hovers (marker messages and the ebpf docs), completion and its snippets,
// find, comment toggling, bracket and word highlight, the context menu, clipboard, go-to-error
// (F8), multi-cursor, line operations, folding.
import 'monaco-editor/features/codicon/register';
import 'monaco-editor/features/hover/register';
import 'monaco-editor/features/suggest/register';
// The completion widget itself: features/suggest/register only brings inline completions.
import 'monaco-editor/editor/contrib/suggest/browser/suggestController';
import 'monaco-editor/features/snippet/register';
import 'monaco-editor/features/find/register';
import 'monaco-editor/features/comment/register';
import 'monaco-editor/features/bracketMatching/register';
import 'monaco-editor/features/wordHighlighter/register';
import 'monaco-editor/features/contextmenu/register';
import 'monaco-editor/features/clipboard/register';
import 'monaco-editor/features/gotoError/register';
import 'monaco-editor/features/multicursor/register';
import 'monaco-editor/features/linesOperations/register';
import 'monaco-editor/features/wordOperations/register';
import 'monaco-editor/features/cursorUndo/register';
import 'monaco-editor/features/folding/register';
import { registerEbpfLanguage } from './ebpfLanguage.js';
import { registerEbpfProviders } from './providers.js';
import { defineThemes } from './themes.js';

let ready = false;

/** Wires Monaco to the bundled copy and registers the ebpf language and themes; idempotent. */
export function setupMonaco(): typeof monaco {
  if (ready) return monaco;
  ready = true;
  loader.config({ monaco });
  // `window.monaco`, as the AMD build has it: lets e2e tests tokenize with the real grammar.
  // (Monaco's `globalAPI` flag would depend on chunk evaluation order; this does not.)
  Object.assign(globalThis, { monaco });
  registerEbpfLanguage(monaco);
  registerEbpfProviders(monaco);
  defineThemes(monaco);
  return monaco;
}

export type Monaco = typeof monaco;
