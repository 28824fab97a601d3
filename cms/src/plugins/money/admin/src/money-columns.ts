import { formatCents } from '@car-auction/contracts';

interface Header {
  name: string;
  attribute?: { customField?: string };
  cellFormatter?: (row: Record<string, unknown>, header: Header) => unknown;
}

export const MONEY_FIELD_UID = 'plugin::money.money';

/** One cell: the row's cents as an amount in the row's currency (an auction has one; other types show US dollars' form). */
export function moneyCell(row: Record<string, unknown>, header: Pick<Header, 'name'>): string {
  const value = row[header.name];
  if (value === null || value === undefined || value === '') return '-';
  const cents = Number(value);
  if (!Number.isSafeInteger(cents)) return String(value);
  const currency = typeof row.currency === 'string' ? row.currency : 'USD';
  return formatCents(cents, currency);
}

/** The list view's columns (a hook waterfall): every money field's column shows an amount, not cents. */
export function formatMoneyColumns({ displayedHeaders, layout }: { displayedHeaders: Header[]; layout: unknown }) {
  return {
    layout,
    displayedHeaders: displayedHeaders.map((header) =>
      header.attribute?.customField === MONEY_FIELD_UID ? { ...header, cellFormatter: moneyCell } : header,
    ),
  };
}
