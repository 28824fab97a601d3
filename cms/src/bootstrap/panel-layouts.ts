import { ADMIN_ACTION_FIELDS, WORKER_OWNED_FIELDS } from '../documents/auction-edit-rules';
import { SALE_FOLLOW_UP_FIELDS } from '../documents/sale-edit-rules';

/** How one field reads in the Content Manager: its label, the help under it, the hint inside it. */
export interface FieldText {
  label: string;
  description?: string;
  placeholder?: string;
  /** The list's column heading, if it differs from the label. */
  column?: string;
  /** For a relation: the linked entry's field that names it in the form and the list. */
  mainField?: string;
}

/** A content type as the panel shows it: every field's text, the edit form's rows (name, width of 12), the list's columns. */
export interface PanelLayout {
  uid: string;
  mainField: string;
  defaultSortBy: string;
  defaultSortOrder: 'ASC' | 'DESC';
  fields: Record<string, FieldText>;
  /** Fields shown but not editable (the input is disabled). */
  readOnly?: readonly string[];
  /** Fields the form does not show. */
  hidden?: readonly string[];
  edit: Array<Array<[name: string, size: number]>>;
  list: string[];
}

const ENGINE = 'Set by the bidding engine as bids are decided; read-only.';
const ACTIONS = 'Set by the "End now" and "Withdraw" buttons (admins only); read-only.';

export const AUCTION_LAYOUT: PanelLayout = {
  uid: 'api::auction.auction',
  mainField: 'title',
  defaultSortBy: 'endsAt',
  defaultSortOrder: 'DESC',
  fields: {
    title: { label: 'Title', description: 'What bidders see on the card and the page.', placeholder: '1973 Porsche 911 Carrera RS' },
    car: { label: 'Car', description: 'The car on sale; create it first under Car.', mainField: 'model' },
    startsAt: { label: 'Starts', description: 'Bidding opens at this time (your time zone).', column: 'Starts' },
    endsAt: {
      label: 'Ends',
      description: 'The scheduled end. A late bid can extend it (soft close); "Closes" shows the end in force.',
      column: 'Ends',
    },
    currency: { label: 'Currency', description: 'Every amount of this auction is in this currency.' },
    startingPrice: { label: 'Starting price', description: 'The first bid must be at least this.', placeholder: '10,000.00' },
    reservePrice: {
      label: 'Reserve price',
      description: 'Optional, secret: below it the car is not sold. At or above the starting price.',
      placeholder: 'No reserve',
    },
    minIncrement: {
      label: 'Bid increment',
      description: 'Each bid must beat the price by at least this, unless an increment table is chosen.',
      placeholder: '100.00',
    },
    incrementTable: {
      label: 'Increment table',
      description: 'Increments by price band (eBay-style); overrides the fixed increment.',
      mainField: 'name',
    },
    softCloseSeconds: {
      label: 'Soft close (seconds)',
      description: 'A bid that moves the price this close to the end pushes the end this far out. 0 turns it off.',
      placeholder: '120',
    },
    softCloseCapSeconds: {
      label: 'Soft close cap (seconds)',
      description: 'How far past the scheduled end soft close may go in total. 0: no cap.',
      placeholder: '0',
    },
    currentPrice: { label: 'Current price', description: ENGINE, column: 'Price' },
    bidCount: { label: 'Bids', description: ENGINE },
    saleStatus: { label: 'Sale status', description: 'Scheduled, live, sold, unsold or withdrawn. ' + ENGINE, column: 'Sale' },
    endedEarlyAt: { label: 'Ended early at', description: 'When an admin ended it before its end. ' + ACTIONS },
    withdrawnAt: { label: 'Withdrawn at', description: 'When an admin took it off sale. ' + ACTIONS },
    withdrawReason: { label: 'Reason for withdrawing', description: 'Shown to bidders on the auction. ' + ACTIONS },
    leaderName: { label: 'Leading bidder', description: 'As bidders see it (masked). ' + ENGINE },
    closesAt: { label: 'Closes', description: 'The end in force, after soft close. ' + ENGINE },
    leaderUserId: { label: "Leading bidder's user id", description: ENGINE },
    projectionVersion: { label: 'Engine version', description: 'How many changes of the bidding engine this entry holds. ' + ENGINE },
  },
  readOnly: [...WORKER_OWNED_FIELDS, ...ADMIN_ACTION_FIELDS],
  edit: [
    [
      ['title', 8],
      ['car', 4],
    ],
    [
      ['startsAt', 6],
      ['endsAt', 6],
    ],
    [
      ['currency', 4],
      ['startingPrice', 4],
      ['reservePrice', 4],
    ],
    [
      ['minIncrement', 6],
      ['incrementTable', 6],
    ],
    [
      ['softCloseSeconds', 6],
      ['softCloseCapSeconds', 6],
    ],
    [
      ['currentPrice', 4],
      ['bidCount', 4],
      ['saleStatus', 4],
    ],
    [
      ['leaderName', 4],
      ['closesAt', 4],
      ['leaderUserId', 4],
    ],
    [['projectionVersion', 4]],
    [
      ['endedEarlyAt', 4],
      ['withdrawnAt', 4],
    ],
    [['withdrawReason', 12]],
  ],
  list: ['title', 'car', 'startsAt', 'endsAt', 'currentPrice', 'bidCount', 'saleStatus'],
};

