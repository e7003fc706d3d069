// The `verifier` slice: the verdict for the current source (re-checked after every assembly, so it
// is always current), the instruction selected in verify mode and the verifier's abstract state
// there, and the visual verifier's selection: a path of the path tree, the step along it, the
// state diff of that step and the register the value explorer shows. States live in the worker;
// the slice holds only the one on screen (fetched on demand), so memory stays bounded however
// many paths the verifier explored. Verification requests coalesce: while one runs, only the
// newest source waits.
import type { StateCreator } from 'zustand';
import type { AppState } from './state.js';
import type { AbstractStateView, CoreApi, ExplanationView, FlowGraphView, StepView, VerifyView } from '../worker/protocol.js';

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
  /** The path picked in the path tree (its instructions are highlighted), or null. */
  selectedPath: number | null;
  /** The step along `selectedPath` the panes show. */
  pathStep: number;
  /** The state at the selected step (or at the selected instruction's visit) with its diff. */
  stepView: StepView | null;
  /** The register the value explorer shows (in the top frame), or null. */
  selectedReg: number | null;
  /** Pick a path (and a step on it; default its first); null clears the path selection. */
  selectPath: (id: number | null, step?: number) => Promise<void>;
  /** Move along the selected path. */
  setPathStep: (step: number) => Promise<void>;
  selectReg: (reg: number | null) => void;
  /** The control-flow graph of `verdict`'s program (fetched when the CFG pane asks), or null. */
  flow: FlowGraphView | null;
  /** Fetch the graph for the current verdict (once per verdict). */
  loadFlow: () => Promise<void>;
  /** The worker's explanation of `explained`'s error (null: accepted, or a message the catalogue
   * does not know). Keyed by the verdict object, so a new verdict (verified or imported) makes it stale. */
  explanation: ExplanationView | null;
  explained: VerifyView | null;
  /** Fetch the explanation for the current verdict (once per verdict). */
  loadExplanation: () => Promise<void>;
}

export function createVerifierSlice(core: CoreApi): StateCreator<AppState, [], [], VerifierSlice> {
  return (set, get) => {
    let running: Promise<void> | null = null;
    let again = false;

    const refreshState = async (): Promise<void> => {
      const { selectedPc, selectedVisit } = get();
      if (selectedPc === null || !get().verdict) { set({ abstractState: null, stepView: null }); return; }
      const st = await core.verifierState(selectedPc, selectedVisit);
      const step = st?.path ? await core.verifierStep(st.path.id, st.path.step) : null;
      if (get().selectedPc === selectedPc && get().selectedVisit === selectedVisit && get().selectedPath === null) set({ abstractState: st, stepView: step });
    };

    /** Token of the newest path-step request: answers to older ones are dropped. */
    let stepSeq = 0;
    const showStep = async (id: number, step: number): Promise<void> => {
      const seq = ++stepSeq;
      set({ selectedPath: id, pathStep: step, mode: 'verify' });
      const v = await core.verifierStep(id, step);
      if (seq !== stepSeq) return;
      if (!v) { set({ stepView: null, abstractState: null }); return; }
      set({ stepView: v, pathStep: v.step, selectedPc: v.pc, selectedVisit: 0, abstractState: v.state });
    };

    const verifyOnce = async (): Promise<void> => {
      const source = get().assembledSource;
      if (!get().result.ok || source !== get().source) return;
      if (source === get().verifiedSource && get().verdict?.logLevel === get().logLevel) return;
      set({ verifying: true });
      try {
        const verdict = await core.verify(source, get().logLevel);
        // Path ids belong to the old verification.
        stepSeq++;
        set({ verdict, verifiedSource: source, verifyError: null, selectedPath: null, pathStep: 0, stepView: null, flow: null });
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
        stepSeq++;
        set({ selectedPc: pc, selectedVisit: visit, mode: pc === null ? 'run' : 'verify', selectedPath: null, pathStep: 0 });
        try { await refreshState(); } catch { set({ abstractState: null, stepView: null }); }
      },
      selectedPath: null,
      pathStep: 0,
      stepView: null,
      selectedReg: null,
      selectPath: async (id, step = 0) => {
        if (id === null) { stepSeq++; set({ selectedPath: null, pathStep: 0, stepView: null }); return; }
        try { await showStep(id, step); } catch { set({ stepView: null }); }
      },
      setPathStep: async (step) => {
        const id = get().selectedPath;
        if (id === null) return;
        try { await showStep(id, step); } catch { set({ stepView: null }); }
      },
      selectReg: (reg) => set({ selectedReg: reg }),
      flow: null,
      loadFlow: async () => {
        const verdict = get().verdict;
        if (!verdict || get().flow) return;
        try {
          const flow = await core.flowGraph();
          if (get().verdict === verdict) set({ flow });
        } catch { /* the worker restarted: the pane offers to retry */ }
      },
      explanation: null,
      explained: null,
      loadExplanation: async () => {
        const verdict = get().verdict;
        if (!verdict || get().explained === verdict) return;
        if (!verdict.error) { set({ explanation: null, explained: verdict }); return; }
        try {
          const explanation = await core.explainError(verdict.error);
          if (get().verdict === verdict) set({ explanation, explained: verdict });
        } catch { /* the worker restarted (its verification is gone): no explanation */ }
      },
    };
  };
}
