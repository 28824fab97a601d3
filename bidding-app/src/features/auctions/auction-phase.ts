/**
 * Where an auction is, as a bidder sees it. `closing`: bidding is over, the
 * result is being settled. `withdrawn`: an admin took it off sale (no result).
 */
export type AuctionPhase = 'upcoming' | 'live' | 'closing' | 'sold' | 'unsold' | 'withdrawn';

/**
 * The lists a bidder browses, named by the phases they hold: `ended` gathers
 * closing, sold, unsold and withdrawn, everything whose bidding is over.
 */
export type AuctionListFilter = Extract<AuctionPhase, 'live' | 'upcoming'> | 'ended';
