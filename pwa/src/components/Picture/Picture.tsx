import type { Schemas } from '../../api/client';
import { PHOTO_SIZES } from '../../data/media';

type Photo = Pick<Schemas['Photo'], 'src' | 'srcsetWebp' | 'srcsetJpeg' | 'width' | 'height'>;

interface PictureProps {
  photo: Photo;
  alt: string;
  /** On the `<picture>`. */
  class?: string;
  /** On the `<img>`. */
  imgClass?: string;
  /** The phone could not load it (offline and not saved, or gone). */
  onBroken?: () => void;
}

/**
 * A stored photo in the size the screen needs: WebP where the browser takes it, JPEG otherwise,
 * from the sizes the server made (`srcset`), with `PHOTO_SIZES` so the file the data layer
 * saved for offline use is the one the browser asks for.
 */
export function Picture({ photo, alt, class: className, imgClass, onBroken }: PictureProps) {
  return (
    <picture class={className}>
      <source type="image/webp" srcset={photo.srcsetWebp} sizes={PHOTO_SIZES} />
      <img
        class={imgClass}
        src={photo.src}
        srcset={photo.srcsetJpeg}
        sizes={PHOTO_SIZES}
        width={photo.width}
        height={photo.height}
        alt={alt}
        decoding="async"
        onError={onBroken}
      />
    </picture>
  );
}
