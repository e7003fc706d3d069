// The source editor: Monaco showing the `ebpf` language. It is uncontrolled (Monaco owns the text
// while typing) and reports edits to the store; it follows the store for everything it shows
// around the text: assembler and verifier markers, the pc of each line, breakpoints (clicked in
// the glyph margin or toggled with F9, and moved along when lines are inserted above them), the
// instruction a paused run will execute next, the line selected in verify mode, the lines of the
// path picked in the path tree, and the
// verifier's state after each instruction as a faint hint at the line's end (toggleable).
// Whole-text replacements (an example, a shared session, the program-type selector) arrive as
// `sourceRequest`s and are applied as one undoable edit. Nothing else in the UI touches Monaco.
import { useEffect, useMemo, useRef, useState } from 'react';
import Editor, { type OnMount } from '@monaco-editor/react';
import type * as MonacoNs from 'monaco-editor/editor/editor.api';
import { pathLines, selectCurrentLine, selectSelectedLine, selectSelectedPath } from '../../store/index.js';
import { useApp, useAppStore } from '../../store/react.js';
import { EBPF_LANGUAGE_ID } from './ebpfLanguage.js';
import { hintText, pcByLine, pcClass } from './gutter.js';
import { ASM_MARKER_OWNER, asmErrorsToMarkers } from './markers.js';
import { setEditorContext } from './providers.js';
import { EDITOR_THEME } from './themes.js';
import type { Monaco } from './monaco.js';
import './editor.css';

type CodeEditor = MonacoNs.editor.IStandaloneCodeEditor;
type Collection = MonacoNs.editor.IEditorDecorationsCollection;

export const VERIFIER_MARKER_OWNER = 'bpfiddle.verifier';
const HINTS_KEY = 'bpfiddle.hints';

/** CSS rules `.bpf-pc-N::before { content: "N" }`, made once per pc as programs need them. */
const pcRules = new Set<number>();
let pcSheet: CSSStyleSheet | null = null;
function ensurePcRules(pcs: Iterable<number>): void {
  if (!pcSheet) {
    const el = document.createElement('style');
    el.dataset.owner = 'bpfiddle-pc-gutter';
    document.head.appendChild(el);
    pcSheet = el.sheet;
  }
  for (const pc of pcs) {
    if (pcRules.has(pc) || !pcSheet) continue;
    pcRules.add(pc);
    pcSheet.insertRule(`.monaco-editor .${pcClass(pc)}::before { content: "${pc}"; }`, pcSheet.cssRules.length);
  }
}

function useHintsSetting(): [boolean, (on: boolean) => void] {
  const [on, setOn] = useState(() => {
    try { return localStorage.getItem(HINTS_KEY) !== 'off'; } catch { return true; }
  });
  const set = (v: boolean): void => {
    setOn(v);
    try { localStorage.setItem(HINTS_KEY, v ? 'on' : 'off'); } catch { /* not remembered; harmless */ }
  };
  return [on, set];
}

