import Taro from '@tarojs/taro';

/**
 * Longest side and JPEG quality of photos after compression on the phone, before upload. Photos are
 * compressed to at most 1280 px on the long side (issue #15): by size (compressedWidth / compressedHeight
 * in the mini-program, a canvas in the browser), not just by quality.
 */
export const MAX_SIDE = 1280;
const QUALITY = 0.7;
/** The server refuses more than 2 MB per photo; this stays well below after compression. */
export const MAX_PHOTO_BYTES = 2 * 1024 * 1024;

export interface PickedPhoto {
  /** Something an <Image> can show. */
  preview: string;
  /**
   * What gets uploaded: the compressed photo's local file (a temp path in the mini-program, a `data:` URL in
   * the browser). Uploaded to cloud storage by `client/services/upload.ts`; calls carry only its file ID.
   */
  source: string;
  ext: 'jpg' | 'png';
  /** Its size in bytes. */
  size: number;
}

/** The size a `width` × `height` picture is scaled to so that its long side is at most `max` (never enlarged). */
export function fitWithin(width: number, height: number, max = MAX_SIDE): { width: number; height: number } {
  const scale = Math.min(1, max / Math.max(width, height, 1));
  return {
    width: Math.max(1, Math.round(width * scale)),
    height: Math.max(1, Math.round(height * scale)),
  };
}

/** Bytes of a base64 payload (a data: URL's or a file's). */
const base64Bytes = (b64: string) =>
  Math.floor((b64.length * 3) / 4) - (b64.endsWith('==') ? 2 : b64.endsWith('=') ? 1 : 0);

/** Browser: read a file, scale it to MAX_SIDE on a canvas and encode it as JPEG. */
function compressInBrowser(file: File): Promise<PickedPhoto | null> {
  return new Promise((resolve) => {
    const url = URL.createObjectURL(file);
    const img = new window.Image();
    img.onload = () => {
      const size = fitWithin(img.width, img.height);
      const canvas = document.createElement('canvas');
      canvas.width = size.width;
      canvas.height = size.height;
      const g = canvas.getContext('2d');
      if (!g) return resolve(null);
      g.fillStyle = '#fff';
      g.fillRect(0, 0, canvas.width, canvas.height);
      g.drawImage(img, 0, 0, canvas.width, canvas.height);
      const dataUrl = canvas.toDataURL('image/jpeg', QUALITY);
      URL.revokeObjectURL(url);
      const b64 = dataUrl.replace(/^data:[^,]*,/, '');
      resolve({ preview: dataUrl, source: dataUrl, ext: 'jpg', size: base64Bytes(b64) });
    };
    img.onerror = () => {
      URL.revokeObjectURL(url);
      resolve(null);
    };
    img.src = url;
  });
}

function pickInBrowser(max: number): Promise<PickedPhoto[]> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = 'image/*';
    input.multiple = max > 1;
    input.onchange = async () => {
      const files = Array.from(input.files ?? []).slice(0, max);
      const out: PickedPhoto[] = [];
      for (const f of files) {
        const p = await compressInBrowser(f);
        if (p) out.push(p);
      }
      resolve(out);
    };
    input.click();
  });
}

/**
 * Mini-program: one photo scaled to MAX_SIDE on its long side. `Taro.getImageInfo` gives its size and
 * `Taro.compressImage` scales it with compressedWidth / compressedHeight (and JPEG quality):
 * https://developers.weixin.qq.com/miniprogram/dev/api/media/image/wx.compressImage.html
 */
export async function compressInMiniProgram(src: string): Promise<PickedPhoto> {
  const info = await Taro.getImageInfo({ src });
  const size = fitWithin(info.width, info.height);
  const small = await Taro.compressImage({
    src,
    quality: QUALITY * 100,
    compressedWidth: size.width,
    compressedHeight: size.height,
  });
  const path = small.tempFilePath;
  let bytes = 0;
  try {
    bytes = Number((Taro.getFileSystemManager().statSync(path) as { size?: number }).size ?? 0);
  } catch {
    // Not readable here: the server checks the size again.
  }
  return { preview: path, source: path, ext: /\.png$/i.test(path) ? 'png' : 'jpg', size: bytes };
}

/** Mini-program: choose from the album or camera, then compress each to MAX_SIDE. */
async function pickInMiniProgram(max: number): Promise<PickedPhoto[]> {
  const chosen = await Taro.chooseMedia({
    count: max,
    mediaType: ['image'],
    sizeType: ['compressed'],
    sourceType: ['album', 'camera'],
  });
  const out: PickedPhoto[] = [];
  for (const f of chosen.tempFiles) out.push(await compressInMiniProgram(f.tempFilePath));
  return out;
}

/**
 * Lets the user pick up to `max` photos and returns them compressed (longest side 1280 px, JPEG 70%).
 * Photos still over 2 MB are dropped with `tooLarge` counted, so the caller can say so.
 */
export async function pickPhotos(max: number): Promise<{ photos: PickedPhoto[]; tooLarge: number }> {
  if (max <= 0) return { photos: [], tooLarge: 0 };
  let picked: PickedPhoto[];
  try {
    picked = process.env.TARO_ENV === 'h5' ? await pickInBrowser(max) : await pickInMiniProgram(max);
  } catch {
    return { photos: [], tooLarge: 0 }; // the user cancelled
  }
  const ok = picked.filter((p) => p.size <= MAX_PHOTO_BYTES);
  return { photos: ok, tooLarge: picked.length - ok.length };
}

/** A fresh id for an idempotent submission (kept by the page, so a retry reuses it). */
export function newRequestId(): string {
  const rand = Math.random().toString(36).slice(2, 12);
  return `r${Date.now().toString(36)}${rand}`.padEnd(12, '0');
}
