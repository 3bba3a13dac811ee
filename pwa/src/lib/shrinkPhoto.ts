/**
 * A phone photo made small enough to wait on the phone: a 12 MP camera JPEG is several MB, and
 * a coach at a workplace without signal may take a dozen. The server keeps 1600 px at most
 * (backend/lib/images.py), so the phone keeps 2560 px on the long edge, as a JPEG.
 *
 * Decoded through an <img>, which applies the photo's EXIF orientation (CSS `image-orientation:
 * from-image`, the default in every current browser), and drawn on a canvas, whose JPEG carries
 * no EXIF: the picture stays upright and its location never leaves the phone. A photo the
 * browser cannot read (HEIC in Chromium), one already small, or any failure: the original is
 * kept, and the server reads it, strips it and refuses it with a reason if it must.
 */
export const LONG_EDGE = 2560;
const QUALITY = 0.88;

export async function shrinkPhoto(file: Blob): Promise<Blob> {
  if (!file.type.startsWith('image/') || typeof document === 'undefined') return file;
  const url = URL.createObjectURL(file);
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const long = Math.max(image.naturalWidth, image.naturalHeight);
    if (long <= LONG_EDGE) return file;
    const scale = LONG_EDGE / long;
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(image.naturalWidth * scale);
    canvas.height = Math.round(image.naturalHeight * scale);
    const context = canvas.getContext('2d');
    if (!context) return file;
    context.fillStyle = '#fff'; // a transparent PNG on white, as the server lays it
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.imageSmoothingQuality = 'high';
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    const small = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', QUALITY));
    canvas.width = canvas.height = 0; // give the pixels back at once (phones run short)
    return small && small.size < file.size ? small : file;
  } catch {
    return file;
  } finally {
    URL.revokeObjectURL(url);
  }
}
