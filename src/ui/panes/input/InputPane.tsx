// The run's input, shaped by the program type (from the program-type table): the packet for packet
// programs (a packet spec such as `eth/ipv4/udp(dport=53)`, or hex, or a pasted tcpdump/xxd dump),
// the context fields the kernel's test run accepts, the simulated environment and the step limit.
// The packet is checked as it is typed; everything else when the run starts (errors show here).
import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { progTypeSpec } from '../../../core/progtypes/index.js';
import { selectProgType } from '../../../store/index.js';
import { useApp } from '../../../store/react.js';
import { Pane } from '../Pane.js';
import { hex2 } from '../bytes.js';
import { usePacketParser } from './packetParser.js';
import './input.css';

const ENV_KEYS = 'pid, tgid, uid, gid, comm, cpu, ncpus, time, seed, numa, hz';

export function hexDump(bytes: Uint8Array, mark?: (i: number) => boolean) {
  const lines = [];
  for (let at = 0; at < bytes.length; at += 16) {
    const cells = [];
    for (let i = at; i < Math.min(at + 16, bytes.length); i++) {
      const sep = i === at ? '' : i - at === 8 ? '  ' : ' ';
      cells.push(sep, <span key={i} className={mark?.(i) ? 'byte-changed' : undefined}>{hex2(bytes[i]!)}</span>);
    }
    lines.push(<div key={at}><span className="off">{at.toString(16).padStart(4, '0')}  </span>{cells}</div>);
  }
  return lines;
}

export function InputPane() {
  const { progType, input, setPacket, setCtx, setEnv, setInput, runError } = useApp(useShallow((s) => ({
    progType: selectProgType(s), input: s.input, setPacket: s.setPacketText, setCtx: s.setCtxFields, setEnv: s.setEnv, setInput: s.setInput,
    runError: s.runError,
  })));
  const spec = progTypeSpec(progType);
  const given = spec?.input === 'packet' && input.packet.trim() !== '';
  const parse = usePacketParser(given);
  const packet = useMemo(() => (given && parse ? parse(input.packet) : null), [given, parse, input.packet]);
  const err = (field: string) => (runError && runError.field === field ? <p className="hint error-text" role="alert">{runError.message}</p> : null);
  return (
    <Pane id="input" title="Input" actions={<span className="mode-chip mono" title={spec?.doc}>{progType}</span>}>
      <div className="input-pane">
        {spec && <p className="hint">{spec.inputDoc}</p>}
        {spec?.input === 'packet' && (
          <>
            <label className="section-title" htmlFor="packet-input">Packet</label>
            <div className="input-row">
              <textarea id="packet-input" className={`field mono${packet && !packet.ok ? ' invalid' : ''}`} rows={3} spellCheck={false}
                aria-label="Packet" value={input.packet} onChange={(e) => setPacket(e.target.value)}
                placeholder="eth/ipv4/tcp(dport=80)   or hex: 00 11 22 …" />
            </div>
            <p className="hint" data-testid="packet-status">
              {!given ? 'No packet given: a 14-byte zero Ethernet header is used.'
                : !packet ? 'Reading the packet…'
                : packet.ok ? <>{packet.bytes.length} bytes from {packet.form === 'spec' ? 'the packet spec' : 'hex'}
                  {packet.form === 'spec' && <> · <button type="button" className="link-button" onClick={() => setPacket(Array.from(packet.bytes, hex2).join(' '))}>Edit as hex</button></>}</>
                : <span className="error-text">column {packet.errors[0]!.col}: {packet.errors[0]!.message}</span>}
            </p>
            {packet?.ok && <div className="hexdump mono" aria-label="Packet bytes">{hexDump(packet.bytes)}</div>}
            {err('packet')}
          </>
        )}
        <label className="section-title" htmlFor="ctx-input">Context fields</label>
        <div className="input-row">
          <textarea id="ctx-input" className="field mono" rows={2} spellCheck={false} aria-label="Context fields"
            value={input.ctx.join('\n')} onChange={(e) => setCtx(e.target.value.split('\n'))}
            placeholder={spec?.ctxInFields.length ? `${spec.ctxInFields[0]}=1` : 'FIELD=VALUE'} />
        </div>
        <p className="hint">One FIELD=VALUE per line{spec?.ctxInFields.length ? `; settable: ${spec.ctxInFields.slice(0, 12).join(', ')}${spec.ctxInFields.length > 12 ? ', …' : ''}` : ''}. Values: 42, 0x2a, 10.0.0.1, str:text, hex:0a0b.</p>
        {err('ctx')}
        <label className="section-title" htmlFor="env-input">Environment</label>
        <div className="input-row">
          <textarea id="env-input" className="field mono" rows={2} spellCheck={false} aria-label="Environment"
            value={input.env.join('\n')} onChange={(e) => setEnv(e.target.value.split('\n'))} placeholder="pid=1234" />
        </div>
        <p className="hint">KEY=VALUE per line: {ENV_KEYS}. Clocks advance 1 ns per instruction, so runs repeat exactly.</p>
        {err('env')}
        {err('input')}
        {err('maps')}
        <label className="section-title" htmlFor="limit-input">Step limit</label>
        <div className="input-row">
          <input id="limit-input" className="field mono" type="number" min={1} max={100000000} aria-label="Step limit"
            value={input.maxSteps ?? 1000000}
            onChange={(e) => { const n = Number(e.target.value); if (Number.isInteger(n) && n > 0) setInput({ ...input, maxSteps: n }); }} />
        </div>
        <p className="hint">A run stops after this many instructions (the verifier would reject a program that could loop forever; the VM runs what you give it).</p>
      </div>
    </Pane>
  );
}
