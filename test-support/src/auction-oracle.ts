import {
  maskName,
  proxyRowId,
  type AuctionConfig,
  type AutomaticBid,
  type BidLedgerRow,
  type BidRejectionReason,
  type IncrementTier,
  type LedgerStateAfter,
} from '@car-auction/contracts';

/**
 * An independent statement of the auction rules, in TypeScript, written from
 * the rules as the README and issue 12 state them (not from the Redis library
 * that runs them): the property test and the e2e audits hold the engine to it.
 * Pure: each step takes a state and answers the next one; nothing here reads a
 * clock, a store or the engine.
 */

/** A bid as the engine is handed it (one Kafka message). */
export interface OracleBid {
  bidId: string;
  bidderId: number;
  /** Unmasked; the state shows it masked (maskName). */
  username: string;
  amount: number;
  /** The bid's maximum (a proxy bid); absent or null for a plain bid (its maximum is its amount). */
  maxAmount?: number | null;
  placedAt: number;
  /** The Kafka partition; every bid of an auction is on one (the key is the auction). */
  partition?: number;
  offset: number;
}

/** An automatic bid the engine made for the leader standing before a bid (contracts' shape). */
export type OracleAutomaticBid = AutomaticBid;

export interface OracleState {
  /** Null until a bid was accepted. */
  price: number | null;
  leaderId: number | null;
  leaderUsername: string | null;
  leaderName: string | null;
  /** The leader's maximum (the price itself for a plain bid). */
  leaderMax: number | null;
  /** The bid that set the leader's maximum. */
  leaderBidId: string | null;
  bidCount: number;
  seq: number;
  /** 0 unless soft close extended the end. */
  softCloseUntil: number;
  closedAs: 'sold' | 'unsold' | null;
  lastPartition: number | null;
  lastOffset: number | null;
  withdrawn: boolean;
}

export interface OracleDecision {
  bidId: string;
  outcome: 'accepted' | 'rejected' | 'stale';
  reason: BidRejectionReason | null;
  /** The price this bid's own row set, or null (it lost, or only changed its owner's maximum). */
  price: number | null;
  automatic: OracleAutomaticBid | null;
  /** The state's seq after the decision (a rejected bid: the seq it saw, or its automatic bid's). */
  seq: number;
  /**
   * Whether what others see moved (the price or the leader): only that is announced and posted
   * to the cms. A leader changing their maximum changes the state (`after`) but not this.
   */
  changed: boolean;
  /** True when the bid id had been decided before: the stored decision is answered again. */
  replayed: boolean;
  /** The leader this decision displaced (told they were outbid), or null. */
  previousLeaderId: number | null;
  /** The state after, as the ledger keeps it, when the decision changed it (a maximum included). */
  after: LedgerStateAfter | null;
  currentPrice: number | null;
  leaderId: number | null;
  leaderName: string | null;
  bidCount: number;
  /** The effective end after the decision. */
  endsAt: number;
  minimumNextBid: number;
  increment: number;
}

export type OracleClose =
  | {
      closed: true;
      status: 'sold' | 'unsold';
      seq: number;
      finalPrice: number | null;
      leaderId: number | null;
      leaderName: string | null;
      bidCount: number;
      endsAt: number;
    }
  | { closed: false; why: 'already_closed' | 'extended' | 'unknown_auction'; endsAt?: number };

export const initialState = (): OracleState => ({
  price: null,
  leaderId: null,
  leaderUsername: null,
  leaderName: null,
  leaderMax: null,
  leaderBidId: null,
  bidCount: 0,
  seq: 0,
  softCloseUntil: 0,
  closedAs: null,
  lastPartition: null,
  lastOffset: null,
  withdrawn: false,
});

/** The increment at a price: the fixed one, or the last tier starting at or below it. */
export function incrementAt(config: Pick<AuctionConfig, 'minIncrement' | 'incrementTiers'>, price: number): number {
  const tiers: readonly IncrementTier[] = config.incrementTiers ?? [];
  if (tiers.length === 0) return config.minIncrement;
  let increment = tiers[0]!.increment;
  for (const tier of tiers) if (tier.fromPrice <= price) increment = tier.increment;
  return increment;
}

const hasBids = (state: OracleState) => state.bidCount > 0 && state.price !== null;

