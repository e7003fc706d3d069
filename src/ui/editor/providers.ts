// Monaco adapters for the ebpf language services: completion and hover (the pure work is in
// completion.ts and hover.ts). Providers are registered once per Monaco instance; they read the
// program they describe through `editorContext`, which SourceEditor points at the store (the
// worker's assembly of the text on screen) with a local assembly as the fallback while the store
// is behind the text.
//
// hover.ts and completion.ts are loaded on demand (and fetched once the page is idle): with them come
// the helper table's docs and prototypes and the verifier-message catalogue (about 45 kB gzip),
// none of which the first paint needs (src/ui/editor/lazy-imports.test.ts keeps them out).
import type * as MonacoNs from 'monaco-editor/editor/editor.api';
import { assemble } from '../../core/asm/assemble.js';
import type { AsmProgram, ProgTypeName } from '../../core/asm/types.js';
import type { CompletionKind } from './completion.js';
import { ctxRegisters } from './ctxRegs.js';
import { EBPF_LANGUAGE_ID } from './ebpfLanguage.js';

type HoverModule = typeof import('./hover.js');
type CompletionModule = typeof import('./completion.js');
let hoverModule: Promise<HoverModule> | null = null;
let completionModule: Promise<CompletionModule> | null = null;
const loadHover = (): Promise<HoverModule> => (hoverModule ??= import('./hover.js'));
const loadCompletion = (): Promise<CompletionModule> => (completionModule ??= import('./completion.js'));

/** Fetch both services when the browser is idle, so the first hover or completion does not wait. */
function prefetchServices(): void {
  const load = (): void => { void loadHover(); void loadCompletion(); };
  if (typeof requestIdleCallback === 'function') requestIdleCallback(load, { timeout: 2000 });
  else setTimeout(load, 200);
}

export interface EditorContext {
  /** The assembled program for exactly `text`, if the store has it. */
  programFor(text: string): AsmProgram | null | undefined;
}

let context: EditorContext = { programFor: () => undefined };
export function setEditorContext(ctx: EditorContext): void { context = ctx; }

/** The last local assembly, so repeated hovers over one text assemble it once. */
let cache: { text: string; program: AsmProgram | null } | null = null;
const ctxCache = new WeakMap<AsmProgram, (number | undefined)[]>();

function programFor(text: string): AsmProgram | null {
  const fromStore = context.programFor(text);
  if (fromStore !== undefined) return fromStore;
  if (cache?.text !== text) {
    const r = assemble(text);
    cache = { text, program: r.ok ? r.program : null };
  }
  return cache.program;
}

function progTypeOf(text: string, program: AsmProgram | null): ProgTypeName | null {
  if (program) return program.progType;
  const m = /^\s*\.prog\s+(\w+)/m.exec(text);
  return (m?.[1] as ProgTypeName | undefined) ?? null;
}

const KINDS = (monaco: typeof MonacoNs): Record<CompletionKind, MonacoNs.languages.CompletionItemKind> => {
  const k = monaco.languages.CompletionItemKind;
  return {
    keyword: k.Keyword, register: k.Variable, helper: k.Function, map: k.Struct, mnemonic: k.Operator,
    directive: k.Module, label: k.Reference, type: k.Enum, snippet: k.Snippet,
  };
};

const registered = new WeakSet<object>();

export function registerEbpfProviders(monaco: typeof MonacoNs): void {
  if (registered.has(monaco.languages)) return;
  registered.add(monaco.languages);
  const kinds = KINDS(monaco);

  monaco.languages.registerCompletionItemProvider(EBPF_LANGUAGE_ID, {
    triggerCharacters: ['.'],
    async provideCompletionItems(model, position) {
      const text = model.getValue();
      const { completionsAt } = await loadCompletion();
      const { startCol, items } = completionsAt(text, position.lineNumber, position.column, progTypeOf(text, programFor(text)));
      const range = new monaco.Range(position.lineNumber, startCol, position.lineNumber, position.column);
      return {
        suggestions: items.map((i) => ({
          label: i.label,
          kind: kinds[i.kind],
          detail: i.detail,
          documentation: i.documentation ? { value: i.documentation, isTrusted: false, supportHtml: false } : undefined,
          insertText: i.insertText,
          insertTextRules: i.snippet ? monaco.languages.CompletionItemInsertTextRule.InsertAsSnippet : undefined,
          sortText: i.sortText,
          range,
        })),
      };
    },
  });

  monaco.languages.registerHoverProvider(EBPF_LANGUAGE_ID, {
    async provideHover(model, position) {
      const text = model.getValue();
      const program = programFor(text);
      let regs: (number | undefined)[] | null = null;
      if (program) {
        regs = ctxCache.get(program) ?? ctxRegisters(program.insns);
        ctxCache.set(program, regs);
      }
      // The verifier's marker (owner 'bpfiddle.verifier', set by SourceEditor): its hover gets the explanation.
      const marker = monaco.editor.getModelMarkers({ resource: model.uri, owner: 'bpfiddle.verifier' })[0];
      const verifierError = marker ? { line: marker.startLineNumber, message: marker.message.split('\n')[0]! } : null;
      const { hoverAt } = await loadHover();
      const h = hoverAt({ source: text, program, progType: progTypeOf(text, program), line: position.lineNumber, col: position.column, verifierError }, regs);
      if (!h) return null;
      return {
        range: new monaco.Range(position.lineNumber, h.col, position.lineNumber, h.endCol),
        contents: h.contents.map((value) => ({ value, isTrusted: false, supportHtml: false })),
      };
    },
  });
  prefetchServices();
}
