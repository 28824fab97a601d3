import getRawBody from 'raw-body';
import type { Context } from 'koa';
import type { BidError } from './bid-errors';
import { isJsonMediaType, mediaTypeOf } from '../http/json-content-type';

/** A bid is `{"amount": n}`; anything near this size is not a bid. */
export const BID_BODY_LIMIT_BYTES = 16 * 1024;

export type BidBody = { ok: true; body: unknown } | { ok: false; error: BidError } | { ok: false; aborted: true };

const invalid = (status: 400 | 413 | 415, message: string): BidBody => ({ ok: false, error: { status, code: 'invalid_body', message } });

/**
 * Reads and parses the JSON body of a bid request, for the bid fast lane, which
 * skips Strapi's body parser (koa-body, with multipart and form support the bid
 * route never needs). Only JSON is taken; the charset and Content-Encoding were
 * already checked by the request-body-guard middleware, which runs first.
 */
export async function readBidBody(ctx: Context): Promise<BidBody> {
  const length = ctx.request.length as number | undefined;
  const chunked = Boolean(ctx.get('transfer-encoding'));
  if (!length && !chunked) return { ok: true, body: undefined };
  if (!isJsonMediaType(mediaTypeOf(ctx.get('content-type')))) return invalid(415, 'Send the bid as JSON (Content-Type: application/json)');
  let text: string;
  try {
    text = await getRawBody(ctx.req, { length, limit: BID_BODY_LIMIT_BYTES, encoding: 'utf8' });
  } catch (err) {
    const type = (err as { type?: string }).type;
    if (type === 'entity.too.large') return invalid(413, `A bid body is at most ${BID_BODY_LIMIT_BYTES} bytes`);
    if (type === 'request.aborted') return { ok: false, aborted: true };
    return invalid(400, 'The request body could not be read (its length does not match Content-Length)');
  }
  if (text.trim() === '') return { ok: true, body: undefined };
  try {
    return { ok: true, body: JSON.parse(text) };
  } catch {
    return invalid(400, 'The request body is not valid JSON');
  }
}
