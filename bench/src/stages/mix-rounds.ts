import { log } from '../log';
import type { Services } from '../infra/services';
import type { BidMessageFactory } from '../kafka/bid-messages';
import type { BidMixName, PlannedCounts } from '../load/bid-mix';
import { countLedgerRows, type LedgerCounts } from '../setup/bench-data';

/**
 * The mix of each round of a decide stage, in ABBA order (manual, proxy, proxy,
 * manual, ...): a drift over the stage (JIT warm-up, a growing ledger, another
 * process's load) weighs on both mixes alike. An even count keeps them balanced.
 */
export function roundMixes(rounds: number): BidMixName[] {
  const pattern: BidMixName[] = ['manual', 'proxy', 'proxy', 'manual'];
  return Array.from({ length: Math.max(2, rounds) }, (_, r) => pattern[r % pattern.length]!);
}

export interface MixFigures {
  rounds: number;
  /** Mean decided bids/s over this mix's rounds. */
  rate: number;
  /** What the bench expected the engine to decide for every bid of this mix in the stage. */
  planned: PlannedCounts;
  /** The ledger's rows on this mix's auctions after the stage; null if they could not be counted. */
  ledger: LedgerCounts | null;
}

/** The two mixes of one stage side by side. */
export interface MixComparison {
  manual: MixFigures;
  proxy: MixFigures;
  /** proxy rate / manual rate (2 decimals); null if the manual mix measured nothing. */
  ratio: number | null;
}

/** The proxy mix exercised the proxy path: the ledger holds automatic bids and outbid_by_maximum rejections. */
export const exercisedProxyPath = (c: MixComparison) =>
  c.proxy.ledger !== null && c.proxy.ledger.automaticBids > 0 && c.proxy.ledger.outbidByMaximum > 0;

/** Sums up a stage's rounds per mix, with the ledger's count of what each mix's bids made the worker write. */
export async function compareMixes(
  services: Services,
  factories: Record<BidMixName, BidMessageFactory>,
  rounds: { mix: BidMixName; rate: number }[],
): Promise<MixComparison> {
  const figures = async (mix: BidMixName): Promise<MixFigures> => {
    const rates = rounds.filter((r) => r.mix === mix).map((r) => r.rate);
    const ledger = await countLedgerRows(services, factories[mix].auctionIds).catch((err: Error) => {
      log(`could not count the ledger rows of the ${mix} mix: ${err.message}`);
      return null;
    });
    return {
      rounds: rates.length,
      rate: rates.length > 0 ? Math.round(rates.reduce((a, b) => a + b, 0) / rates.length) : 0,
      planned: factories[mix].planned,
      ledger,
    };
  };
  const manual = await figures('manual');
  const proxy = await figures('proxy');
  const ratio = manual.rate > 0 ? Math.round((proxy.rate / manual.rate) * 100) / 100 : null;
  const ledger = proxy.ledger;
  log(
    `mixes: manual ${manual.rate}/s, proxy ${proxy.rate}/s (ratio ${ratio ?? 'n/a'}); proxy mix ledger: ` +
      (ledger ? `${ledger.automaticBids} automatic bids, ${ledger.outbidByMaximum} outbid_by_maximum` : 'not counted') +
      ` (planned ${proxy.planned.automaticBids} / ${proxy.planned.outbidByMaximum})`,
  );
  return { manual, proxy, ratio };
}
