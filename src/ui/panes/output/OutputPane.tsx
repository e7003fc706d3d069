// What the run produced: r0 with its meaning for the program type (`2 XDP_PASS`), the fault with a
// jump to its instruction, the trace_printk console, ring buffer records and perf events, and the
// packet after the run with the bytes the program changed marked.
import { useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useShallow } from 'zustand/react/shallow';
import { lineOfPc } from '../../../store/index.js';
import { useApp } from '../../../store/react.js';
import type { RunView } from '../../../worker/protocol.js';
import { Empty, Pane } from '../Pane.js';
import { hexDump } from '../input/InputPane.js';
import { hex2 } from '../bytes.js';
import './output.css';

function Console({ lines, total }: { lines: string[]; total: number }) {
  const parent = useRef<HTMLDivElement>(null);
  const v = useVirtualizer({ count: lines.length, getScrollElement: () => parent.current, estimateSize: () => 18, overscan: 12 });
  return (
    <>
      <h3 className="section-title">trace_printk output{total > lines.length ? ` (last ${lines.length} of ${total} lines)` : ''}</h3>
      <div ref={parent} className="console mono" role="log" aria-label="Program output">
        <div style={{ height: v.getTotalSize(), position: 'relative' }}>
          {v.getVirtualItems().map((it) => (
            <div key={it.key} className="console-line" style={{ position: 'absolute', top: 0, transform: `translateY(${it.start}px)` }}>{lines[it.index]}</div>
          ))}
        </div>
      </div>
    </>
  );
}

function Verdict({ run }: { run: RunView }) {
  const { program, reveal } = useApp(useShallow((s) => ({ program: s.runProgram, reveal: s.revealInEditor })));
  if (run.status === 'running') {
    return <div className="run-verdict" data-testid="run-verdict">Paused at instruction {run.pc} after {run.step} step{run.step === 1 ? '' : 's'}.</div>;
  }
  if (run.status === 'exited') {
    return (
      <div className="run-verdict ok" data-testid="run-verdict">
        <span className="label">r0 =</span> <span className="mono r0">{run.r0}{run.r0Name ? ` ${run.r0Name}` : ''}</span>
        <span className="dim"> · exited after {run.step} instructions</span>
      </div>
    );
  }
  if (run.status === 'limit') {
    return (
      <div className="run-verdict warn" data-testid="run-verdict" role="alert">
        Stopped by the step limit after {run.step.toLocaleString('en-US')} instructions (at instruction {run.pc}). An endless loop? The kernel's verifier would reject a loop it cannot bound.
      </div>
    );
  }
  const f = run.fault!;
  const line = lineOfPc(program, f.pc);
  return (
    <div className="run-verdict error" data-testid="run-verdict" role="alert">
      <span className="label">Fault</span> at instruction {f.pc}{line !== null && <> (<button type="button" className="link-button" onClick={() => reveal(line, 1)}>go to line {line}</button>)</>}: {f.message}
    </div>
  );
}

function PacketAfter({ before, now }: { before: Uint8Array; now: Uint8Array }) {
  const same = before.length === now.length && before.every((b, i) => b === now[i]);
  const changed = (i: number) => i >= before.length || before[i] !== now[i];
  return (
    <>
      <h3 className="section-title">Packet now{same ? ' (unchanged)' : before.length !== now.length ? ` (${before.length} → ${now.length} bytes)` : ' (changed bytes marked)'}</h3>
      <div className="hexdump mono" aria-label="Packet after the run">{hexDump(now, changed)}</div>
    </>
  );
}

export function OutputPane() {
  const run = useApp((s) => s.run);
  const runError = useApp((s) => s.runError);
  return (
    <Pane id="output" title="Output">
      {runError && <p className="run-verdict error" role="alert">Cannot run: {runError.message}</p>}
      {!run ? (!runError && <Empty>Run the program (F5) or step through it (F11) to see r0, printed output, ring buffer events and the packet afterwards.</Empty>) : (
        <>
          <Verdict run={run} />
          {run.outputCount > 0 && <Console lines={run.output} total={run.outputCount} />}
          {run.ringbuf.filter((r) => r.records.length).map((r) => (
            <div key={r.map}>
              <h3 className="section-title">Ring buffer {r.map} ({r.records.length} record{r.records.length === 1 ? '' : 's'})</h3>
              <ol className="records mono">
                {r.records.map((x, i) => (
                  <li key={i}>{x.busy ? '[reserved] ' : x.discarded ? '[discarded] ' : ''}{Array.from(x.data, hex2).join(' ')}</li>
                ))}
              </ol>
            </div>
          ))}
          {run.perfEvents.length > 0 && (
            <div>
              <h3 className="section-title">Perf events ({run.perfEvents.length})</h3>
              <ol className="records mono">{run.perfEvents.map((e, i) => <li key={i}>{e.map} cpu{e.cpu}: {Array.from(e.data, hex2).join(' ')}</li>)}</ol>
            </div>
          )}
          {run.packetBefore && run.packetNow && <PacketAfter before={run.packetBefore} now={run.packetNow} />}
        </>
      )}
    </Pane>
  );
}
