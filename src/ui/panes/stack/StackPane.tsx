// The stack: each call frame's 512 bytes as 8-byte slots (fp-8 at the top, nearest the frame
// pointer), bytes in memory order, the slot as a little-endian u64, and the bytes the last step
// wrote marked. In verify mode, the verifier's slot types (spilled register, misc, zero, invalid).
import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useApp } from '../../../store/react.js';
import type { AbstractFrame, FrameView } from '../../../worker/protocol.js';
import { Empty, Pane } from '../Pane.js';
import { VerifyModeChip } from '../registers/VerifyModeChip.js';
import { hex2, u64le } from '../bytes.js';

const SLOTS = 64;

function FrameTable({ frame, written, hideZero }: { frame: FrameView; written: ReadonlySet<number>; hideZero: boolean }) {
  const rows = [];
  for (let k = 0; k < SLOTS; k++) {
    const off = -(k + 1) * 8;
    const base = 512 + off;
    const bytes = frame.stack.subarray(base, base + 8);
    const zero = bytes.every((b) => b === 0);
    const changed = [...Array(8).keys()].some((i) => written.has(base + i));
    if (hideZero && zero && !changed) continue;
    rows.push(
      <tr key={off} className={changed ? 'changed' : undefined} data-slot={off}>
        <th scope="row" className="name">fp{off}</th>
        <td>
          {[...bytes].map((b, i) => (
            <span key={i} className={written.has(base + i) ? 'byte-changed' : b === 0 ? 'byte-zero' : undefined}>{hex2(b)}{i < 7 ? ' ' : ''}</span>
          ))}
        </td>
        <td className={zero ? 'dim' : undefined}>{u64le(bytes).toString()}</td>
      </tr>,
    );
  }
  return (
    <table className="vtable mono" aria-label={`Stack frame ${frame.depth}`}>
      <colgroup><col style={{ width: 62 }} /><col style={{ width: 200 }} /><col /></colgroup>
      <thead><tr><th scope="col">slot</th><th scope="col">bytes (low address first)</th><th scope="col">u64</th></tr></thead>
      <tbody>{rows}</tbody>
    </table>
  );
}

function AbstractStack({ frame }: { frame: AbstractFrame }) {
  if (!frame.slots.length) return <Empty>The verifier tracks no stack slots here: nothing was written to the stack yet on this path.</Empty>;
  return (
    <table className="vtable mono" aria-label="Stack slot types">
      <colgroup><col style={{ width: 62 }} /><col /></colgroup>
      <thead><tr><th scope="col">slot</th><th scope="col">verifier slot type</th></tr></thead>
      <tbody>
        {frame.slots.map((s) => (
          <tr key={s.off} className="two-line" data-slot={s.off}>
            <th scope="row" className="name">fp{s.off}</th>
            <td title={s.kernel}><div>{s.kernel}</div><div className="words">{s.words}</div></td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function StackPane() {
  const { mode, run, state } = useApp(useShallow((s) => ({ mode: s.mode, run: s.run, state: s.abstractState })));
  const [hideZero, setHideZero] = useState(false);
  const [picked, setPicked] = useState<number | null>(null);
  const frames = run?.frames ?? [];
  const depth = picked !== null && picked < frames.length ? picked : frames.length - 1;
  const frame = frames[depth];
  const written = new Set<number>();
  for (const w of run?.writes ?? []) {
    if (w.region === `stack frame ${depth}`) for (let i = 0; i < w.size; i++) written.add(w.offset + i);
  }
  const verify = mode === 'verify' && state;
  const actions = verify ? <VerifyModeChip /> : (
    <>
      {frames.length > 1 && frames.map((f) => (
        <button key={f.depth} type="button" className="small-button" aria-pressed={f.depth === depth}
          onClick={() => setPicked(f.depth === frames.length - 1 ? null : f.depth)}
          title={f.callPc === null ? 'The main program' : `${f.callback ? 'Callback' : 'Called'} from instruction ${f.callPc}`}>
          {f.depth === 0 ? 'main' : `frame ${f.depth}`}
        </button>
      ))}
      <button type="button" className="small-button" aria-pressed={hideZero} onClick={() => setHideZero(!hideZero)} title="Show only slots that hold something">
        Non-zero only
      </button>
    </>
  );
  return (
    <Pane id="stack" title="Stack" actions={actions}>
      {verify ? <AbstractStack frame={state.frames[state.frames.length - 1]!} />
        : frame ? <FrameTable frame={frame} written={written} hideZero={hideZero} />
        : <Empty>The 512-byte stack frame appears here while a program runs (r10 points just past its top).</Empty>}
    </Pane>
  );
}
