// The `importLog` slice: install a verification imported from a real kernel's verifier log. The
// worker rebuilds the program and makes the log's verification its current one; here the editor
// gets the rebuilt source and the verifier slice gets the imported verdict for exactly that source,
// so the automatic re-verification after assembly leaves it alone. Editing the source (or switching
// the log level or program type) makes it an ordinary program again: bpfiddle's verifier takes over.
import type { StateCreator } from 'zustand';
import type { ProgTypeName } from '../core/asm/types.js';
import type { AppState } from './state.js';
import type { CoreApi, ImportLogResult } from '../worker/protocol.js';

export interface ImportLogSlice {
  /** Rebuild the program from a kernel log and show the kernel's verification of it. */
  importKernelLog: (text: string, progType?: ProgTypeName) => Promise<ImportLogResult>;
}

export function createImportLogSlice(core: CoreApi): StateCreator<AppState, [], [], ImportLogSlice> {
  return (set, get) => ({
    importKernelLog: async (text, progType) => {
      const r = await core.importKernelLog(text, progType);
      if (!r.ok) return r;
      set({
        verdict: r.view, verifiedSource: r.source, logLevel: r.view.logLevel, verifyError: null,
        selectedPc: null, selectedVisit: 0, abstractState: null, selectedPath: null, pathStep: 0, stepView: null, flow: null,
        mode: 'run',
      });
      get().replaceSource(r.source);
      return r;
    },
  });
}
