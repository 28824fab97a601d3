import type { Core } from '@strapi/strapi';
import type { AuctionProjectionService } from '../api/auction-projection/services/auction-projection';
import type { AuctionStateService } from '../api/auction/services/auction-state';
import type { AuctionViewService } from '../api/auction/services/auction-view';
import type { LiveAuctionsService } from '../api/auction/services/live-auctions';
import type { BidHistoryService } from '../api/bid/services/bid-history';
import type { BidIntakeService } from '../api/bid/services/bid-intake';
import type { BidProducerService } from '../api/bid/services/bid-producer';
import type { BidRateLimitService } from '../api/bid/services/bid-rate-limit';
import type { SaleRecorderService } from '../api/sale/services/sale-recorder';
import type { BaselineBidService } from '../plugins/baseline-bid/server/services/baseline-bid';

/** Each custom service's uid and the interface its factory returns. */
export interface Services {
  'api::auction-projection.auction-projection': AuctionProjectionService;
  'api::auction.auction-state': AuctionStateService;
  'api::auction.auction-view': AuctionViewService;
  'api::auction.live-auctions': LiveAuctionsService;
  'api::bid.bid-history': BidHistoryService;
  'api::bid.bid-intake': BidIntakeService;
  'api::bid.bid-producer': BidProducerService;
  'api::bid.bid-rate-limit': BidRateLimitService;
  'api::sale.sale-recorder': SaleRecorderService;
  /** Only when the bench's baseline plugin is enabled (config/plugins.ts). */
  'plugin::baseline-bid.baseline-bid': BaselineBidService;
}

/**
 * A service by uid, with its type: `strapi.service()` returns an untyped
 * record, so this is the one place that says what each uid holds (as
 * users-permissions' own `getService` does for its services).
 */
export function getService<Uid extends keyof Services>(strapi: Core.Strapi, uid: Uid): Services[Uid] {
  return strapi.service(uid) as Services[Uid];
}
