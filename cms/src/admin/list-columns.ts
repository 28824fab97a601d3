interface Header {
  name: string;
  attribute?: { type?: string };
  cellFormatter?: (row: Record<string, unknown>, header: Header) => unknown;
}

const SHORT = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });

/** A list cell for a date and time: "Dec 2, 02:30 PM", so an auction row keeps its price and bids in view. */
export function shortDateCell(row: Record<string, unknown>, header: Pick<Header, 'name'>): string {
  const value = row[header.name];
  if (value === null || value === undefined || value === '') return '-';
  const at = new Date(value as string);
  return Number.isNaN(at.getTime()) ? String(value) : SHORT.format(at);
}

/** The list view's columns (a hook waterfall): datetime columns in the short form. */
export function shortDateColumns({ displayedHeaders, layout }: { displayedHeaders: Header[]; layout: unknown }) {
  return {
    layout,
    displayedHeaders: displayedHeaders.map((header) =>
      header.attribute?.type === 'datetime' && !header.cellFormatter ? { ...header, cellFormatter: shortDateCell } : header,
    ),
  };
}
