import type { Schemas } from '../../api/client';
import { feedPhotoUrl } from '../../data/feed';

/** A news photo at the card's full width, in the one size the device keeps for the feed. */
export function NewsPhoto({ photo, alt }: { photo: Schemas['Photo']; alt: string }) {
  return (
    <img class="news__photo" src={feedPhotoUrl(photo)} alt={alt} width={photo.width} height={photo.height} />
  );
}
