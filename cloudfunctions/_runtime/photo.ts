import { AppError } from '@shared/errors';

const MAX_PHOTO_BYTES = 2 * 1024 * 1024;

/** JPEG or PNG by their magic bytes, at most 2 MB (checked on the server whatever the client did). */
export function decodePhoto(base64: string): { bytes: Buffer; contentType: string; ext: string } {
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length > MAX_PHOTO_BYTES)
    throw new AppError('INVALID_INPUT', '照片不能超过 2 MB，请压缩后上传。');
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff)
    return { bytes, contentType: 'image/jpeg', ext: 'jpg' };
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) {
    return { bytes, contentType: 'image/png', ext: 'png' };
  }
  throw new AppError('INVALID_INPUT', '照片格式不支持，请上传 JPG 或 PNG 图片。');
}