export const minimumNextBid = (config: AuctionConfig, state: OracleState): number =>
  hasBids(state) ? state.price! + incrementAt(config, state.price!) : config.startingPrice;

/** The increment the state shows: at the current price, or at the starting price before any bid. */
export const currentIncrement = (config: AuctionConfig, state: OracleState): number =>
  incrementAt(config, hasBids(state) ? state.price! : config.startingPrice);

/** The end in force: soft close may push it later, an admin's "end now" (hardEndAt) never lets it be later. */
export const effectiveEnd = (config: AuctionConfig, state: OracleState): number => {
  const ends = Math.max(config.endsAt, state.softCloseUntil);
  return config.hardEndAt && config.hardEndAt < ends ? config.hardEndAt : ends;
};

/** A price the bidder's maximum reaches the reserve with is lifted to the reserve. */
const withReserve = (config: AuctionConfig, price: number, max: number) =>
  config.reservePrice > price && max >= config.reservePrice ? config.reservePrice : price;

/** Soft close after a decision that changed the price or the leader, at time t. */
function extended(config: AuctionConfig, state: OracleState, t: number): number {
  if (config.softCloseMs <= 0 || (config.hardEndAt ?? 0) > 0) return state.softCloseUntil;
  let until = t + config.softCloseMs;
  if (config.softCloseCapMs > 0) until = Math.min(until, config.endsAt + config.softCloseCapMs);
  return until > effectiveEnd(config, state) ? until : state.softCloseUntil;
}

const afterOf = (state: OracleState): LedgerStateAfter => ({
  currentPrice: state.price!,
  leaderId: state.leaderId!,
  leaderName: state.leaderName!,
  leaderUsername: state.leaderUsername!,
  leaderMax: state.leaderMax!,
  leaderBidId: state.leaderBidId!,
  bidCount: state.bidCount,
  softCloseUntil: state.softCloseUntil,
});

function decisionOf(
  config: AuctionConfig,
  before: OracleState,
  state: OracleState,
  bid: OracleBid,
  fields: { outcome: OracleDecision['outcome']; reason?: BidRejectionReason; price?: number | null; automatic?: OracleAutomaticBid | null },
  stateChanged: boolean,
): OracleDecision {
  return {
    bidId: bid.bidId,
    outcome: fields.outcome,
    reason: fields.reason ?? null,
    price: fields.price ?? null,
    automatic: fields.automatic ?? null,
    seq: state.seq,
    changed: state.price !== before.price || state.leaderId !== before.leaderId,
    replayed: false,
    previousLeaderId: state.leaderId !== before.leaderId ? before.leaderId : null,
    after: stateChanged ? afterOf(state) : null,
    currentPrice: state.price,
    leaderId: state.leaderId,
    leaderName: state.leaderName,
    bidCount: state.bidCount,
    endsAt: effectiveEnd(config, state),
    minimumNextBid: minimumNextBid(config, state),
    increment: currentIncrement(config, state),
  };
}

/**
 * Decides a bid that was not decided before (rules 2 to 8; rule 1, a redelivered
 * id, is the caller's: see OracleAuction). Answers the state after and the decision.
 */
