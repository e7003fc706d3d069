// The bottom line: the assembler's verdict in a few words.
import { useApp } from '../../store/react.js';
import { instructionCount } from '../panes/program/listing.js';

export function StatusBar() {
  const result = useApp((s) => s.result);
  const pending = useApp((s) => s.source !== s.assembledSource);
  const line = useApp((s) => s.cursor.line);
  const col = useApp((s) => s.cursor.col);
  return (
    <footer className="statusbar">
      {result.ok ? (
        <span className="status-ok">
          ✓ Assembled {instructionCount(result.program.insns)} instructions ({result.program.insns.length * 8} bytes)
        </span>
      ) : (
        <span className="status-error">
          ✕ {result.errors.length} {result.errors.length === 1 ? 'error' : 'errors'}
        </span>
      )}
      {pending && <span>assembling…</span>}
      <span className="statusbar-spacer" />
      <span data-testid="cursor-position" aria-label={`Cursor at line ${line}, column ${col}`}>Ln {line}, Col {col}</span>
      <span>Runs entirely in your browser</span>
    </footer>
  );
}
