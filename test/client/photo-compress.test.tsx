import { compressInMiniProgram, fitWithin, MAX_SIDE } from '../../client/utils/photo';
import { compressions, images, resetTaro } from './mocks/taro';

/**
 * Photos are compressed on the phone to at most 1280 px on the long side (issue #15), by size and not just
 * by quality: in the mini-program `compressImage` gets `compressedWidth` / `compressedHeight` computed from
 * `getImageInfo`; the browser's canvas uses the same `fitWithin`.
 */
describe('photo compression on the phone', () => {
  beforeEach(() => resetTaro());

  it.each([
    ['a landscape 3000×2000 photo', 3000, 2000, 1280, 853],
    ['a portrait 2000×3000 photo', 2000, 3000, 853, 1280],
    ['a square 4000×4000 photo', 4000, 4000, 1280, 1280],
    ['a photo already small enough is never enlarged', 800, 600, 800, 600],
    ['exactly 1280 on its long side', 1280, 720, 1280, 720],
  ])('%s', (_name, w, h, ew, eh) => {
    const out = fitWithin(w, h);
    expect(out).toEqual({ width: ew, height: eh });
    expect(Math.max(out.width, out.height)).toBeLessThanOrEqual(MAX_SIDE);
  });

  it('the mini-program compresses by size from getImageInfo, and the result is what gets uploaded', async () => {
    images.set('wxfile://tmp/camera.jpg', { width: 4032, height: 3024 });
    const photo = await compressInMiniProgram('wxfile://tmp/camera.jpg');
    expect(compressions).toEqual([
      { src: 'wxfile://tmp/camera.jpg', quality: 70, compressedWidth: 1280, compressedHeight: 960 },
    ]);
    expect(photo).toMatchObject({ source: 'wxfile://tmp/camera.jpg.small.jpg', ext: 'jpg' });
    expect(images.get(photo.source)).toEqual({ width: 1280, height: 960 });
    expect(photo.size).toBeGreaterThan(0);
  });
});
