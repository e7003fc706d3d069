// The `maps` slice: each map's initial contents (what the Maps pane edits before a run, as hex
// text), and while a session runs, the contents at the current step plus which elements the last
// step changed (the pane highlights them).
import type { StateCreator } from 'zustand';
import type { AppState } from './state.js';
import type { InitialMaps, MapEntryText, MapView } from '../worker/protocol.js';

export interface MapsSlice {
  initialMaps: InitialMaps;
  /** Contents at the session's current step (null without a session). */
  liveMaps: MapView[] | null;
  /** `map/keyhex` of the elements whose value the last step changed or created. */
  changedEntries: ReadonlySet<string>;
  setMapEntries: (map: string, entries: MapEntryText[]) => void;
  setMapEntry: (map: string, index: number, entry: MapEntryText) => void;
  addMapEntry: (map: string, entry: MapEntryText) => void;
  removeMapEntry: (map: string, index: number) => void;
  setInitialMaps: (maps: InitialMaps) => void;
  /** Take map contents from a run view (null: unchanged). `delta` is how many steps were taken;
   * changes are highlighted only for single steps; `reset` starts over (a new session). */
  applyMapsView: (maps: MapView[] | null, delta: number, reset?: boolean) => void;
}

export const entryId = (map: string, key: string): string => `${map}/${key}`;

function diff(before: MapView[] | null, after: MapView[]): Set<string> {
  const out = new Set<string>();
  const old = new Map<string, string>();
  for (const m of before ?? []) for (const e of m.entries) old.set(entryId(m.name, e.key), e.value);
  for (const m of after) for (const e of m.entries) {
    const id = entryId(m.name, e.key);
    if (old.get(id) !== e.value) out.add(id);
  }
  return out;
}

export function createMapsSlice(): StateCreator<AppState, [], [], MapsSlice> {
  return (set, get) => ({
    initialMaps: {},
    liveMaps: null,
    changedEntries: new Set(),
    setMapEntries: (map, entries) => set({ initialMaps: { ...get().initialMaps, [map]: entries } }),
    setMapEntry: (map, index, entry) => {
      const list = [...(get().initialMaps[map] ?? [])];
      if (index < 0 || index >= list.length) return;
      list[index] = entry;
      set({ initialMaps: { ...get().initialMaps, [map]: list } });
    },
    addMapEntry: (map, entry) => set({ initialMaps: { ...get().initialMaps, [map]: [...(get().initialMaps[map] ?? []), entry] } }),
    removeMapEntry: (map, index) => {
      const list = (get().initialMaps[map] ?? []).filter((_, i) => i !== index);
      const next = { ...get().initialMaps };
      if (list.length) next[map] = list;
      else delete next[map];
      set({ initialMaps: next });
    },
    setInitialMaps: (maps) => set({ initialMaps: Object.fromEntries(Object.entries(maps).map(([k, v]) => [k, v.map((e) => ({ ...e }))])) }),
    applyMapsView: (maps, delta, reset = false) => {
      if (reset) { set({ liveMaps: maps, changedEntries: new Set() }); return; }
      if (!maps) { if (get().changedEntries.size) set({ changedEntries: new Set() }); return; }
      const changed = Math.abs(delta) === 1 ? diff(get().liveMaps, maps) : new Set<string>();
      set({ liveMaps: maps, changedEntries: changed });
    },
  });
}
