// Editor colour themes matching the app's palette (src/ui/app/theme.css). Token names are the ones
// the ebpf Monarch tokenizer emits.
import type * as MonacoNs from 'monaco-editor/editor/editor.api';

export const EDITOR_THEME = { dark: 'bpfiddle-dark', light: 'bpfiddle-light' } as const;

/** Each token's colour in the dark and the light theme (and its font style), in one row so the two
 * themes cannot drift apart in which tokens they colour. */
const TOKEN_COLOURS: readonly (readonly [token: string, dark: string, light: string, fontStyle?: string])[] = [
  ['comment',                   '6b7a90', '6b7280', 'italic'],
  ['variable.register',         '7dd3fc', '0369a1'],
  ['number',                    'fbbf77', 'b45309'],
  ['number.hex',                'fbbf77', 'b45309'],
  ['number.binary',             'fbbf77', 'b45309'],
  ['keyword',                   'c4a7ff', '6d28d9', 'bold'],
  ['keyword.mnemonic',          'c4a7ff', '6d28d9'],
  ['keyword.directive',         'f472b6', 'be185d'],
  ['keyword.directive.unknown', 'f87171', 'dc2626'],
  ['type',                      '5eead4', '0f766e'],
  ['type.identifier.label',     'fde68a', '92400e', 'bold'],
  ['identifier',                'e2e8f0', '1f2937'],
  ['operator',                  '94a3b8', '475569'],
  ['delimiter',                 '94a3b8', '475569'],
  ['support.function.helper',   '86efac', '15803d'],
  ['number.helperid',           '64748b', '6b7280'],
  ['variable.map',              'f9a8d4', 'be185d'],
  ['number.pc',                 '64748b', '6b7280'],
  ['number.opcode',             '64748b', '6b7280'],
  ['comment.log',               '64748b', '6b7280', 'italic'],
  ['comment.state',             '5b8a8a', '3f7a7a'],
  ['comment.state.key',         '6fa3b8', '0e7490'],
];

function rules(theme: 'dark' | 'light'): MonacoNs.editor.ITokenThemeRule[] {
  return TOKEN_COLOURS.map(([token, dark, light, fontStyle]) => ({
    token, foreground: theme === 'dark' ? dark : light, ...(fontStyle ? { fontStyle } : {}),
  }));
}

export function defineThemes(monaco: typeof MonacoNs): void {
  monaco.editor.defineTheme(EDITOR_THEME.dark, {
    base: 'vs-dark',
    inherit: true,
    rules: rules('dark'),
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
    rules: rules('light'),
    colors: {
      'editor.background': '#ffffff',
      'editor.lineHighlightBackground': '#f1f5f9',
      'editorError.foreground': '#dc2626',
    },
  });
}
