import type { ReactNode } from 'react'

export interface Column<T> {
  /** Unique among the columns. */
  readonly key: string
  readonly header: ReactNode
  readonly render: (row: T) => ReactNode
  /** e.g. 'numeric' (right-aligned) or 'actions' (buttons, right-aligned, no wrap). */
  readonly className?: string
}

export interface TableProps<T> {
  /** What the table lists; shown, or read to screen readers only with `hideCaption`. */
  readonly caption: string
  readonly hideCaption?: boolean
  readonly columns: readonly Column<T>[]
  readonly rows: readonly T[]
  readonly rowKey: (row: T) => string
  /** Shown instead of the table when there are no rows (an EmptyState). */
  readonly empty?: ReactNode
}

/**
 * A data table with a caption and column headers. On narrow screens each row becomes a card
 * whose cells carry their column's name, so row actions stay on screen.
 */
export function Table<T>({
  caption,
  hideCaption = false,
  columns,
  rows,
  rowKey,
  empty,
}: TableProps<T>) {
  if (rows.length === 0 && empty !== undefined) {
    return <>{empty}</>
  }
  return (
    <div className="table-wrap">
      <table className="table data-table">
        <caption className={hideCaption ? 'visually-hidden' : undefined}>{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column.key} scope="col" className={column.className}>
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)}>
              {columns.map((column) => (
                <td
                  key={column.key}
                  className={column.className}
                  data-label={typeof column.header === 'string' ? column.header : undefined}
                >
                  {column.render(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
