import { useState } from 'react';
import type { PublicPhoto } from '@car-auction/contracts';
import { photoUrl } from '../../../lib/photo-url';

export function PhotoGallery({ photos, name }: { photos: PublicPhoto[]; name: string }) {
  const [index, setIndex] = useState(0);
  const shown = photos[Math.min(index, photos.length - 1)];
  if (!shown) return <div className="gallery gallery--empty">No photos yet</div>;
  return (
    <section className="gallery" aria-label="Photos">
      <img className="gallery__main" src={photoUrl(shown, 'large')} alt={shown.alternativeText || `${name}, photo ${index + 1}`} />
      {photos.length > 1 && (
        <ul className="gallery__thumbs">
          {photos.map((photo, i) => (
            <li key={photo.id}>
              <button
                type="button"
                className="gallery__thumb"
                aria-label={`Show photo ${i + 1} of ${photos.length}`}
                aria-pressed={i === index}
                onClick={() => setIndex(i)}
              >
                <img src={photoUrl(photo, 'thumbnail')} alt="" />
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
