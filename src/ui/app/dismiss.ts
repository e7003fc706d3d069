// How the header's popovers and dialogs go away: a mouse press outside the popover, or Escape.
// Each listener is on the document only while the popover or dialog is open.
import { useEffect, useRef, type RefObject } from 'react';

/** The latest `fn`, so a listener installed once still calls the current closure. */
function useLatest<T>(fn: T): RefObject<T> {
  const ref = useRef(fn);
  ref.current = fn;
  return ref;
}

/** While `open`, a mouse press anywhere outside `box` calls `close`. */
export function useOutsidePress(open: boolean, box: RefObject<HTMLElement | null>, close: () => void): void {
  const latest = useLatest(close);
  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent): void => { if (!box.current?.contains(e.target as Node)) latest.current(); };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [open, box, latest]);
}

/** While `open`, Escape (wherever the focus is) calls `close`. */
export function useEscape(open: boolean, close: () => void): void {
  const latest = useLatest(close);
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent): void => { if (e.key === 'Escape') latest.current(); };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [open, latest]);
}