export function decideNewBid(config: AuctionConfig, state: OracleState, bid: OracleBid): { state: OracleState; decision: OracleDecision } {
  const partition = bid.partition ?? 0;
  // 2. A position at or below the last applied one of the partition changes nothing.
  if (state.lastPartition === partition && state.lastOffset !== null && bid.offset <= state.lastOffset) {
    return { state, decision: decisionOf(config, state, state, bid, { outcome: 'stale' }, false) };
  }
  const seen: OracleState = { ...state, lastPartition: partition, lastOffset: bid.offset };
  const reject = (reason: BidRejectionReason) => ({
    state: seen,
    decision: decisionOf(config, state, seen, bid, { outcome: 'rejected', reason }, false),
  });
  const t = bid.placedAt;
  // 3. Whether the auction takes bids at all, at the time the bid was placed.
  if (state.withdrawn) return reject('auction_withdrawn');
  if (t < config.startsAt) return reject('not_started');
  if (state.closedAs !== null || t >= effectiveEnd(config, state)) return reject('auction_ended');

  const M = bid.maxAmount ?? bid.amount;
  const B = { leaderId: bid.bidderId, leaderUsername: bid.username, leaderName: maskName(bid.username), leaderBidId: bid.bidId };
  const P = state.price;
  const L = state.leaderMax;
  const inc = (x: number) => incrementAt(config, x);

  // 4. The leader bids again: only their maximum changes (and the price only to meet the reserve).
  // A plain bid never lowers it (a second tab, a double click); only a maximum given may.
  if (hasBids(state) && state.leaderId === bid.bidderId) {
    const M = bid.maxAmount ?? Math.max(bid.amount, L!);
    if (M < P!) return reject('max_below_price');
    const price = withReserve(config, P!, M);
    const moved = price !== P;
    // The same maximum again is no change: nothing moves, not even seq.
    if (!moved && M === L) return { state: seen, decision: decisionOf(config, state, seen, bid, { outcome: 'accepted' }, false) };
    const next: OracleState = {
      ...seen,
      ...B,
      leaderMax: M,
      price,
      bidCount: seen.bidCount + (moved ? 1 : 0),
      seq: seen.seq + 1,
      softCloseUntil: moved ? extended(config, seen, t) : seen.softCloseUntil,
    };
    return { state: next, decision: decisionOf(config, state, next, bid, { outcome: 'accepted', price: moved ? price : null }, true) };
  }
  // 5. Below the minimum next bid (equal amounts: the earlier one took the price). A bid with a
  // maximum that reaches the minimum is lifted to it: the price moved since its bidder looked.
  const minimum = minimumNextBid(config, state);
  if (M < minimum) return reject('below_minimum');
  const A = Math.max(bid.amount, minimum);
  // 6. The first bid.
  if (!hasBids(state)) {
    const price = withReserve(config, A, M);
    const next: OracleState = {
      ...seen,
      ...B,
      leaderMax: M,
      price,
      bidCount: 1,
      seq: seen.seq + 1,
      softCloseUntil: extended(config, seen, t),
    };
    return { state: next, decision: decisionOf(config, state, next, bid, { outcome: 'accepted', price }, true) };
  }
  const automaticFor = (amount: number, seq: number): OracleAutomaticBid => ({
    bidderId: state.leaderId!,
    bidderUsername: state.leaderUsername!,
    amount,
    maxAmount: L!,
    proxyFor: state.leaderBidId,
    seq,
  });
  // 7. The leader's maximum reaches this bid's: the leader answers it at once and stays.
  if (M <= L!) {
    const amount = withReserve(config, Math.min(L!, M + inc(M)), L!);
    const next: OracleState = {
      ...seen,
      price: amount,
      bidCount: seen.bidCount + 1,
      seq: seen.seq + 1,
      softCloseUntil: extended(config, seen, t),
    };
    const automatic = automaticFor(amount, next.seq);
    return {
      state: next,
      decision: decisionOf(config, state, next, bid, { outcome: 'rejected', reason: 'outbid_by_maximum', automatic }, true),
    };
  }
  // 8. This maximum beats the leader's: the leader's maximum is bid up first if it reaches the amount.
  let automatic: OracleAutomaticBid | null = null;
  let seq = seen.seq;
  let count = seen.bidCount;
  if (L! > P! && A <= L!) {
    seq += 1;
    count += 1;
    automatic = automaticFor(L!, seq);
  }
  const price = withReserve(config, Math.max(A, Math.min(M, L! + inc(L!))), M);
  const next: OracleState = {
    ...seen,
    ...B,
    leaderMax: M,
    price,
    bidCount: count + 1,
    seq: seq + 1,
    softCloseUntil: extended(config, seen, t),
  };
  return { state: next, decision: decisionOf(config, state, next, bid, { outcome: 'accepted', price, automatic }, true) };
}

