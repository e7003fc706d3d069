// Registers r0-r10. Run mode: the session's values as hex, unsigned and signed, pointers named by
// what they point into (`fp-8`, `pkt+14`), the ones the last step changed marked. Verify mode: the
// verifier's abstract state after the selected instruction, in the kernel's notation and in words;
// clicking a register opens the value explorer under it (its tnum bit by bit, its ranges).
import { useShallow } from 'zustand/react/shallow';
import { useApp } from '../../../store/react.js';
import type { AbstractStateView, RunView } from '../../../worker/protocol.js';
import { Pane } from '../Pane.js';
import { ValueExplorer } from '../value/ValueExplorer.js';
import { VerifyModeChip } from './VerifyModeChip.js';

const NAMES = Array.from({ length: 11 }, (_, i) => `r${i}`);

function RunRegisters({ run }: { run: RunView | null }) {
  const changed = new Set(run?.changed ?? []);
  return (
    <table className="vtable mono regs" aria-label="Register values">
      <colgroup><col style={{ width: 42 }} /><col style={{ width: 150 }} /><col /><col /></colgroup>
      <thead><tr><th scope="col">reg</th><th scope="col">hex</th><th scope="col">unsigned</th><th scope="col">signed / points to</th></tr></thead>
      <tbody>
        {NAMES.map((name, i) => {
          const r = run?.regs[i];
          return (
            <tr key={name} data-reg={name} className={changed.has(i) ? 'changed' : undefined}>
              <th scope="row" className="name">{name}</th>
              <td className={r && r.unsigned === '0' ? 'dim' : undefined}>{r ? r.hex : '—'}</td>
              <td title={r?.unsigned}>{r ? r.unsigned : ''}</td>
              {r?.pointer ? <td className="ptr" title={`${r.pointer} (${r.signed})`}>{r.pointer}</td> : <td title={r?.signed}>{r ? r.signed : ''}</td>}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function AbstractRegisters({ state }: { state: AbstractStateView }) {
  const frame = state.frames[state.frames.length - 1]!;
  const { picked, pick } = useApp(useShallow((s) => ({ picked: s.selectedReg, pick: s.selectReg })));
  return (
    <table className="vtable mono regs abstract" aria-label="Register states">
      <colgroup><col style={{ width: 42 }} /><col /></colgroup>
      <thead><tr><th scope="col">reg</th><th scope="col">verifier state (kernel notation, then in words)</th></tr></thead>
      <tbody>
        {frame.regs.flatMap((r) => {
          const open = picked === r.reg && r.value;
          const row = (
            <tr key={r.reg} data-reg={`r${r.reg}`} className={`two-line${r.value ? ' pickable' : ''}${open ? ' picked' : ''}`}
              onClick={r.value ? () => pick(picked === r.reg ? null : r.reg) : undefined}
              title={r.value ? `Click to ${open ? 'close' : 'open'} R${r.reg} in the value explorer` : undefined}>
              <th scope="row" className="name">R{r.reg}</th>
              {r.kernel ? (
                <td title={r.kernel}>
                  <div>{r.kernel}</div>
                  <div className="words">{r.words}</div>
                </td>
              ) : <td className="dim" title={r.words}>? <span className="words">not initialised</span></td>}
            </tr>
          );
          if (!open || !r.value) return [row];
          const label = r.type === 'scalar' ? `R${r.reg}` : `R${r.reg}'s variable offset (${r.type})`;
          return [row, <tr key={`${r.reg}-value`} className="value-row"><td colSpan={2}><ValueExplorer value={r.value} label={label} /></td></tr>];
        })}
      </tbody>
    </table>
  );
}

export function RegistersPane() {
  const { mode, run, state } = useApp(useShallow((s) => ({ mode: s.mode, run: s.run, state: s.abstractState })));
  return (
    <Pane id="registers" title="Registers" actions={mode === 'verify' ? <VerifyModeChip /> : run ? <span className="dim-note mono" data-testid="reg-step">step {run.step}</span> : null}>
      {mode === 'verify' && state ? <AbstractRegisters state={state} /> : <RunRegisters run={run} />}
    </Pane>
  );
}
