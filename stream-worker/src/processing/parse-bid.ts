import { bidMessageSchema, type BidMessage } from '@car-auction/contracts';

export interface RawMessage {
  partition: number;
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
}

export type ParsedMessage =
  { ok: true; bid: BidMessage; partition: number; offset: string } | { ok: false; reason: string; raw: RawMessage };

/**
 * A message that is not JSON, breaks the schema, or sits under another key than
 * its auction (it would bypass the one-writer-per-auction rule) is poison: it
 * goes to the dead-letter topic instead of stopping the partition.
 */
export function parseBidMessage(raw: RawMessage): ParsedMessage {
  if (!raw.value) return { ok: false, reason: 'empty message', raw };
  let json: unknown;
  try {
    json = JSON.parse(raw.value.toString('utf8'));
  } catch {
    return { ok: false, reason: 'not JSON', raw };
  }
  const parsed = bidMessageSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, reason: `schema: ${issue?.path.join('.') || 'message'}: ${issue?.message}`, raw };
  }
  if (raw.key?.toString('utf8') !== parsed.data.auctionId) {
    return { ok: false, reason: 'key does not match auctionId', raw };
  }
  return { ok: true, bid: parsed.data, partition: raw.partition, offset: raw.offset };
}
