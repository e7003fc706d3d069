// The header's Examples menu: the programs of examples.ts by group. Picking one loads it as a
// whole session (source, input, initial maps) through the store's loadSession; the editor applies
// the new text as one undoable edit, so Ctrl+Z brings the previous program back.
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useOutsidePress } from '../app/dismiss.js';
import { useApp } from '../../store/react.js';
import { EXAMPLE_GROUPS, EXAMPLES, exampleSession, type Example } from './examples.js';
import '../app/chrome.css';
import './examples.css';

export function ExamplesMenu() {
  const loadSession = useApp((s) => s.loadSession);
  const [open, setOpen] = useState(false);
  const boxRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (open) menuRef.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
  }, [open]);
  useOutsidePress(open, boxRef, () => setOpen(false));

  const pick = (e: Example): void => {
    setOpen(false);
    buttonRef.current?.focus();
    void loadSession(exampleSession(e));
  };

  const onMenuKey = (e: KeyboardEvent<HTMLDivElement>): void => {
    const items = [...(menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const at = items.indexOf(document.activeElement as HTMLElement);
    const move = (i: number): void => { e.preventDefault(); items[(i + items.length) % items.length]?.focus(); };
    if (e.key === 'ArrowDown') move(at + 1);
    else if (e.key === 'ArrowUp') move(at - 1);
    else if (e.key === 'Home') move(0);
    else if (e.key === 'End') move(items.length - 1);
    else if (e.key === 'Escape' || e.key === 'Tab') { setOpen(false); buttonRef.current?.focus(); }
  };

  return (
    <div className="examples" ref={boxRef}>
      <button
        ref={buttonRef}
        type="button"
        className="header-button examples-button"
        aria-haspopup="menu"
        aria-expanded={open}
        title="Load an example program with its input"
        onClick={() => setOpen((o) => !o)}
      >
        Examples
        <svg width="10" height="10" viewBox="0 0 10 10" aria-hidden="true"><path d="M2 3.5l3 3 3-3" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" /></svg>
      </button>
      {open && (
        <div className="popover examples-menu" role="menu" aria-label="Examples" ref={menuRef} onKeyDown={onMenuKey}>
          {EXAMPLE_GROUPS.map((g) => (
            <div key={g} role="group" aria-labelledby={`examples-group-${g.replace(/\W+/g, '-')}`}>
              <div className="examples-group" id={`examples-group-${g.replace(/\W+/g, '-')}`}>{g}</div>
              {EXAMPLES.filter((e) => e.group === g).map((e) => (
                <button key={e.id} type="button" role="menuitem" className="menu-item examples-item" data-example={e.id} onClick={() => pick(e)}>
                  {e.title}
                </button>
              ))}
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