/** `readOnly`: the embedded page shows a shared program without letting it be edited. */
export function SourceEditor({ readOnly = false }: { readOnly?: boolean } = {}) {
  const store = useAppStore();
  const setSource = useApp((s) => s.setSource);
  const setCursor = useApp((s) => s.setCursor);
  const toggleBreakpoint = useApp((s) => s.toggleBreakpoint);
  const source = useApp((s) => s.source);
  const result = useApp((s) => s.result);
  const assembledSource = useApp((s) => s.assembledSource);
  const theme = useApp((s) => s.theme);
  const cursorRequest = useApp((s) => s.cursorRequest);
  const sourceRequest = useApp((s) => s.sourceRequest);
  const breakpoints = useApp((s) => s.breakpoints);
  const currentLine = useApp(selectCurrentLine);
  const selectedLine = useApp(selectSelectedLine);
  const verdict = useApp((s) => s.verdict);
  const verifiedSource = useApp((s) => s.verifiedSource);
  const selectedPath = useApp(selectSelectedPath);
  const [hintsOn, setHintsOn] = useHintsSetting();
  const [mounted, setMounted] = useState(false);

  const editorRef = useRef<CodeEditor | null>(null);
  const monacoRef = useRef<Monaco | null>(null);
  const deco = useRef<{ pc: Collection; bp: Collection; line: Collection; hints: Collection; hover: Collection; path: Collection } | null>(null);
  /** True while the editor applies a text from the store (not the user typing). */
  const applying = useRef(false);
  const appliedRequest = useRef(0);
  const pcShown = useRef<{ line: number; pc: number }[]>([]);
  const hintsRef = useRef(hintsOn);
  hintsRef.current = hintsOn;

  // The program the text on screen assembles to (null while it has errors or is pending).
  const program = result.ok && assembledSource === source ? result.program : null;
  const pcs = useMemo(() => (program ? pcByLine(program) : null), [program]);
  const hints = useMemo(() => {
    if (!verdict || !program || verifiedSource !== source) return null;
    const out = new Map<number, string>();
    for (const [pc, text] of Object.entries(verdict.hints)) {
      const line = program.sourceMap[Number(pc)]?.line;
      if (line !== undefined && !out.has(line) && text.trim()) out.set(line, text);
    }
    return out;
  }, [verdict, program, verifiedSource, source]);

  const onMount: OnMount = (editor, monaco) => {
    editorRef.current = editor;
    monacoRef.current = monaco;
    const model = editor.getModel();
    // Rainbow brackets are a model option in Monaco (the editor option alone does not reach it);
    // in `*(u32 *)(r1 + 4)` they are noise.
    model?.updateOptions({ bracketColorizationOptions: { enabled: false, independentColorPoolPerBracketType: false } });
    // The store may have moved on while Monaco loaded (a shared link, the autosave).
    const now = store.getState();
    if (model && model.getValue() !== now.source) {
      applying.current = true;
      model.setValue(now.source);
      applying.current = false;
    }
    appliedRequest.current = now.sourceRequest?.seq ?? 0;
    deco.current = {
      pc: editor.createDecorationsCollection(),
      bp: editor.createDecorationsCollection(),
      line: editor.createDecorationsCollection(),
      hints: editor.createDecorationsCollection(),
      hover: editor.createDecorationsCollection(),
      path: editor.createDecorationsCollection(),
    };
    setEditorContext({
      programFor: (text) => {
        const s = store.getState();
        if (s.assembledSource !== text) return undefined;
        return s.result.ok ? s.result.program : null;
      },
    });
    editor.onDidChangeCursorPosition((e) => setCursor(e.position.lineNumber, e.position.column));
    const T = monaco.editor.MouseTargetType;
    editor.onMouseDown((e) => {
      if (e.target.type !== T.GUTTER_GLYPH_MARGIN && e.target.type !== T.GUTTER_LINE_DECORATIONS) return;
      const line = e.target.position?.lineNumber;
      if (line) store.getState().toggleBreakpoint(line);
    });
    // A faint dot where a click would set a breakpoint.
    editor.onMouseMove((e) => {
      const over = e.target.type === T.GUTTER_GLYPH_MARGIN || e.target.type === T.GUTTER_LINE_DECORATIONS;
      const line = over ? e.target.position?.lineNumber : undefined;
      deco.current?.hover.set(line && !store.getState().breakpoints.has(line)
        ? [{ range: new monaco.Range(line, 1, line, 1), options: { glyphMarginClassName: 'bpf-breakpoint-preview' } }]
        : []);
    });
    editor.onMouseLeave(() => deco.current?.hover.clear());
    editor.addAction({
      id: 'bpfiddle.toggleBreakpoint',
      label: 'Toggle Breakpoint',
      keybindings: [monaco.KeyCode.F9],
      contextMenuGroupId: 'bpfiddle',
      run: (ed) => { const line = ed.getPosition()?.lineNumber; if (line) store.getState().toggleBreakpoint(line); },
    });
    editor.addAction({
      id: 'bpfiddle.toggleHints',
      label: 'Toggle Verifier Hints',
      contextMenuGroupId: 'bpfiddle',
      run: () => setHintsOn(!hintsRef.current),
    });
    editor.onDidChangeModelContent(() => {
      if (applying.current || !deco.current) return;
      // Breakpoints travel with their lines: after an edit, read where Monaco moved them.
      const lines = new Set(deco.current.bp.getRanges().map((r) => r.startLineNumber));
      const now = store.getState().breakpoints;
      if (lines.size !== now.size || [...lines].some((l) => !now.has(l))) store.getState().setBreakpoints(lines);
      // The pc numbers stay with their lines until the next assembly; deleted lines fold theirs
      // onto one line, where only the first may stay.
      const ranges = deco.current.pc.getRanges();
      const seen = new Set<number>();
      const kept = pcShown.current.filter((_, i) => {
        const line = ranges[i]?.startLineNumber;
        if (line === undefined || seen.has(line)) return false;
        seen.add(line);
        return true;
      }).map((d, i) => ({ ...d, line: ranges[i]!.startLineNumber }));
      if (kept.length !== pcShown.current.length) showPcs(new Map(kept.map((d) => [d.line, d.pc])));
    });
    setMounted(true);
  };

  // Text from the store: one undoable edit, and the cursor stays where it makes sense.
  useEffect(() => {
    const editor = editorRef.current;
    const model = editor?.getModel();
    if (!editor || !model || !sourceRequest || sourceRequest.seq <= appliedRequest.current) return;
    appliedRequest.current = sourceRequest.seq;
    if (model.getValue() === sourceRequest.text) return;
    applying.current = true;
    // A read-only editor refuses executeEdits; it has no undo history worth keeping anyway.
    if (readOnly) model.setValue(sourceRequest.text);
    else {
      editor.pushUndoStop();
      editor.executeEdits('bpfiddle', [{ range: model.getFullModelRange(), text: sourceRequest.text }]);
      editor.pushUndoStop();
    }
    applying.current = false;
    // The decorations were laid over the old text; draw the store's again.
    deco.current?.bp.clear();
    setBreakpointDecorations();
  }, [sourceRequest, mounted]); // eslint-disable-line react-hooks/exhaustive-deps

  function setBreakpointDecorations(): void {
    const monaco = monacoRef.current;
    const model = editorRef.current?.getModel();
    if (!monaco || !model || !deco.current) return;
    const count = model.getLineCount();
    const bound = pcs;
    deco.current.bp.set([...breakpoints].filter((l) => l <= count).map((line) => {
      const live = !bound || bound.has(line);
      return {
        range: new monaco.Range(line, 1, line, 1),
        options: {
          glyphMarginClassName: live ? 'bpf-breakpoint' : 'bpf-breakpoint bpf-breakpoint-unbound',
          glyphMarginHoverMessage: { value: live ? 'Breakpoint (click to remove)' : 'Breakpoint on a line without an instruction: it never stops a run (click to remove)' },
          stickiness: monaco.editor.TrackedRangeStickiness.NeverGrowsWhenTypingAtEdges,
        },
      };
    }));
  }

  useEffect(setBreakpointDecorations, [breakpoints, pcs, mounted]); // eslint-disable-line react-hooks/exhaustive-deps

  /** Shows `pcs` in the pc column, remembering them in the order Monaco keeps their ranges. */
  function showPcs(pcs: ReadonlyMap<number, number>): void {
    const monaco = monacoRef.current;
    if (!monaco || !deco.current) return;
    ensurePcRules(pcs.values());
    pcShown.current = [...pcs].map(([line, pc]) => ({ line, pc }));
    deco.current.pc.set(pcShown.current.map(({ line, pc }) => ({
      range: new monaco.Range(line, 1, line, 1),
      options: { linesDecorationsClassName: `bpf-pc ${pcClass(pc)}`, stickiness: monaco.editor.TrackedRangeStickiness.NeverGrowsWhenTypingAtEdges },
    })));
  }

  // The pc column follows the latest program that matches the text; while the text has errors the
  // old numbers stay (they move with their lines).
  useEffect(() => { if (pcs) showPcs(pcs); }, [pcs, mounted]); // eslint-disable-line react-hooks/exhaustive-deps

  // The next instruction of a paused run, and the instruction selected in verify mode.
  useEffect(() => {
    const monaco = monacoRef.current;
    const editor = editorRef.current;
    if (!monaco || !editor || !deco.current) return;
    const ds: MonacoNs.editor.IModelDeltaDecoration[] = [];
    if (currentLine !== null) {
      ds.push({ range: new monaco.Range(currentLine, 1, currentLine, 1), options: { isWholeLine: true, className: 'bpf-current-line', glyphMarginClassName: 'bpf-current-arrow', glyphMargin: { position: monaco.editor.GlyphMarginLane.Right } } });
      editor.revealLineInCenterIfOutsideViewport(currentLine);
    }
    if (selectedLine !== null && selectedLine !== currentLine) {
      ds.push({ range: new monaco.Range(selectedLine, 1, selectedLine, 1), options: { isWholeLine: true, className: 'bpf-selected-line' } });
      editor.revealLineInCenterIfOutsideViewport(selectedLine);
    }
    deco.current.line.set(ds);
  }, [currentLine, selectedLine, mounted]);

  // The path picked in the path tree: every line it walks through, tinted.
  const onPath = useMemo(() => pathLines(program, selectedPath), [program, selectedPath]);
  useEffect(() => {
    const monaco = monacoRef.current;
    const model = editorRef.current?.getModel();
    if (!monaco || !model || !deco.current) return;
    if (!onPath) { deco.current.path.clear(); return; }
    const count = model.getLineCount();
    deco.current.path.set([...onPath].filter((line) => line <= count).map((line) => ({
      range: new monaco.Range(line, 1, line, 1),
      options: { isWholeLine: true, className: 'bpf-path-line', linesDecorationsClassName: 'bpf-path-gutter' },
    })));
  }, [onPath, mounted]);

  // The verifier's state after each instruction, faint, at the end of its line.
  useEffect(() => {
    const monaco = monacoRef.current;
    const model = editorRef.current?.getModel();
    if (!monaco || !model || !deco.current) return;
    // Hints for an older text would describe other instructions: none until the verdict catches up.
    if (!hintsOn || !hints) { deco.current.hints.clear(); return; }
    const count = model.getLineCount();
    deco.current.hints.set([...hints].filter(([line]) => line <= count).map(([line, text]) => {
      const end = model.getLineMaxColumn(line);
      return {
        range: new monaco.Range(line, end, line, end),
        options: { after: { content: `    ${hintText(text)}`, inlineClassName: 'bpf-hint' }, showIfCollapsed: true },
      };
    }));
  }, [hints, hintsOn, mounted]);

  // Assembler errors always; the verifier's error when its verdict is about this text.
  useEffect(() => {
    const editor = editorRef.current;
    const monaco = monacoRef.current;
    const model = editor?.getModel();
    if (!editor || !monaco || !model) return;
    // Markers for an older text would point at the wrong columns; wait for the pending assembly.
    if (model.getValue() !== assembledSource) return;
    monaco.editor.setModelMarkers(model, ASM_MARKER_OWNER, result.ok ? [] : asmErrorsToMarkers(result.errors, monaco.MarkerSeverity.Error));
    const err = verdict && program && verifiedSource === source ? verdict.error : null;
    const span = err && err.pc >= 0 ? program?.sourceMap[err.pc] : undefined;
    monaco.editor.setModelMarkers(model, VERIFIER_MARKER_OWNER, err && span ? [{
      severity: monaco.MarkerSeverity.Error,
      source: 'verifier',
      message: `${err.message}\n(the kernel's verifier rejects the program here)`,
      startLineNumber: span.line, startColumn: span.col, endLineNumber: span.line, endColumn: Math.max(span.endCol, span.col + 1),
    }] : []);
  }, [result, assembledSource, verdict, verifiedSource, source, program, mounted]);

  useEffect(() => {
    const editor = editorRef.current;
    if (!editor || !cursorRequest) return;
    const position = { lineNumber: cursorRequest.line, column: cursorRequest.col };
    editor.setPosition(position);
    editor.revealPositionInCenterIfOutsideViewport(position);
    editor.focus();
  }, [cursorRequest]);

  const initial = useRef(store.getState().source);
  return (
    <div className="source-editor">
      <Editor
        defaultValue={initial.current}
        defaultLanguage={EBPF_LANGUAGE_ID}
        defaultPath="program.bpf.s"
        theme={theme === 'dark' ? EDITOR_THEME.dark : EDITOR_THEME.light}
        onMount={onMount}
        onChange={(value) => { if (!applying.current) setSource(value ?? ''); }}
        loading={<div className="editor-loading">Loading editor…</div>}
        options={{
          ariaLabel: 'eBPF assembly source',
          readOnly,
          fontFamily: "'JetBrains Mono', 'Fira Code', 'DejaVu Sans Mono', ui-monospace, monospace",
          fontSize: 14,
          lineHeight: 21,
          minimap: { enabled: false },
          scrollBeyondLastLine: false,
          renderLineHighlight: 'all',
          automaticLayout: true,
          tabSize: 4,
          insertSpaces: true,
          padding: { top: 12, bottom: 12 },
          smoothScrolling: true,
          fixedOverflowWidgets: true,
          'semanticHighlighting.enabled': false,
          guides: { indentation: false },
          glyphMargin: true,
          lineDecorationsWidth: 34,
          lineNumbersMinChars: 3,
          folding: false,
          hover: { delay: 300 },
          quickSuggestions: { other: true, comments: false, strings: false },
          suggest: { showWords: false },
          // Lines end with words (`exit`, `ll`, a label): Enter must end the line, never swap the
          // word for a suggestion. Tab accepts one.
          acceptSuggestionOnEnter: 'off',
        }}
      />
      <button
        type="button"
        className="hints-toggle"
        aria-pressed={hintsOn}
        onClick={() => setHintsOn(!hintsOn)}
        title="Show the verifier's state after each instruction at the end of its line"
      >
        Verifier hints
      </button>
    </div>
  );
}
