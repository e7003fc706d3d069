// Remembered pane sizes: each resizable group's layout in localStorage under its id.
import type { Layout } from 'react-resizable-panels';

const KEY = 'bpfiddle.layout.';

export function savedLayout(id: string): Layout | undefined {
  try {
    const raw = localStorage.getItem(KEY + id);
    if (!raw) return undefined;
    const v: unknown = JSON.parse(raw);
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;
    const out: Layout = {};
    for (const [k, n] of Object.entries(v)) if (typeof n === 'number' && n >= 0 && n <= 100) out[k] = n;
    return Object.keys(out).length ? out : undefined;
  } catch {
    return undefined; // storage disabled or garbage: the default layout it is
  }
}

export function saveLayout(id: string, layout: Layout): void {
  try { localStorage.setItem(KEY + id, JSON.stringify(layout)); } catch { /* not remembered; harmless */ }
}
