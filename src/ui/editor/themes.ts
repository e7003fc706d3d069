// Editor colour themes matching the app's palette (src/ui/app/theme.css). Token names are the ones
// the ebpf Monarch tokenizer emits.
import type * as MonacoNs from 'monaco-editor/editor/editor.api';

export const EDITOR_THEME = { dark: 'bpfiddle-dark', light: 'bpfiddle-light' } as const;

export function defineThemes(monaco: typeof MonacoNs): void {
  monaco.editor.defineTheme(EDITOR_THEME.dark, {
    base: 'vs-dark',
    inherit: true,
    rules: [
      { token: 'comment', foreground: '6b7a90', fontStyle: 'italic' },
      { token: 'variable.register', foreground: '7dd3fc' },
      { token: 'number', foreground: 'fbbf77' },
      { token: 'number.hex', foreground: 'fbbf77' },
      { token: 'number.binary', foreground: 'fbbf77' },
      { token: 'keyword', foreground: 'c4a7ff', fontStyle: 'bold' },
      { token: 'keyword.mnemonic', foreground: 'c4a7ff' },
      { token: 'keyword.directive', foreground: 'f472b6' },
      { token: 'keyword.directive.unknown', foreground: 'f87171' },
      { token: 'type', foreground: '5eead4' },
      { token: 'type.identifier.label', foreground: 'fde68a', fontStyle: 'bold' },
      { token: 'identifier', foreground: 'e2e8f0' },
      { token: 'operator', foreground: '94a3b8' },
      { token: 'delimiter', foreground: '94a3b8' },
      { token: 'support.function.helper', foreground: '86efac' },
      { token: 'number.helperid', foreground: '64748b' },
      { token: 'variable.map', foreground: 'f9a8d4' },
      { token: 'number.pc', foreground: '64748b' },
      { token: 'number.opcode', foreground: '64748b' },
      { token: 'comment.log', foreground: '64748b', fontStyle: 'italic' },
      { token: 'comment.state', foreground: '5b8a8a' },
      { token: 'comment.state.key', foreground: '6fa3b8' },
    ],
    colors: {
      'editor.background': '#0f141b',
      'editor.foreground': '#e2e8f0',
      'editorLineNumber.foreground': '#475569',
      'editorLineNumber.activeForeground': '#cbd5e1',
      'editor.lineHighlightBackground': '#18212c',
      'editor.selectionBackground': '#2b3f57',
      'editorCursor.foreground': '#7dd3fc',
      'editorGutter.background': '#0f141b',
      'editorError.foreground': '#f87171',
    },
  });
  monaco.editor.defineTheme(EDITOR_THEME.light, {
    base: 'vs',
    inherit: true,
    rules: [
      { token: 'comment', foreground: '6b7280', fontStyle: 'italic' },
      { token: 'variable.register', foreground: '0369a1' },
      { token: 'number', foreground: 'b45309' },
      { token: 'number.hex', foreground: 'b45309' },
      { token: 'number.binary', foreground: 'b45309' },
      { token: 'keyword', foreground: '6d28d9', fontStyle: 'bold' },
      { token: 'keyword.mnemonic', foreground: '6d28d9' },
      { token: 'keyword.directive', foreground: 'be185d' },
      { token: 'keyword.directive.unknown', foreground: 'dc2626' },
      { token: 'type', foreground: '0f766e' },
      { token: 'type.identifier.label', foreground: '92400e', fontStyle: 'bold' },
      { token: 'identifier', foreground: '1f2937' },
      { token: 'operator', foreground: '475569' },
      { token: 'delimiter', foreground: '475569' },
      { token: 'support.function.helper', foreground: '15803d' },
      { token: 'number.helperid', foreground: '6b7280' },
      { token: 'variable.map', foreground: 'be185d' },
      { token: 'number.pc', foreground: '6b7280' },
      { token: 'number.opcode', foreground: '6b7280' },
      { token: 'comment.log', foreground: '6b7280', fontStyle: 'italic' },
      { token: 'comment.state', foreground: '3f7a7a' },
      { token: 'comment.state.key', foreground: '0e7490' },
    ],
    colors: {
      'editor.background': '#ffffff',
      'editor.lineHighlightBackground': '#f1f5f9',
      'editorError.foreground': '#dc2626',
    },
  });
}
