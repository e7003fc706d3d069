// The app store: slices combined into one Zustand store. `createAppStore` builds an isolated store
// (tests make a fresh one per case); the app makes exactly one at bootstrap and hands it to React
// through `StoreProvider`, and components read it with narrow selectors via `useApp`. The core
// (assembler, verifier, VM) is injected as a `CoreApi`: the worker client in the app, the
// main-thread host in tests and when Workers are unavailable.
import { createStore, type StoreApi } from 'zustand/vanilla';
import { createMapsSlice } from './maps.js';
import { createProgramSlice, type Assemble } from './program.js';
import { createRunSlice } from './run.js';
import { withProgType } from './program.js';
import { createUiSlice, type ThemeName } from './ui.js';
import { createVerifierSlice } from './verifier.js';
import { createImportLogSlice } from './import-log.js';
import type { AppState, SessionSlice } from './state.js';
import type { Session } from '../core/share/session.js';
import type { CoreApi } from '../worker/protocol.js';

export type { AppState, SessionSlice } from './state.js';
export type { Assemble, ProgramSlice } from './program.js';
export type { RunSlice, DebugCommand } from './run.js';
export type { VerifierSlice } from './verifier.js';
export type { ImportLogSlice } from './import-log.js';
export type { MapsSlice } from './maps.js';
export type { BottomTab, CursorRequest, PaneMode, SourceRequest, ThemeName, UiSlice } from './ui.js';
export type { Session } from '../core/share/session.js';
export * from './selectors.js';
export { entryId } from './maps.js';
export { withProgType, progTypeOfSource } from './program.js';
export type { RunInputSpec, InitialMaps, MapEntryText, RunView, VerifyView, AbstractStateView, CoreApi } from '../worker/protocol.js';

export type AppStore = StoreApi<AppState>;

export interface AppStoreOptions {
  /** The core: assembler, verifier and sessions. */
  core: CoreApi;
  /** Stops the core's current work (restarts the worker). */
  cancel?: () => void;
  initialSource: string;
  /** Defaults to `core.assemble`; tests may pass a synchronous one. */
  assemble?: Assemble;
  theme?: ThemeName;
  /** Pause after the last keystroke before assembling; 150 ms keeps typing smooth. */
  debounceMs?: number;
  /** Verify after every assembly (default true). */
  autoVerify?: boolean;
}

export function createAppStore(opts: AppStoreOptions): AppStore {
  const store: AppStore = createStore<AppState>()((...a) => {
    const [set, get] = a;
    const session: SessionSlice = {
      sessionSnapshot: (): Session => {
        const s = get();
        return {
          source: s.source,
          // The selector rewrites the `.prog` line, so the source always says it.
          progType: null,
          input: { packet: s.input.packet, ctx: [...s.input.ctx], env: [...s.input.env], maxSteps: s.input.maxSteps ?? null },
          maps: Object.entries(s.initialMaps).filter(([, v]) => v.length).map(([name, v]) => ({ name, entries: v.map((e) => ({ ...e })) })),
          breakpoints: [...s.breakpoints].sort((x, y) => x - y),
          step: s.run && !s.runStale ? s.run.step : null,
          selectedPc: s.mode === 'verify' ? s.selectedPc : null,
        };
      },
      cancelWork: () => opts.cancel?.(),
      loadSession: async (sn) => {
        const s = get();
        s.stopRun();
        s.replaceSource(sn.progType ? withProgType(sn.source, sn.progType) : sn.source);
        s.setInput({ packet: sn.input.packet, ctx: sn.input.ctx, env: sn.input.env, ...(sn.input.maxSteps !== null ? { maxSteps: sn.input.maxSteps } : {}) });
        s.setInitialMaps(Object.fromEntries(sn.maps.map((m) => [m.name, m.entries])));
        s.setBreakpoints(sn.breakpoints);
        set({ selectedPc: null, abstractState: null, mode: 'run', runError: null });
        // The verifier's state shows once the new source is verified (verifyNow refreshes it).
        if (sn.selectedPc !== null) await get().selectInstruction(sn.selectedPc);
        if (sn.step !== null) {
          await get().startRun();
          if (sn.step > 0) await get().seek(sn.step);
        }
      },
    };
    return {
      ...createProgramSlice({
        assemble: opts.assemble ?? ((src) => opts.core.assemble(src)),
        initialSource: opts.initialSource,
        debounceMs: opts.debounceMs ?? 150,
        onAssembled: () => {
          const st = store.getState();
          if (st.run) set({ runStale: st.assembledSource !== st.runSource });
          if (opts.autoVerify !== false) void st.verifyNow();
        },
      })(...a),
      ...createRunSlice(opts.core)(...a),
      ...createVerifierSlice(opts.core)(...a),
      ...createMapsSlice()(...a),
      ...createUiSlice(opts.theme ?? 'dark')(...a),
      ...createImportLogSlice(opts.core)(...a),
      ...session,
    };
  });
  // A synchronous first assembly happened before the store existed; verify it now.
  if (opts.autoVerify !== false && store.getState().result.ok) void store.getState().verifyNow();
  return store;
}
