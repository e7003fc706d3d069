// React access to the app store: a provider for the one store and a selector hook.
import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { AppState, AppStore } from './index.js';

const StoreContext = createContext<AppStore | null>(null);

export function StoreProvider({ store, children }: { store: AppStore; children: ReactNode }) {
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>;
}

/** Subscribe to a slice of state; pass a selector that returns a stable value (or wrap with useShallow). */
export function useApp<T>(selector: (s: AppState) => T): T {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useApp used outside <StoreProvider>');
  return useStore(store, selector);
}

/** The store itself, for effects that subscribe outside rendering (the session autosave) and event
 * handlers that read the latest state without subscribing to it. */
export function useAppStore(): AppStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useAppStore used outside <StoreProvider>');
  return store;
}