/** The closer at `endedBy`: sold when there are bids at or above the reserve, else unsold. */
export function closeAt(config: AuctionConfig, state: OracleState, endedBy: number): { state: OracleState; result: OracleClose } {
  if (state.withdrawn) return { state, result: { closed: false, why: 'unknown_auction' } };
  if (state.closedAs !== null) return { state, result: { closed: false, why: 'already_closed' } };
  const end = effectiveEnd(config, state);
  if (end > endedBy) return { state, result: { closed: false, why: 'extended', endsAt: end } };
  const status = hasBids(state) && state.price! >= config.reservePrice ? 'sold' : 'unsold';
  const next: OracleState = { ...state, closedAs: status, seq: state.seq + 1 };
  return {
    state: next,
    result: {
      closed: true,
      status,
      seq: next.seq,
      finalPrice: next.price,
      leaderId: next.leaderId,
      leaderName: next.leaderName,
      bidCount: next.bidCount,
      endsAt: end,
    },
  };
}

/**
 * One auction driven step by step (the property test interleaves its picks with
 * the decisions). Remembers each decided bid id, so a redelivery answers the
 * stored decision (rule 1); a stale bid is not remembered (it was not decided).
 */
export class OracleAuction {
  state: OracleState = initialState();
  private readonly decided = new Map<string, OracleDecision>();

  constructor(public config: AuctionConfig) {}

  bid(bid: OracleBid): OracleDecision {
    const stored = this.decided.get(bid.bidId);
    if (stored) return { ...stored, replayed: true };
    const { state, decision } = decideNewBid(this.config, this.state, bid);
    this.state = state;
    if (decision.outcome !== 'stale') this.decided.set(bid.bidId, decision);
    return decision;
  }

  close(endedBy: number): OracleClose {
    const { state, result } = closeAt(this.config, this.state, endedBy);
    this.state = state;
    return result;
  }

  withdraw(): void {
    this.state = { ...this.state, withdrawn: true };
  }

  /** An admin's "end now" at `at`: the cms writes it into the configuration. */
  endAt(at: number): void {
    this.config = { ...this.config, hardEndAt: at };
  }

  get effectiveEnd(): number {
    return effectiveEnd(this.config, this.state);
  }

  get minimumNextBid(): number {
    return minimumNextBid(this.config, this.state);
  }
}

export type OracleEvent = ({ kind: 'bid' } & OracleBid) | { kind: 'close'; endedBy: number };

/** A whole sequence at once: each event's answer and the final state. */
export function runAuction(config: AuctionConfig, events: readonly OracleEvent[]) {
  const auction = new OracleAuction(config);
  const answers = events.map((event) => (event.kind === 'close' ? auction.close(event.endedBy) : auction.bid(event)));
  return { answers, state: auction.state, effectiveEnd: auction.effectiveEnd, minimumNextBid: auction.minimumNextBid };
}

/** The ledger's fields the replay reads (BidLedgerRow, as stored: placedAt may come back as a string). */
export type LedgerRowLike = Pick<
  BidLedgerRow,
  'bidId' | 'kind' | 'bidderId' | 'bidderUsername' | 'amount' | 'maxAmount' | 'partition' | 'offset' | 'outcome'
> & { placedAt: Date | string | number };

/**
 * Replays an auction's ledger: its bid rows (kind 'bid', or no kind: rows from
 * before maximums) in offset order, as the engine got them, with no close
 * before the last one (an audit's auctions are closed, if at all, after their
 * bids). Rows recorded stale are left out: a stale decision decided nothing.
 * Answers what each bid row must say, the automatic rows there must be (keyed by
 * their row id, proxyRowId of the causing bid), and the final state.
 */
export function replayLedgerRows(config: AuctionConfig, rows: readonly LedgerRowLike[]) {
  const auction = new OracleAuction(config);
  const bids = rows.filter((r) => r.kind !== 'proxy' && r.outcome !== 'stale').sort((a, b) => a.offset - b.offset);
  const decisions = new Map<string, OracleDecision>();
  const automatic = new Map<string, OracleAutomaticBid>();
  for (const row of bids) {
    const decision = auction.bid({
      bidId: row.bidId,
      bidderId: row.bidderId,
      username: row.bidderUsername,
      amount: row.amount,
      maxAmount: row.maxAmount,
      placedAt: new Date(row.placedAt).getTime(),
      partition: row.partition,
      offset: row.offset,
    });
    decisions.set(row.bidId, decision);
    if (decision.automatic) automatic.set(proxyRowId(row.bidId), decision.automatic);
  }
  return { decisions, automatic, state: auction.state, effectiveEnd: auction.effectiveEnd, minimumNextBid: auction.minimumNextBid };
}