export const CAR_LAYOUT: PanelLayout = {
  uid: 'api::car.car',
  mainField: 'model',
  defaultSortBy: 'make',
  defaultSortOrder: 'ASC',
  fields: {
    make: { label: 'Make', placeholder: 'Porsche' },
    model: { label: 'Model', placeholder: '911 Carrera RS' },
    year: { label: 'Year', description: 'Model year.', placeholder: '1973' },
    mileage: { label: 'Mileage', description: 'As the odometer reads, in the unit below.', placeholder: '48,000' },
    mileageUnit: { label: 'Mileage unit' },
    vin: {
      label: 'VIN',
      description: 'Vehicle identification number: 6 to 17 letters and digits, no I, O or Q. Unique.',
      placeholder: 'WP0ZZZ91ZJS100123',
    },
    bodyStyle: { label: 'Body style' },
    colour: { label: 'Colour', placeholder: 'Grand Prix White' },
    transmission: { label: 'Transmission' },
    description: { label: 'Description', description: 'History, condition, service records: what a buyer asks.' },
    photos: { label: 'Photos', description: 'The first photo is the card picture. JPEG, PNG or WebP.' },
    auctions: { label: 'Auctions', description: 'The auctions of this car (set on the auction).' },
  },
  readOnly: ['auctions'],
  edit: [
    [
      ['make', 4],
      ['model', 4],
      ['year', 4],
    ],
    [
      ['vin', 6],
      ['bodyStyle', 6],
    ],
    [
      ['mileage', 4],
      ['mileageUnit', 4],
      ['transmission', 4],
    ],
    [['colour', 6]],
    [['photos', 12]],
    [['description', 12]],
    [['auctions', 6]],
  ],
  list: ['make', 'model', 'year', 'vin', 'mileage', 'photos'],
};

export const INCREMENT_TABLE_LAYOUT: PanelLayout = {
  uid: 'api::increment-table.increment-table',
  mainField: 'name',
  defaultSortBy: 'name',
  defaultSortOrder: 'ASC',
  fields: {
    name: { label: 'Name', description: 'Shown when an auction picks its table.', placeholder: 'Classic cars' },
    tiers: {
      label: 'Tiers',
      description: 'From each price on, the increment a bid must add. The first tier starts at 0; prices rise from tier to tier.',
    },
  },
  edit: [[['name', 6]], [['tiers', 12]]],
  list: ['name'],
};

export const INCREMENT_TIER_LAYOUT: PanelLayout = {
  uid: 'auction.increment-tier',
  mainField: 'fromPrice',
  defaultSortBy: 'fromPrice',
  defaultSortOrder: 'ASC',
  fields: {
    fromPrice: { label: 'From price', description: 'This tier applies from this price on (inclusive).', placeholder: '0.00' },
    increment: { label: 'Increment', description: 'Each bid at or above that price adds at least this.', placeholder: '50.00' },
  },
  edit: [
    [
      ['fromPrice', 6],
      ['increment', 6],
    ],
  ],
  list: ['fromPrice', 'increment'],
};

