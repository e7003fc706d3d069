// Links and autosave around a real store (main-thread core): a good link opens its session and
// becomes the autosave; a bad link is reported and the autosave is neither replaced nor
// overwritten; changes are saved after a pause; a saved session comes back on the next start.
import { describe, expect, it } from 'vitest';
import { emptySession, encodeSession, sessionHash, type Session } from '../../src/core/share/index.js';
import { createAppStore } from '../../src/store/index.js';
import { DirectCore } from '../../src/worker/client.js';
import { AUTOSAVE_KEY, shareUrl, startSessionSync, type SyncEnv, type SyncNotice } from '../../src/ui/share/sync.js';

class FakeEnv implements SyncEnv {
  store = new Map<string, string>();
  timers = new Map<number, () => void>();
  next = 1;
  constructor(public hash = '') {}
  getHash = (): string => this.hash;
  clearHash = (): void => { this.hash = ''; };
  storage = { getItem: (k: string) => this.store.get(k) ?? null, setItem: (k: string, v: string) => { this.store.set(k, v); } };
  setTimeout = (fn: () => void): unknown => { const id = this.next++; this.timers.set(id, fn); return id; };
  clearTimeout = (h: unknown): void => { this.timers.delete(h as number); };
  runTimers(): void { const t = [...this.timers.values()]; this.timers.clear(); for (const f of t) f(); }
}

const INITIAL = '; the page\'s own first program\n.prog xdp\n    r0 = 2\n    exit\n';
const newStore = () => createAppStore({ core: new DirectCore(), initialSource: INITIAL, autoVerify: false, debounceMs: 0 });
const payload = (s: Session): string => { const e = encodeSession(s); if (!e.ok) throw new Error(e.error.message); return e.payload; };

const shared: Session = {
  ...emptySession('.prog xdp\n.map counts hash key=4 value=8 max_entries=4\n    r0 = 1\n    exit\n'),
  input: { packet: 'eth/ipv4/tcp(dport=22)', ctx: ['ingress_ifindex=3'], env: ['pid=7'], maxSteps: 5000 },
  maps: [{ name: 'counts', entries: [{ key: '06000000', value: '0100000000000000' }] }],
  breakpoints: [3],
};
const mine: Session = { ...emptySession('; my own work\n.prog socket_filter\n    r0 = 0\n    exit\n'), breakpoints: [3] };

async function start(env: FakeEnv) {
  const store = newStore();
  const notices: SyncNotice[] = [];
  const sync = startSessionSync(store, env, (n) => notices.push(n));
  await sync.loaded;
  return { store, notices, sync };
}

describe('share links and autosave', () => {
  it('opens a shared link with its exact session, clears the fragment and saves it', async () => {
    const env = new FakeEnv(sessionHash(payload(shared)));
    const { store, notices } = await start(env);
    expect(store.getState().sessionSnapshot()).toEqual(shared);
    expect(notices.map((n) => n.kind)).toEqual(['link-opened']);
    expect(env.hash).toBe('');
    expect(env.store.get(AUTOSAVE_KEY)).toBe(payload(shared));
  });

  it('refuses a tampered link, says why, and restores the autosave without overwriting it', async () => {
    const env = new FakeEnv();
    env.store.set(AUTOSAVE_KEY, payload(mine));
    const good = payload(shared);
    env.hash = sessionHash(`${good.slice(0, 20)}${good[20] === 'A' ? 'B' : 'A'}${good.slice(21)}`);
    const { store, notices } = await start(env);
    expect(notices).toHaveLength(1);
    expect(notices[0]!.kind).toBe('link-refused');
    expect(notices[0]!.message).toMatch(/^This share link could not be opened: the link is damaged: .*Your current work was kept\.$/);
    expect(store.getState().sessionSnapshot()).toEqual(mine);
    env.runTimers();
    expect(env.store.get(AUTOSAVE_KEY)).toBe(payload(mine));
    // The refused link stays in the address bar; it is not silently dropped.
    expect(env.hash).not.toBe('');
  });

  it('keeps the page\'s program when a bad link arrives and nothing was saved', async () => {
    const env = new FakeEnv('#s=not-a-session');
    const { store, notices } = await start(env);
    expect(notices[0]!.kind).toBe('link-refused');
    expect(store.getState().source).toBe(INITIAL);
    expect(env.store.has(AUTOSAVE_KEY)).toBe(false);
  });

  it('refuses an oversized link with a message about its size', async () => {
    const env = new FakeEnv(`#s=${'A'.repeat(200_000)}`);
    const { notices } = await start(env);
    expect(notices[0]!.message).toMatch(/^This share link is too large to open: the link is 200 KB; bpfiddle opens links of at most 100 KB/);
  });

  it('saves edits after a pause, and the next start restores them', async () => {
    const env = new FakeEnv();
    const first = await start(env);
    first.store.getState().setSource('; edited\n    r0 = 0\n    exit\n');
    first.store.getState().toggleBreakpoint(2);
    expect(env.store.has(AUTOSAVE_KEY)).toBe(false);
    env.runTimers();
    expect(env.store.has(AUTOSAVE_KEY)).toBe(true);
    const second = await start(env);
    expect(second.notices.map((n) => n.kind)).toEqual(['autosave-restored']);
    expect(second.store.getState().source).toBe('; edited\n    r0 = 0\n    exit\n');
    expect([...second.store.getState().breakpoints]).toEqual([2]);
  });

  it('flushes a pending save at once when the page is hidden', async () => {
    const env = new FakeEnv();
    const { store, sync } = await start(env);
    store.getState().setPacketText('eth/ipv6/udp');
    sync.flush();
    const again = await start(env);
    expect(again.store.getState().input.packet).toBe('eth/ipv6/udp');
  });

  it('ignores a damaged autosave and tells the user', async () => {
    const env = new FakeEnv();
    env.store.set(AUTOSAVE_KEY, 'garbage!');
    const { store, notices } = await start(env);
    expect(notices.map((n) => n.kind)).toEqual(['autosave-refused']);
    expect(store.getState().source).toBe(INITIAL);
  });

  it('makes a share URL on the page\'s address without its old fragment', () => {
    const r = shareUrl('http://127.0.0.1:4317/play/#s=old', mine);
    expect(r.ok && r.url).toBe(`http://127.0.0.1:4317/play/#s=${payload(mine)}`);
  });
});
