import Taro from '@tarojs/taro';

/** A file picked to upload: its name and its local copy (a data: URL in the browser, a temp path in the mini-program). */
export interface PickedFile {
  name: string;
  source: string;
}

/** Browser: pick a file and read it as a data: URL. */
function pickInBrowser(accept: string): Promise<PickedFile | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = accept;
    input.onchange = () => {
      const file = input.files?.[0];
      if (!file) return resolve(null);
      const reader = new FileReader();
      reader.onload = () => resolve({ name: file.name, source: String(reader.result) });
      reader.onerror = () => resolve(null);
      reader.readAsDataURL(file);
    };
    input.click();
  });
}

/**
 * Picks a spreadsheet (.xlsx or .csv) to upload: a file input in the browser; in the mini-program a file
 * from a WeChat chat (wx.chooseMessageFile,
 * https://developers.weixin.qq.com/miniprogram/dev/api/media/image/wx.chooseMessageFile.html). Null when
 * the user cancels.
 */
export async function pickSheet(): Promise<PickedFile | null> {
  if (process.env.TARO_ENV === 'h5') return pickInBrowser('.xlsx,.csv');
  try {
    const res = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['xlsx', 'csv'] });
    const f = res.tempFiles[0];
    return f ? { name: f.name, source: f.path } : null;
  } catch {
    return null; // cancelled
  }
}

/** Text as a file to upload (UTF-8): a data: URL in the browser, a file in the mini-program's user folder. */
export function textFile(name: string, text: string): string {
  if (process.env.TARO_ENV === 'h5') return `data:text/csv;base64,${textToBase64(text)}`;
  const path = `${Taro.env.USER_DATA_PATH}/${name}`;
  Taro.getFileSystemManager().writeFileSync(path, text, 'utf8');
  return path;
}

/** UTF-8 text → base64, in both builds. */
function textToBase64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  bytes.forEach((b) => (binary += String.fromCharCode(b)));
  return btoa(binary);
}
