import type { ApiErrorBody, BidErrorCode } from '@car-auction/contracts';

export interface BidError {
  status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 503;
  code: BidErrorCode;
  message: string;
  details?: Record<string, unknown>;
}

const NAMES: Record<BidError['status'], string> = {
  400: 'ValidationError',
  401: 'UnauthorizedError',
  403: 'ForbiddenError',
  404: 'NotFoundError',
  409: 'ConflictError',
  413: 'PayloadTooLargeError',
  415: 'UnsupportedMediaTypeError',
  422: 'UnprocessableEntityError',
  429: 'RateLimitError',
  503: 'ServiceUnavailableError',
};

/** An auction that does not exist, is not published, or has an id no auction could have: one answer for all. */
export const auctionNotFound = (): BidError => ({
  status: 404,
  code: 'auction_not_found',
  message: 'No auction with this id is open for bidding',
});

function bidErrorBody(error: BidError): ApiErrorBody {
  return {
    data: null,
    error: {
      status: error.status,
      name: NAMES[error.status],
      message: error.message,
      details: { code: error.code, ...error.details },
    },
  };
}

/** Writes Strapi's error envelope directly, so every rejection has our code and message. */
export function sendBidError(ctx: { status: number; body: unknown; set?: (k: string, v: string) => void }, error: BidError) {
  ctx.status = error.status;
  if (error.status === 503) ctx.set?.('Retry-After', '5');
  const retryAfter = error.details?.retryAfterSeconds;
  if (error.status === 429 && typeof retryAfter === 'number') ctx.set?.('Retry-After', String(retryAfter));
  ctx.body = bidErrorBody(error);
}
