import { errors } from '@strapi/utils';

/** A 400 whose message the Content Manager shows under the field (details.errors, by path). */
export function fieldError(field: string, message: string): errors.ValidationError {
  return new errors.ValidationError(message, { errors: [{ path: [field], message, name: 'ValidationError' }] });
}

export type Row = Record<string, unknown> & { documentId?: string };

const ISO_DATE = /^\d{4}-\d{2}-\d{2}T/;
const NUMBER = /^-?\d+(\.\d+)?$/;

/**
 * A field's value as one kind whatever its source: bigintegers and decimals
 * arrive as strings or numbers, dates as ISO strings or Dates, empty as null,
 * undefined or ''.
 */
export function comparable(value: unknown): unknown {
  if (value === undefined || value === null || value === '') return null;
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'string' && ISO_DATE.test(value)) {
    const at = Date.parse(value);
    return Number.isFinite(at) ? at : value;
  }
  if (typeof value === 'string' && NUMBER.test(value.trim())) return Number(value);
  return value;
}

export const same = (a: unknown, b: unknown) => comparable(a) === comparable(b);

/**
 * What an incoming relation value does to the stored link: null when it leaves
 * it alone (the Content Manager sends empty connect/disconnect lists), else the
 * linked document id it asks for ('' to unlink).
 */
export function relationTarget(value: unknown, stored: string | null): string | null {
  if (value === undefined) return null;
  if (value === null) return stored === null ? null : '';
  const idOf = (item: unknown) =>
    typeof item === 'string' ? item : String((item as { documentId?: string; id?: unknown } | null)?.documentId ?? '');
  if (typeof value === 'string') return value === stored ? null : value;
  const { connect, disconnect, set } = value as { connect?: unknown[]; disconnect?: unknown[]; set?: unknown[] };
  const next = set ? (set[0] === undefined ? '' : idOf(set[0])) : connect?.length ? idOf(connect.at(-1)) : disconnect?.length ? '' : null;
  return next === null || next === (stored ?? '') ? null : next;
}
