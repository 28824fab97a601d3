const JSON_TYPE = /^application\/(.+\+)?json$/i;

/** The media type of a Content-Type header, parameters (charset…) left out. */
export const mediaTypeOf = (contentType: string) => (contentType.split(';')[0] ?? '').trim();

/** application/json, or any application/…+json. */
export const isJsonMediaType = (mediaType: string) => JSON_TYPE.test(mediaType);
