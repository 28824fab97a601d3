import { log } from '../log';
import { pooled } from '@car-auction/test-support/pool';
import { createPublished, type AdminSession } from '@car-auction/test-support/admin-api';

export interface BenchAuction {
  documentId: string;
  startingPrice: number;
  minIncrement: number;
}

export const STARTING_PRICE = 100_000;
export const MIN_INCREMENT = 100;

let vinCounter = 0;

/** A car for the bench's auctions, created and published through the content manager. */
export async function createCar(session: AdminSession, runTag: string): Promise<string> {
  const tag = `${runTag}${(vinCounter++).toString(36)}`.toUpperCase().replace(/[^A-HJ-NPR-Z0-9]/g, '0');
  return createPublished(session, 'api::car.car', {
    make: 'Bench',
    model: `Load ${runTag}`,
    year: 2015,
    mileage: 42_000,
    mileageUnit: 'km',
    vin: `B${tag}`.padEnd(17, '0').slice(0, 17),
    bodyStyle: 'coupe',
    colour: 'Grey',
    transmission: 'manual',
  });
}

/**
 * Live auctions created and published through the content manager, so the cms
 * writes each one's configuration to Redis exactly as in production (document
 * middleware). Live from a minute ago for two hours: far from the soft-close
 * window, so no bid extends them.
 */
export async function createAuctions(session: AdminSession, carId: string, count: number, label: string): Promise<BenchAuction[]> {
  const now = Date.now();
  const started = Date.now();
  const tasks = Array.from({ length: count }, (_, i) => async (): Promise<BenchAuction> => {
    const documentId = await createPublished(session, 'api::auction.auction', {
      title: `Bench ${label} ${i}`,
      car: { connect: [{ documentId: carId }] },
      startsAt: new Date(now - 60_000).toISOString(),
      endsAt: new Date(now + 2 * 3_600_000).toISOString(),
      currency: 'USD',
      startingPrice: STARTING_PRICE,
      minIncrement: MIN_INCREMENT,
      softCloseSeconds: 120,
    });
    return { documentId, startingPrice: STARTING_PRICE, minIncrement: MIN_INCREMENT };
  });
  const auctions = await pooled(tasks, 4);
  log(`created ${count} ${label} auctions in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return auctions;
}
