// The state diff: what one step changed in the verifier's state (each register's type, bounds,
// tnum and ids, each stack slot) and why the verifier learned it. At a branched path's first
// step it also shows how the branch into the path refined the state. Clicking a register opens
// it in the value explorer (in the Registers pane).
import { useShallow } from 'zustand/react/shallow';
import type { RegChange, StepDiff } from '../../../core/flow/index.js';
import { useApp } from '../../../store/react.js';
import './diff.css';

function RegRow({ c, onPick }: { c: RegChange; onPick: (reg: number) => void }) {
  return (
    <li className="diff-reg" data-reg={`r${c.reg}`}>
      <div className="diff-line mono">
        <button type="button" className="link-button reg-name" onClick={() => onPick(c.reg)} title={`Show r${c.reg} in the value explorer`}>R{c.reg}</button>
        <span className="diff-before">{c.before || 'not initialised'}</span>
        <span className="diff-arrow" aria-hidden="true">→</span>
        <span className="diff-after">{c.after || 'not initialised'}</span>
      </div>
      <div className="diff-why" data-testid="diff-why">{c.why}</div>
      {c.fields.some((f) => f.field !== 'type') ? (
        <div className="diff-fields mono">
          {c.fields.map((f) => <span key={f.field} className="diff-field" title={`${f.field}: ${f.before} → ${f.after}`}>{f.field} {f.before} → {f.after}</span>)}
        </div>
      ) : null}
    </li>
  );
}

function DiffBody({ diff, onPick }: { diff: StepDiff; onPick: (reg: number) => void }) {
  return (
    <>
      <p className="diff-summary" data-testid="diff-summary"><span className="mono">{diff.pc}:</span> {diff.summary}</p>
      {diff.regs.length > 0 && <ul className="diff-list">{diff.regs.map((c) => <RegRow key={c.reg} c={c} onPick={onPick} />)}</ul>}
      {diff.slots.length > 0 && (
        <ul className="diff-list">
          {diff.slots.map((c) => (
            <li key={c.off} className="diff-reg" data-slot={c.off}>
              <div className="diff-line mono">
                <span className="reg-name">fp{c.off}</span>
                <span className="diff-before">{c.before || 'invalid'}</span>
                <span className="diff-arrow" aria-hidden="true">→</span>
                <span className="diff-after">{c.after || 'invalid'}</span>
              </div>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

export function StateDiff() {
  const { step, pickReg } = useApp(useShallow((s) => ({ step: s.mode === 'verify' ? s.stepView : null, pickReg: s.selectReg })));
  if (!step) return <p className="pane-empty">Pick a path (or an instruction in the log) to see what each step changed and why.</p>;
  return (
    <div className="state-diff" data-testid="state-diff" aria-label="State diff">
      {step.entry && (
        <section className="diff-entry" aria-label="How this path began">
          <h3>How this path began</h3>
          <DiffBody diff={step.entry} onPick={pickReg} />
        </section>
      )}
      <section aria-label="What this step changed">
        <h3>Instruction {step.pc}</h3>
        <DiffBody diff={step.diff} onPick={pickReg} />
      </section>
    </div>
  );
}
