// Assembler errors → Monaco marker data (the squiggles and their hover text). Pure, so it is tested
// without a browser; the caller supplies Monaco's severity value.
import type * as MonacoNs from 'monaco-editor/editor/editor.api';
import type { AsmError } from '../../core/asm/types.js';

/** Owner id under which assembler markers are set (other producers, like the verifier, use their own). */
export const ASM_MARKER_OWNER = 'bpfiddle.asm';

/** The text shown for an error: the message, then the hint on its own line. */
export function errorText(e: Pick<AsmError, 'message' | 'hint'>): string {
  return e.hint ? `${e.message}\n${e.hint}` : e.message;
}

export function asmErrorsToMarkers(errors: readonly AsmError[], severity: MonacoNs.MarkerSeverity): MonacoNs.editor.IMarkerData[] {
  return errors.map((e) => ({
    severity,
    message: errorText(e),
    source: 'assembler',
    startLineNumber: e.line,
    startColumn: e.col,
    endLineNumber: e.line,
    // An empty span (say, "expected an operand" at the end of a line) still needs a visible squiggle.
    endColumn: Math.max(e.endCol, e.col + 1),
  }));
}
