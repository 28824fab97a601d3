import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { createAuction as createAuctionWith, type AuctionSpec } from '@car-auction/test-support/auctions';
import { registerBidder as registerWith, type Bidder } from '@car-auction/test-support/bidders';
import { getService } from '../../src/utils/get-service';

export { withRedis } from '@car-auction/test-support/auctions';
export type { Bidder };

const HOUR = 3_600_000;

/** An auction as these tests expect by default: live for an hour either side, $1,000.00 start, $50.00 steps. */
export async function createAuction(strapi: Core.Strapi, spec: AuctionSpec = {}): Promise<string> {
  const id = await createAuctionWith(strapi, { startsInMs: -HOUR, endsInMs: HOUR, startingPrice: 100_000, minIncrement: 5_000, ...spec });
  // A price standing in for the worker's (written straight into the hash): have the auction
  // library store what its rules make of it (the minimum next bid), as the worker's step would.
  if (spec.currentPrice != null) await getService(strapi, 'api::auction.auction-state').sync(id);
  return id;
}

/** A bid through the mounted app; a hung request fails after 20 s instead of passing late. */
export const placeBid = (strapi: Core.Strapi, bidder: Bidder, auctionId: string, amount: number) =>
  request(strapi.server.httpServer)
    .post(`/api/auctions/${auctionId}/bids`)
    .set('Authorization', `Bearer ${bidder.jwt}`)
    .timeout(20_000)
    .send({ amount });

/** Registers a bidder through the mounted app (no listening port in these tests). */
export const registerBidder = (strapi: Core.Strapi): Promise<Bidder> =>
  registerWith(async (path, body) => {
    const res = await request(strapi.server.httpServer)
      .post(path)
      .send(body as object);
    return { status: res.status, body: res.body as unknown };
  });
