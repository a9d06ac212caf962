import Taro from '@tarojs/taro';

/** Longest side and JPEG quality of photos after compression on the phone, before upload. */
const MAX_SIDE = 1280;
const QUALITY = 0.7;
/** The server refuses more than 2 MB per photo; this stays well below after compression. */
export const MAX_PHOTO_BYTES = 2 * 1024 * 1024;

export interface PickedPhoto {
  /** Something an <Image> can show. */
  preview: string;
  /** JPEG as base64, compressed. */
  base64: string;
}

/** Browser: read a file, scale it to MAX_SIDE on a canvas and encode it as JPEG. */
function compressInBrowser(file: File): Promise<PickedPhoto | null> {
  return new Promise((resolve) => {
    const url = URL.createObjectURL(file);
    const img = new window.Image();
    img.onload = () => {
      const scale = Math.min(1, MAX_SIDE / Math.max(img.width, img.height));
      const canvas = document.createElement('canvas');
      canvas.width = Math.max(1, Math.round(img.width * scale));
      canvas.height = Math.max(1, Math.round(img.height * scale));
      const g = canvas.getContext('2d');
      if (!g) return resolve(null);
      g.fillStyle = '#fff';
      g.fillRect(0, 0, canvas.width, canvas.height);
      g.drawImage(img, 0, 0, canvas.width, canvas.height);
      const dataUrl = canvas.toDataURL('image/jpeg', QUALITY);
      URL.revokeObjectURL(url);
      resolve({ preview: dataUrl, base64: dataUrl.replace(/^data:[^,]*,/, '') });
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

/** Mini-program: choose from the album or camera (already 'compressed'), compress again, read as base64. */
async function pickInMiniProgram(max: number): Promise<PickedPhoto[]> {
  const chosen = await Taro.chooseMedia({
    count: max,
    mediaType: ['image'],
    sizeType: ['compressed'],
    sourceType: ['album', 'camera'],
  });
  const fs = Taro.getFileSystemManager();
  const out: PickedPhoto[] = [];
  for (const f of chosen.tempFiles) {
    const small = await Taro.compressImage({ src: f.tempFilePath, quality: QUALITY * 100 });
    const base64 = fs.readFileSync(small.tempFilePath, 'base64') as string;
    out.push({ preview: small.tempFilePath, base64 });
  }
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
  const ok = picked.filter((p) => (p.base64.length * 3) / 4 <= MAX_PHOTO_BYTES);
  return { photos: ok, tooLarge: picked.length - ok.length };
}

/** A fresh id for an idempotent submission (kept by the page, so a retry reuses it). */
export function newRequestId(): string {
  const rand = Math.random().toString(36).slice(2, 12);
  return `r${Date.now().toString(36)}${rand}`.padEnd(12, '0');
}
