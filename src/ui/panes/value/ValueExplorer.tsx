// The value explorer: what the verifier knows about one register's value (a scalar, or a
// pointer's variable offset), as its tnum drawn bit by bit (known 0, known 1, unknown; bit 63
// first, in bytes) and its four ranges (u64, s64, u32, s32) as bars on number lines.
import type { ValueView } from '../../../core/flow/index.js';
import './value.css';

const BIT_TITLE = { '0': 'known 0', '1': 'known 1', x: 'unknown' } as const;

function Bits({ bits }: { bits: string }) {
  const bytes = [];
  for (let b = 0; b < 8; b++) {
    const cells = [];
    for (let i = 0; i < 8; i++) {
      const k = b * 8 + i;
      const c = bits[k] as '0' | '1' | 'x';
      cells.push(<span key={i} className={`bit bit-${c}`} title={`bit ${63 - k}: ${BIT_TITLE[c]}`}>{c === 'x' ? '?' : c}</span>);
    }
    bytes.push(<span key={b} className="bit-byte" title={`bits ${63 - b * 8}..${56 - b * 8}`}>{cells}</span>);
  }
  return <div className="bits mono" data-testid="value-bits" aria-label={`64 bits, bit 63 first: ${bits}`}>{bytes}</div>;
}

const RANGE_NAMES = { u64: 'unsigned 64-bit', s64: 'signed 64-bit', u32: 'unsigned 32-bit (low half)', s32: 'signed 32-bit (low half)' } as const;

export function ValueExplorer({ value, label }: { value: ValueView; label: string }) {
  return (
    <div className="value-explorer" data-testid="value-explorer">
      <div className="value-head">
        <strong>{label}</strong>
        <span className="mono">var_off={value.tnum}</span>
        <span className="dim-note">{value.constant !== null ? `constant ${value.constant}` : `${value.known} of 64 bits known`}</span>
      </div>
      <Bits bits={value.bits} />
      <div className="ranges">
        {value.ranges.map((r) => {
          const left = `${(r.from * 100).toFixed(3)}%`;
          const width = `max(3px, ${((r.to - r.from) * 100).toFixed(3)}%)`;
          return (
            <div key={r.name} className="range-row" data-testid={`value-range-${r.name}`} title={RANGE_NAMES[r.name]}>
              <span className="range-name mono">{r.name}</span>
              <span className="range-track" aria-hidden="true">
                {(r.name === 's64' || r.name === 's32') && <span className="range-zero" />}
                <span className={`range-bar${r.full ? ' full' : ''}`} style={{ left, width }} />
              </span>
              <span className="range-text mono">{r.min === r.max ? r.min : `${r.min} .. ${r.max}`}</span>
            </div>
          );
        })}
      </div>
    </div>
  );
}
