import { log } from '../log';
import type { BidMessageFactory } from '../kafka/bid-messages';
import type { BidMixName, PlannedCounts } from '../load/bid-mix';

/**
 * The mix of each round of a decide stage, in ABBA order (manual, proxy, proxy,
 * manual, ...): a drift over the stage (JIT warm-up, a growing ledger, another
 * process's load) weighs on both mixes alike. An even count keeps them balanced.
 */
export function roundMixes(rounds: number): BidMixName[] {
  const pattern: BidMixName[] = ['manual', 'proxy', 'proxy', 'manual'];
  return Array.from({ length: Math.max(2, rounds) }, (_, r) => pattern[r % pattern.length]!);
}

/** What the worker decided for one mix over its rounds, from its /metrics (each round runs one mix only). */
export interface DecisionCounts {
  bids: number;
  accepted: number;
  outbidByMaximum: number;
  /** The automatic bids the engine made for maximums (bids_automatic_total; ledger rows of kind 'proxy'). */
  automaticBids: number;
  /** By outcome and reason ("rejected below_minimum", ...). */
  byOutcome: Record<string, number>;
}

export interface MixFigures {
  rounds: number;
  /** Mean decided bids/s over this mix's rounds. */
  rate: number;
  /** What the bench expected the engine to decide for every bid of this mix in the stage. */
  planned: PlannedCounts;
  decided: DecisionCounts;
}

/** The two mixes of one stage side by side. */
export interface MixComparison {
  manual: MixFigures;
  proxy: MixFigures;
  /** proxy rate / manual rate (2 decimals); null if the manual mix measured nothing. */
  ratio: number | null;
}

/** One round as the stages report it. */
export interface MixRound {
  mix: BidMixName;
  rate: number;
  decisions: Record<string, number>;
  automaticBids: number;
}

/** The proxy mix exercised the proxy path: the worker made automatic bids and refused bids as outbid_by_maximum. */
export const exercisedProxyPath = (c: MixComparison) => c.proxy.decided.automaticBids > 0 && c.proxy.decided.outbidByMaximum > 0;

/**
 * Sums up a stage's rounds per mix. The counts come from the worker's metrics,
 * not from the ledger: FerretDB 1.24 answers a query on auctionId by scanning
 * every row (its index serves no @> match), minutes at the full bench's
 * 800,000 rows. The ledger's rows themselves are checked by the e2e audits.
 */
export function compareMixes(factories: Record<BidMixName, BidMessageFactory>, rounds: MixRound[]): MixComparison {
  const figures = (mix: BidMixName): MixFigures => {
    const mine = rounds.filter((r) => r.mix === mix);
    const decided: DecisionCounts = { bids: 0, accepted: 0, outbidByMaximum: 0, automaticBids: 0, byOutcome: {} };
    for (const round of mine) {
      decided.automaticBids += round.automaticBids;
      for (const [key, count] of Object.entries(round.decisions)) {
        decided.bids += count;
        decided.byOutcome[key] = (decided.byOutcome[key] ?? 0) + count;
        if (key === 'accepted') decided.accepted += count;
        if (key.endsWith(' outbid_by_maximum')) decided.outbidByMaximum += count;
      }
    }
    return {
      rounds: mine.length,
      rate: mine.length > 0 ? Math.round(mine.reduce((a, r) => a + r.rate, 0) / mine.length) : 0,
      planned: factories[mix].planned,
      decided,
    };
  };
  const manual = figures('manual');
  const proxy = figures('proxy');
  const ratio = manual.rate > 0 ? Math.round((proxy.rate / manual.rate) * 100) / 100 : null;
  log(
    `mixes: manual ${manual.rate}/s, proxy ${proxy.rate}/s (ratio ${ratio ?? 'n/a'}); proxy mix: ` +
      `${proxy.decided.automaticBids} automatic bids, ${proxy.decided.outbidByMaximum} outbid_by_maximum` +
      ` (planned ${proxy.planned.automaticBids} / ${proxy.planned.outbidByMaximum})`,
  );
  return { manual, proxy, ratio };
}
