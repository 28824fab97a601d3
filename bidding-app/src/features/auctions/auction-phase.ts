/** Where an auction is, as a bidder sees it. `closing`: bidding is over, the result is being settled. */
export type AuctionPhase = 'upcoming' | 'live' | 'closing' | 'sold' | 'unsold';

/**
 * The lists a bidder browses, named by the phases they hold: `ended` gathers
 * closing, sold and unsold, everything whose bidding is over.
 */
export type AuctionListFilter = Extract<AuctionPhase, 'live' | 'upcoming'> | 'ended';
