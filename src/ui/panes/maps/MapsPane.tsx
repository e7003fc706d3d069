// The maps: one table per map the program declares. Before a run (and whenever the user chooses to
// edit) the tables are the initial contents, editable as hex or as an integer; while a session
// runs they show the contents at the current step, with the elements the last step changed marked.
import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { MapDecl } from '../../../core/asm/types.js';
import { entryId } from '../../../store/index.js';
import { useApp } from '../../../store/react.js';
import type { MapEntryText, MapView } from '../../../worker/protocol.js';
import { Empty, Pane } from '../Pane.js';
import { decodeInts, intToHex, parseHexBytes, spacedHex, toHex } from '../bytes.js';
import './maps.css';

function LiveMap({ map, changed }: { map: MapView; changed: ReadonlySet<string> }) {
  const keyless = map.keySize === 0;
  return (
    <table className="vtable mono map-table" aria-label={`Map ${map.name} contents`}>
      <thead>
        <tr>
          {!keyless && <th scope="col">key</th>}
          {!keyless && <th scope="col" className="int-col">= int</th>}
          <th scope="col">value</th>
          <th scope="col" className="int-col">= int</th>
        </tr>
      </thead>
      <tbody>
        {map.entries.map((e, i) => (
          <tr key={`${e.key}#${i}`} className={changed.has(entryId(map.name, e.key)) ? 'changed' : undefined} data-key={e.key}>
            {!keyless && <td title={spacedHex(e.key)}>{spacedHex(e.key)}</td>}
            {!keyless && <td className="int-col">{decodeInts(e.key)}</td>}
            <td title={e.value.split('/').map(spacedHex).join(' / ')}>{e.value.split('/').map(spacedHex).join(' / ')}</td>
            <td className="int-col" data-testid="map-int">{decodeInts(e.value)}</td>
          </tr>
        ))}
        {map.count > map.entries.length && (
          <tr><td colSpan={4} className="dim">… {map.count - map.entries.length} more elements</td></tr>
        )}
      </tbody>
    </table>
  );
}