const RECORDED = 'Recorded when the auction closed sold; read-only.';
const SALE_FIELDS: Record<string, FieldText> = {
  title: { label: 'Auction title', description: RECORDED },
  auction: { label: 'Auction', description: RECORDED, mainField: 'title' },
  car: { label: 'Car', description: RECORDED, mainField: 'model' },
  winner: { label: 'Winner', description: 'The bidder who won. ' + RECORDED, mainField: 'username' },
  winnerUsername: { label: "Winner's username", description: RECORDED, column: 'Winner' },
  currency: { label: 'Currency', description: RECORDED },
  hammerPrice: { label: 'Hammer price', description: 'The winning bid. ' + RECORDED },
  buyerPremiumPercent: { label: "Buyer's premium (%)", description: 'As configured (BUYER_PREMIUM_PERCENT) when the sale was recorded.' },
  buyerPremium: { label: "Buyer's premium", description: "The hammer price times the buyer's premium percentage." },
  total: { label: 'Total due', description: "Hammer price plus buyer's premium: what the buyer pays." },
  closedAt: { label: 'Closed', description: 'When the auction closed. ' + RECORDED },
  paymentStatus: { label: 'Payment', description: 'Awaiting payment, paid or cancelled: follow the sale up here.' },
  notes: { label: 'Notes', description: 'Calls, payment references, collection: anything the next admin should know.' },
  auctionDocumentId: { label: 'Auction id' },
};

export const SALE_LAYOUT: PanelLayout = {
  uid: 'api::sale.sale',
  mainField: 'title',
  defaultSortBy: 'closedAt',
  defaultSortOrder: 'DESC',
  fields: SALE_FIELDS,
  readOnly: Object.keys(SALE_FIELDS).filter((name) => !(SALE_FOLLOW_UP_FIELDS as readonly string[]).includes(name)),
  hidden: ['auctionDocumentId'],
  edit: [
    [
      ['title', 8],
      ['closedAt', 4],
    ],
    [
      ['auction', 4],
      ['car', 4],
      ['winner', 4],
    ],
    [
      ['currency', 3],
      ['hammerPrice', 3],
      ['buyerPremiumPercent', 3],
      ['buyerPremium', 3],
    ],
    [
      ['total', 4],
      ['paymentStatus', 4],
    ],
    [['notes', 12]],
  ],
  list: ['title', 'winnerUsername', 'hammerPrice', 'total', 'paymentStatus', 'closedAt'],
};

/** Bidders are users-permissions users: admins block one here. */
export const USER_LAYOUT: PanelLayout = {
  uid: 'plugin::users-permissions.user',
  mainField: 'username',
  defaultSortBy: 'createdAt',
  defaultSortOrder: 'DESC',
  fields: {
    username: { label: 'Username', description: 'What the bidder logs in with; other bidders see it masked (j***n).' },
    email: { label: 'Email' },
    password: { label: 'Password', description: 'Leave it empty to keep the current one.' },
    confirmed: { label: 'Email confirmed' },
    blocked: {
      label: 'Blocked',
      description: 'A blocked bidder cannot log in, and their bids are refused within 5 seconds.',
    },
    role: { label: 'Role', description: 'Authenticated: a bidder.', mainField: 'name' },
  },
  edit: [
    [
      ['username', 6],
      ['email', 6],
    ],
    [
      ['password', 6],
      ['role', 6],
    ],
    [
      ['confirmed', 6],
      ['blocked', 6],
    ],
  ],
  list: ['username', 'email', 'confirmed', 'blocked', 'createdAt'],
};

export const PANEL_LAYOUTS: readonly PanelLayout[] = [
  AUCTION_LAYOUT,
  CAR_LAYOUT,
  INCREMENT_TABLE_LAYOUT,
  INCREMENT_TIER_LAYOUT,
  SALE_LAYOUT,
  USER_LAYOUT,
];
