import type { CSSProperties } from 'react';
import type { AssetSummary } from '../../../../electron/model/asset';
import type { PhotoEdit } from '../../../../electron/model/image-draft';
import { imageUrl } from '../brand/assets';

/**
 * How the canvas shows a photo layer or a photo background: THE one place that turns an asset and its edit
 * into something to draw. Today the browser does the crop, straighten and flip with CSS on the original (or the
 * rendition for SVG/HEIC); adjustments and filters are not shown yet. When the compositor's `images.photo` API
 * lands, this returns its picture (edit already applied) and an identity placement instead.
 */
export type PhotoView = { src: string; frame: CSSProperties; img: CSSProperties };

/** Enlargement that keeps a picture turned by `deg` covering a box of w×h (no corner shows). */
export function straightenScale(w: number, h: number, deg: number): number {
  const r = (Math.abs(deg) * Math.PI) / 180;
  const c = Math.cos(r);
  const s = Math.sin(r);
  return Math.max((w * c + h * s) / w, (w * s + h * c) / h);
}

/**
 * A picture of its own size (display width × height) cropped by `edit.crop`, then cover-filling a box of
 * `width`×`height` canvas pixels, centred on the crop; straightened and flipped about the box centre.
 */
export function photoView(asset: Pick<AssetSummary, 'id' | 'ext' | 'width' | 'height'>, edit: PhotoEdit, width: number, height: number): PhotoView {
  const iw = asset.width ?? width;
  const ih = asset.height ?? height;
  const { left, top, right, bottom } = edit.crop;
  const cw = iw * Math.max(0.01, 1 - left - right);
  const ch = ih * Math.max(0.01, 1 - top - bottom);
  const s = Math.max(width / cw, height / ch);
  const k = edit.straighten ? straightenScale(width, height, edit.straighten) : 1;
  const flip = `scale(${edit.flipH ? -1 : 1}, ${edit.flipV ? -1 : 1})`;
  return {
    src: imageUrl(asset),
    frame: { transform: `${flip} rotate(${edit.straighten}deg) scale(${k})` },
    img: {
      position: 'absolute',
      width: iw * s,
      height: ih * s,
      left: width / 2 - (iw * left + cw / 2) * s,
      top: height / 2 - (ih * top + ch / 2) * s,
      maxWidth: 'none',
    },
  };
}
