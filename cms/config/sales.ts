import type { Core } from '@strapi/strapi';

/** Sales: the buyer's premium added to the hammer price when a sold auction's Sale is recorded (percent, e.g. 5 or 7.5). */
export default ({ env }: Core.Config.Shared.ConfigParams) => {
  const buyerPremiumPercent = env.float('BUYER_PREMIUM_PERCENT', 5);
  if (!Number.isFinite(buyerPremiumPercent) || buyerPremiumPercent < 0 || buyerPremiumPercent > 100) {
    throw new Error(`BUYER_PREMIUM_PERCENT must be a number from 0 to 100 (got ${process.env.BUYER_PREMIUM_PERCENT})`);
  }
  return { buyerPremiumPercent };
};
