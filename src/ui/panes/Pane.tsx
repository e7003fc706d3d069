// The frame every pane shares: a section labelled by its heading, a header row for the heading and
// the pane's own controls, and a body that scrolls on its own (so panes never push each other).
import type { ReactNode } from 'react';

export function Pane({ id, title, actions, children, className, scroll = true }: {
  id: string;
  title: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
  scroll?: boolean;
}) {
  return (
    <section className={`pane ${className ?? ''}`} aria-labelledby={`${id}-heading`} data-pane={id}>
      <div className="pane-header">
        <h2 id={`${id}-heading`}>{title}</h2>
        {actions && <div className="pane-actions">{actions}</div>}
      </div>
      <div className={`pane-body${scroll ? ' pane-body-scroll' : ''}`}>{children}</div>
    </section>
  );
}

/** What an empty pane says instead of showing nothing. */
export function Empty({ children }: { children: ReactNode }) {
  return <p className="pane-empty">{children}</p>;
}
