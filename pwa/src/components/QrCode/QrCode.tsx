import './QrCode.css';

/** Base64 of a UTF-8 string (btoa alone only takes Latin-1). */
function base64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/**
 * As an <img>, an SVG needs its namespace, and a viewBox to scale; the server's inline SVG
 * (segno `svg_inline`) has neither, so they are added from its width and height.
 */
export function standaloneSvg(svg: string): string {
  const open = /<svg\b[^>]*>/.exec(svg)?.[0];
  if (!open) return svg;
  let tag = open;
  if (!/\sxmlns=/.test(tag)) tag = tag.replace('<svg', '<svg xmlns="http://www.w3.org/2000/svg"');
  if (!/\sviewBox=/.test(tag)) {
    const width = /\swidth="([\d.]+)"/.exec(tag)?.[1];
    const height = /\sheight="([\d.]+)"/.exec(tag)?.[1];
    if (width && height) tag = tag.replace('<svg', `<svg viewBox="0 0 ${width} ${height}"`);
  }
  return svg.replace(open, tag);
}

/**
 * The server's QR code (SVG, dark on white with a quiet zone) shown large for a phone camera.
 * An <img> with a data: URL: the strict CSP allows `img-src data:` but no inline SVG styles.
 */
export function QrCode({ svg, alt }: { svg: string; alt: string }) {
  return (
    <figure class="qr">
      <img class="qr__image" src={`data:image/svg+xml;base64,${base64(standaloneSvg(svg))}`} alt={alt} />
    </figure>
  );
}
