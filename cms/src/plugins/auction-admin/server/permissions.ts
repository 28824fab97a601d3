/**
 * The panel permissions for the actions, under Settings → Roles → Plugins →
 * "Auction actions". The Super Admin holds every permission; Strapi's Editor
 * and Author roles get none of these unless an admin grants them.
 */
export const END_AUCTION_ACTION = 'plugin::auction-admin.end';
export const WITHDRAW_AUCTION_ACTION = 'plugin::auction-admin.withdraw';

export const PERMISSION_ACTIONS = [
  { section: 'plugins', displayName: 'End an auction now', uid: 'end', pluginName: 'auction-admin' },
  { section: 'plugins', displayName: 'Withdraw an auction', uid: 'withdraw', pluginName: 'auction-admin' },
];
