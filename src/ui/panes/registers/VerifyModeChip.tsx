// The verify-mode marker shared by the Registers and Stack panes: which instruction (and which of
// the verifier's visits of it) the abstract state belongs to, and the way back to the run.
import { useShallow } from 'zustand/react/shallow';
import { useApp } from '../../../store/react.js';

export function VerifyModeChip() {
  const { pc, state, select, onPath } = useApp(useShallow((s) => ({
    pc: s.selectedPc, state: s.abstractState, select: s.selectInstruction, onPath: s.selectedPath !== null,
  })));
  if (pc === null) return null;
  const visits = state?.visits ?? 0;
  if (onPath && state?.path) {
    return (
      <>
        <span className="mode-chip" title="The verifier's abstract state after this instruction on the selected path" data-testid="verify-chip">
          after insn {pc} · path #{state.path.id} step {state.path.step + 1}/{state.path.steps}
        </span>
        <button type="button" className="small-button" onClick={() => void select(null)} title="Show the run's concrete values again">
          Show run
        </button>
      </>
    );
  }
  return (
    <>
      <span className="mode-chip" title="The verifier's abstract state after this instruction" data-testid="verify-chip">
        after insn {pc}{visits > 1 ? ` · path ${state!.visit + 1}/${visits}` : ''}{!state ? ' · not reached' : ''}
      </span>
      {visits > 1 && (
        <button type="button" className="small-button" onClick={() => void select(pc, (state!.visit + 1) % visits)} title="The state on the next path that reaches this instruction">
          Next path
        </button>
      )}
      <button type="button" className="small-button" onClick={() => void select(null)} title="Show the run's concrete values again">
        Show run
      </button>
    </>
  );
}
