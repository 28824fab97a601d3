import type { PublicPhoto } from '@car-auction/contracts';
import { env } from '../config/env';

type Size = 'thumbnail' | 'small' | 'medium' | 'large';

/** The URL of a photo at the given size, or the original if Strapi made no such format. */
export function photoUrl(photo: PublicPhoto, size?: Size): string {
  const url = (size && photo.formats?.[size]?.url) || photo.url;
  // Strapi's local upload provider answers with paths on the cms; other providers with full URLs.
  return url.startsWith('/') ? `${env.cmsUrl}${url}` : url;
}
