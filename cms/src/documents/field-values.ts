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
