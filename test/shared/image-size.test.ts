import ExcelJS from 'exceljs';
import { imageSize } from '../factories/image-size';
import { makeSignaturePng } from '../factories/png.factory';

/** The header reader the browser test uses to check the size of a stored photo. */
describe('imageSize (test helper)', () => {
  it('reads a PNG’s size from its IHDR', () => {
    expect(imageSize(makeSignaturePng(300, 200, 1))).toEqual({ width: 300, height: 200, type: 'png' });
  });

  it('reads a baseline JPEG’s size from its SOF0 after the APP0 and quantisation segments', () => {
    // A minimal JPEG header: SOI, APP0 (JFIF, 16 bytes), DQT (67 bytes), SOF0 for 853×1280, then EOI.
    const app0 = [0xff, 0xe0, 0x00, 0x10, ...Buffer.from('JFIF\0'), 1, 1, 0, 0, 1, 0, 1, 0, 0];
    const dqt = [0xff, 0xdb, 0x00, 0x43, 0x00, ...Array(64).fill(1)];
    const sof0 = [
      0xff, 0xc0, 0x00, 0x11, 0x08, 0x05, 0x00, 0x03, 0x55, 0x03, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1,
    ];
    const jpeg = Buffer.from([0xff, 0xd8, ...app0, ...dqt, ...sof0, 0xff, 0xd9]);
    expect(imageSize(jpeg)).toEqual({ width: 853, height: 1280, type: 'jpeg' });
  });

  it('answers null for something that is not a picture', async () => {
    expect(imageSize(Buffer.from('楼栋,房号\n', 'utf8'))).toBeNull();
    const book = new ExcelJS.Workbook();
    book.addWorksheet('x');
    expect(imageSize(Buffer.from(await book.xlsx.writeBuffer()))).toBeNull();
  });
});
