import type { ReactNode } from 'react';

/**
 * A horizontally scrollable wrapper for a wide table on a narrow screen. Focusable and named, so keyboard users
 * can scroll it too (WCAG: scrollable regions must be keyboard accessible).
 */
export function ScrollRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={label}>
      {children}
    </div>
  );
}
