// Putting an imported program into the playground: its source into the editor (one undoable edit,
// so Ctrl+Z brings the previous text back; the autosave follows), its global-data maps' initial
// contents, a fresh run and breakpoints, and the Verifier tab in front so the verdict shows at once.
import { withProgType, type AppStore } from '../../store/index.js';
import type { ImportedProgram } from '../../core/import/index.js';

/** The source as the editor should show it: the importer's text, with a `.prog` line for its type. */
export function sourceOf(p: ImportedProgram): string {
  return /^\s*\.prog\b/m.test(p.source) ? p.source : withProgType(p.source, p.progType);
}

export function loadImported(store: AppStore, p: ImportedProgram): void {
  const s = store.getState();
  s.stopRun();
  void s.selectInstruction(null);
  s.setBreakpoints([]);
  s.replaceSource(sourceOf(p));
  s.setInitialMaps(p.initialMaps ?? {});
  s.setBottomTab('verifier');
}