function HexCell({ label, hex, size, onChange }: { label: string; hex: string; size: number; onChange: (hex: string) => void }) {
  const [text, setText] = useState(spacedHex(hex));
  const [intText, setIntText] = useState(decodeInts(hex));
  const bytes = parseHexBytes(text);
  const bad = !bytes || bytes.length !== size;
  // Follow changes from elsewhere (a loaded session), but never fight the user's typing.
  useEffect(() => {
    const b = parseHexBytes(text);
    if (!b || toHex(b) !== hex) { setText(spacedHex(hex)); setIntText(decodeInts(hex)); }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [hex]);
  return (
    <>
      <td>
        <input className={`field mono${bad ? ' invalid' : ''}`} aria-label={`${label} (hex)`} value={text} spellCheck={false}
          title={bad ? `${size} bytes as hex` : undefined}
          onChange={(e) => {
            setText(e.target.value);
            const b = parseHexBytes(e.target.value);
            if (b && b.length === size) { onChange(toHex(b)); setIntText(decodeInts(toHex(b))); }
          }} />
      </td>
      <td className="int-col">
        {size <= 8 ? (
          <input className="field mono" aria-label={`${label} (integer)`} value={intText} spellCheck={false}
            onChange={(e) => {
              setIntText(e.target.value);
              const h = intToHex(e.target.value, size);
              if (h !== null) { onChange(h); setText(spacedHex(h)); }
            }} />
        ) : <span className="dim">{decodeInts(hex)}</span>}
      </td>
    </>
  );
}

function InitialMap({ decl, entries }: { decl: MapDecl; entries: MapEntryText[] }) {
  const { setEntry, add, remove } = useApp(useShallow((s) => ({ setEntry: s.setMapEntry, add: s.addMapEntry, remove: s.removeMapEntry })));
  const keyless = decl.keySize === 0;
  const editable = !['ringbuf', 'perf_event_array', 'stack_trace'].includes(decl.type);
  return (
    <table className="vtable mono map-table editable" aria-label={`Map ${decl.name} initial contents`}>
      <thead>
        <tr>
          {!keyless && <th scope="col">key</th>}
          {!keyless && <th scope="col" className="int-col">= int</th>}
          <th scope="col">value</th>
          <th scope="col" className="int-col">= int</th>
          <th scope="col" className="act-col"><span className="visually-hidden">actions</span></th>
        </tr>
      </thead>
      <tbody>
        {entries.map((e, i) => (
          <tr key={i}>
            {!keyless && <HexCell label={`${decl.name} key ${i}`} hex={e.key} size={decl.keySize} onChange={(key) => setEntry(decl.name, i, { ...e, key })} />}
            <HexCell label={`${decl.name} value ${i}`} hex={e.value} size={decl.valueSize} onChange={(value) => setEntry(decl.name, i, { ...e, value })} />
            <td className="act-col">
              <button type="button" className="small-button" aria-label={`Remove ${decl.name} element ${i}`} title="Remove this element" onClick={() => remove(decl.name, i)}>×</button>
            </td>
          </tr>
        ))}
        {editable && (
          <tr>
            <td colSpan={keyless ? 3 : 5}>
              <button type="button" className="small-button" onClick={() => add(decl.name, nextEntry(decl, entries))}>
                Add element to {decl.name}
              </button>
            </td>
          </tr>
        )}
        {!editable && <tr><td colSpan={5} className="dim">{decl.type} maps are filled by the program</td></tr>}
      </tbody>
    </table>
  );
}

/** A new element: the next unused small integer key (array index), zero value. */
function nextEntry(decl: MapDecl, entries: MapEntryText[]): MapEntryText {
  const used = new Set(entries.map((e) => e.key));
  let k = 0;
  let key = intToHex(String(k), Math.min(decl.keySize, 8)) ?? '';
  while (decl.keySize > 0 && used.has(key.padEnd(decl.keySize * 2, '0')) && k < 1e6) key = intToHex(String(++k), Math.min(decl.keySize, 8)) ?? '';
  return { key: decl.keySize ? key.padEnd(decl.keySize * 2, '0') : '', value: '00'.repeat(decl.valueSize) };
}

export function MapsPane() {
  const { program, initial, live, changed, run, stale, stopRun } = useApp(useShallow((s) => ({
    program: s.lastGood, initial: s.initialMaps, live: s.liveMaps, changed: s.changedEntries, run: s.run, stale: s.runStale, stopRun: s.stopRun,
  })));
  const decls = program?.maps ?? [];
  const showLive = !!run && !stale && !!live;
  const actions = showLive ? (
    <>
      <span className="mode-chip" title="Contents at the current step">at step {run.step}</span>
      <button type="button" className="small-button" onClick={stopRun} title="End the session and edit the contents the next run starts with">Edit initial contents</button>
    </>
  ) : decls.length ? <span className="mode-chip" title="Loaded into the maps before every run">initial contents</span> : null;
  return (
    <Pane id="maps" title="Maps" actions={actions}>
      {!decls.length ? <Empty>The program declares no maps. Declare one with <code>.map NAME TYPE key=4 value=8 entries=16</code>.</Empty>
        : decls.map((d) => {
          const lv = showLive ? live.find((m) => m.name === d.name) : undefined;
          return (
            <div key={d.name} className="map-block" data-map={d.name}>
              <h3 className="map-title mono">
                {d.name} <span className="dim">{d.type} · key {d.keySize} B · value {d.valueSize} B · max {d.maxEntries}{lv ? ` · ${lv.count} element${lv.count === 1 ? '' : 's'}` : ''}</span>
              </h3>
              {lv ? (lv.entries.length ? <LiveMap map={lv} changed={changed} /> : <p className="hint">empty</p>)
                : <InitialMap decl={d} entries={initial[d.name] ?? []} />}
            </div>
          );
        })}
    </Pane>
  );
}
