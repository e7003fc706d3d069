// The `verifier` slice: the verdict for the current source (re-checked after every assembly, so it
// is always current), the instruction selected in verify mode and the verifier's abstract state
// there. Verification requests coalesce: while one runs, only the newest source waits.
import type { StateCreator } from 'zustand';
import type { AppState } from './state.js';
import type { AbstractStateView, CoreApi, VerifyView } from '../worker/protocol.js';

export interface VerifierSlice {
  /** The verdict for `verifiedSource` (null before the first answer or when it does not assemble). */
  verdict: VerifyView | null;
  verifiedSource: string;
  verifying: boolean;
  /** The log level the Verifier pane asks for (1: as a failed load prints it; 2: every state). */
  logLevel: 1 | 2;
  setLogLevel: (level: 1 | 2) => void;
  /** Why the last verification did not finish (the worker was stopped), or null. */
  verifyError: string | null;
  /** The instruction whose abstract state the Registers and Stack panes show in verify mode. */
  selectedPc: number | null;
  /** Which of the verifier's visits of `selectedPc` (paths reaching it). */
  selectedVisit: number;
  abstractState: AbstractStateView | null;
  /** Verify the current source now (the store does it by itself after each assembly). */
  verifyNow: () => Promise<void>;
  /** Select an instruction (verify mode); null leaves verify mode. */
  selectInstruction: (pc: number | null, visit?: number) => Promise<void>;
}

export function createVerifierSlice(core: CoreApi): StateCreator<AppState, [], [], VerifierSlice> {
  return (set, get) => {
    let running: Promise<void> | null = null;
    let again = false;

    const refreshState = async (): Promise<void> => {
      const { selectedPc, selectedVisit } = get();
      if (selectedPc === null || !get().verdict) { set({ abstractState: null }); return; }
      const st = await core.verifierState(selectedPc, selectedVisit);
      if (get().selectedPc === selectedPc && get().selectedVisit === selectedVisit) set({ abstractState: st });
    };

    const verifyOnce = async (): Promise<void> => {
      const source = get().assembledSource;
      if (!get().result.ok || source !== get().source) return;
      if (source === get().verifiedSource && get().verdict?.logLevel === get().logLevel) return;
      set({ verifying: true });
      try {
        const verdict = await core.verify(source, get().logLevel);
        set({ verdict, verifiedSource: source, verifyError: null });
        await refreshState();
      } catch (e) {
        set({ verdict: null, verifiedSource: source, verifyError: e instanceof Error ? e.message : String(e) });
      } finally {
        set({ verifying: false });
      }
    };

    const verifyNow = (): Promise<void> => {
      if (running) { again = true; return running; }
      running = (async () => {
        do { again = false; await verifyOnce(); } while (again);
      })().finally(() => { running = null; });
      return running;
    };

    return {
      verdict: null,
      verifiedSource: '',
      verifying: false,
      logLevel: 1,
      setLogLevel: (level) => { set({ logLevel: level }); void verifyNow(); },
      verifyError: null,
      selectedPc: null,
      selectedVisit: 0,
      abstractState: null,
      verifyNow,
      selectInstruction: async (pc, visit = 0) => {
        set({ selectedPc: pc, selectedVisit: visit, mode: pc === null ? 'run' : 'verify' });
        try { await refreshState(); } catch { set({ abstractState: null }); }
      },
    };
  };
}
