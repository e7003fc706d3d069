// The source editor: Monaco showing the `ebpf` language. It is uncontrolled (Monaco owns the text
// while typing) and reports edits to the store; it follows the store for markers, theme and cursor
// requests. Nothing else in the UI touches Monaco.
import { useEffect, useRef } from 'react';
import Editor, { type OnMount } from '@monaco-editor/react';
import type * as MonacoNs from 'monaco-editor/editor/editor.api';
import { useApp } from '../../store/react.js';
import { EBPF_LANGUAGE_ID } from './ebpfLanguage.js';
import { ASM_MARKER_OWNER, asmErrorsToMarkers } from './markers.js';
import { EDITOR_THEME } from './themes.js';
import type { Monaco } from './monaco.js';

type CodeEditor = MonacoNs.editor.IStandaloneCodeEditor;

export function SourceEditor() {
  const initialSource = useApp((s) => s.source);
  const setSource = useApp((s) => s.setSource);
  const setCursor = useApp((s) => s.setCursor);
  const result = useApp((s) => s.result);
  const assembledSource = useApp((s) => s.assembledSource);
  const theme = useApp((s) => s.theme);
  const cursorRequest = useApp((s) => s.cursorRequest);
  const editorRef = useRef<CodeEditor | null>(null);
  const monacoRef = useRef<Monaco | null>(null);
  const initial = useRef(initialSource);

  const onMount: OnMount = (editor, monaco) => {
    editorRef.current = editor;
    monacoRef.current = monaco;
    // Rainbow brackets are a model option in Monaco (the editor option alone does not reach it);
    // in `*(u32 *)(r1 + 4)` they are noise.
    editor.getModel()?.updateOptions({ bracketColorizationOptions: { enabled: false, independentColorPoolPerBracketType: false } });
    editor.onDidChangeCursorPosition((e) => setCursor(e.position.lineNumber, e.position.column));
    applyMarkers();
  };

  function applyMarkers(): void {
    const editor = editorRef.current;
    const monaco = monacoRef.current;
    const model = editor?.getModel();
    if (!editor || !monaco || !model) return;
    // Markers for an older text would point at the wrong columns; wait for the pending assembly.
    if (model.getValue() !== assembledSource) return;
    const markers = result.ok ? [] : asmErrorsToMarkers(result.errors, monaco.MarkerSeverity.Error);
    monaco.editor.setModelMarkers(model, ASM_MARKER_OWNER, markers);
  }

  useEffect(applyMarkers, [result, assembledSource]);

  useEffect(() => {
    const editor = editorRef.current;
    if (!editor || !cursorRequest) return;
    const position = { lineNumber: cursorRequest.line, column: cursorRequest.col };
    editor.setPosition(position);
    editor.revealPositionInCenterIfOutsideViewport(position);
    editor.focus();
  }, [cursorRequest]);

  return (
    <Editor
      defaultValue={initial.current}
      defaultLanguage={EBPF_LANGUAGE_ID}
      defaultPath="program.bpf.s"
      theme={theme === 'dark' ? EDITOR_THEME.dark : EDITOR_THEME.light}
      onMount={onMount}
      onChange={(value) => setSource(value ?? '')}
      loading={<div className="editor-loading">Loading editor…</div>}
      options={{
        ariaLabel: 'eBPF assembly source',
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
      }}
    />
  );
}
