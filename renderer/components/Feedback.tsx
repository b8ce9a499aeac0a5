import type { ReactNode } from 'react';
import { useT } from '../i18n/index.js';

export function ErrorAlert({ children }: { children: ReactNode }) {
  if (!children) return null;
  return (
    <p role="alert" className="error">
      {children}
    </p>
  );
}

export function Loading({ label }: { label?: string }) {
  const t = useT();
  return (
    <p role="status" className="loading">
      <span className="spinner" aria-hidden="true" />
      {label ?? t('common.loading')}
    </p>
  );
}

/** An empty state that teaches what to do next. */
export function EmptyState(props: { title: string; children: ReactNode; action?: ReactNode }) {
  return (
    <section className="empty" aria-label={props.title}>
      <h2>{props.title}</h2>
      <div className="empty-text">{props.children}</div>
      {props.action && <div className="empty-action">{props.action}</div>}
    </section>
  );
}
