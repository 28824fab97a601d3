import * as React from 'react';
import { Lightning } from '@strapi/icons';
import { EndNowAction, WithdrawAction } from './actions/AuctionActions';
import { AuctionLivePanel } from './live/AuctionLivePanel';
import { AuctionResultPanel } from './result/AuctionResultPanel';
import { resultSummary, type ClosedAuction } from './result/result-summary';
import { shortDateColumns } from './list-columns';

interface EditViewContext {
  model: string;
  documentId?: string;
  document?: (ClosedAuction & { currency?: string }) | null;
}

/**
 * The panel for the people who run auctions: a homepage widget with the
 * auctions live now and the bids as they happen, and the same for one auction
 * beside its edit form. Both come from the gateway's admin room (Socket.IO),
 * which only a logged-in panel user may join.
 */
export default {
  config: { locales: [] },
  register(app: { widgets: { register(widget: Record<string, unknown>): void } }) {
    app.widgets.register({
      id: 'live-auctions',
      icon: Lightning,
      title: { id: 'car-auction.widget.live-auctions', defaultMessage: 'Live bidding' },
      component: async () => (await import('./live/LiveAuctionsWidget')).LiveAuctionsWidget,
      permissions: [{ action: 'plugin::content-manager.explorer.read', subject: 'api::auction.auction' }],
    });
  },
  bootstrap(app: {
    getPlugin(id: string): { apis: Record<string, (...args: never[]) => void> };
    registerHook(name: string, fn: (...args: never[]) => unknown): void;
  }) {
    app.registerHook('Admin/CM/pages/ListView/inject-column-in-table', shortDateColumns as never);
    const LiveBiddingPanel = ({ model, documentId, document }: EditViewContext) =>
      model === 'api::auction.auction' && documentId
        ? { title: 'Live bidding', content: <AuctionLivePanel auctionId={documentId} currency={document?.currency ?? 'USD'} /> }
        : null;
    // Once it is over: who won, or the highest bid of an unsold auction (for the seller's offer), or why it was withdrawn.
    const ResultPanel = ({ model, document }: EditViewContext) =>
      model === 'api::auction.auction' && document && resultSummary(document)
        ? { title: 'Result', content: <AuctionResultPanel auction={document} /> }
        : null;
    (app.getPlugin('content-manager').apis.addEditViewSidePanel as (panels: unknown[]) => void)([ResultPanel, LiveBiddingPanel]);
    // End now and Withdraw, in the edit view's actions menu (admins only: the plugin's permissions).
    (app.getPlugin('content-manager').apis.addDocumentAction as (actions: unknown[]) => void)([EndNowAction, WithdrawAction]);
  },
};
