import type { ReactNode } from 'react';
import { ErrorMessage, Loading } from '../ui/States';

/**
 * The admin console's list scaffolding: loading, error (with retry), empty, and the scrollable table
 * region with its head and one row per item. Screens keep their own queries, filters and actions.
 */
export function AdminTable<T>({
  items,
  pending,
  error,
  onRetry,
  label,
  testId,
  empty,
  head,
  row,
}: {
  /** The rows; undefined while there is no answer yet. */
  items: T[] | undefined;
  pending: boolean;
  /** The query's error, or null. */
  error: unknown;
  onRetry: () => void;
  /** The table region's accessible name. */
  label: string;
  testId: string;
  /** What an empty list says. */
  empty: string;
  /** The header row's cells. */
  head: ReactNode;
  /** One table row (its own <tr> with a key) per item. */
  row: (item: T) => ReactNode;
}) {
  return (
    <>
      {pending && <Loading />}
      {error != null && <ErrorMessage error={error} onRetry={onRetry} />}
      {items && items.length === 0 && <p className="state empty">{empty}</p>}
      {items && items.length > 0 && (
        <div className="table-scroll" role="region" aria-label={label} tabIndex={0}>
          <table data-testid={testId}>
            <thead>
              <tr>{head}</tr>
            </thead>
            <tbody>{items.map(row)}</tbody>
          </table>
        </div>
      )}
    </>
  );
}
