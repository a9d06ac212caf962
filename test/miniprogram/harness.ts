import { existsSync } from 'node:fs';
import path from 'node:path';
import { imageSize } from '../factories/image-size';
import { makeSignaturePng } from '../factories/png.factory';
import {
  callBodyBytes,
  MAX_CALL_PAYLOAD_BYTES,
  PAYLOAD_ERR_MSG,
} from '../../cloudfunctions/_runtime/platform-limits';

/**
 * Renders pages of the COMPILED weapp build (dist/weapp, what ships) in miniprogram-simulate under jsdom.
 * `wx.cloud.callFunction` (what Taro.cloud.callFunction calls in the mini-program) is answered by the
 * function you pass, normally the local function host in-process.
 */
const ROOT = path.resolve(__dirname, '../..');
export const WEAPP_DIR = path.join(ROOT, 'dist/weapp');

export type CloudAnswer = (name: string, data: unknown) => Promise<unknown>;

/**
 * What wx.cloud.uploadFile does with a file of the fake phone: normally `host.upload(openid, cloudPath,
 * bytes)` of the in-process local host, answering the file ID.
 */
export type CloudUpload = (cloudPath: string, bytes: Buffer) => Promise<string>;

/**
 * What wx.downloadFile reads at an address: normally the bytes the in-process local host serves for a
 * temporary address (`host.files.readSigned`), null when the address does not open (answered as HTTP 403).
 */
export type UrlDownload = (url: string) => Promise<Buffer | null>;

/** Runs a fake wx API the way the real ones answer: success / fail / complete callbacks and a promise. */
function wxApi<O extends object, R>(name: string, run: (options: O) => R | Promise<R>) {
  return (
    options: O & { success?: (r: unknown) => void; fail?: (e: unknown) => void; complete?: () => void },
  ) => {
    const p = Promise.resolve()
      .then(() => run(options))
      .then((r) => ({ ...(r as object), errMsg: `${name}:ok` }));
    p.then(options.success, (e: unknown) => options.fail?.({ errMsg: `${name}:fail ${String(e)}` })).finally(
      () => options.complete?.(),
    );
    return p;
  };
}

interface SimComponent {
  instance: Record<string, (...args: unknown[]) => unknown>;
  dom: HTMLElement;
  attach(parent: Element): void;
  querySelector(selector: string): { dispatchEvent(name: string, detail?: unknown): void } | undefined;
}

interface Simulate {
  load(componentPath: string, tagName?: string, options?: { rootPath: string }): string;
  render(id: string, properties?: object): SimComponent;
  sleep(ms: number): Promise<void>;
}

export interface MiniProgram {
  /** How many times the app called wx.cloud.init (Taro.cloud.init in onLaunch). */
  readonly cloudInitCalls: number;
  /**
   * The phone's local files by path (temp files, saved files): a test puts a picture here and queues it in
   * `toPick`; wx.chooseMedia / wx.chooseMessageFile answer the queued paths, wx.getImageInfo reads a
   * picture's size from its header, and wx.compressImage writes a new PNG of the compressedWidth ×
   * compressedHeight it is given (recorded in `compressions`).
   */
  files: Map<string, Buffer>;
  toPick: { path: string; name?: string }[];
  compressions: { src: string; quality?: number; compressedWidth?: number; compressedHeight?: number }[];
  /** cloudPaths passed to wx.cloud.uploadFile, in order. */
  uploads: string[];
  /** URLs passed to wx.downloadFile, in order. */
  downloads: string[];
  /** Every wx.openDocument call, in order (the file it opened is in `files`). */
  documents: { filePath: string; fileType?: string; showMenu?: boolean }[];
  /** Titles of wx.showLoading, in order, and how many times wx.hideLoading was called. */
  loadings: string[];
  readonly hideLoadingCalls: number;
  /** URLs passed to wx.navigateTo / wx.redirectTo, in order. */
  navigations: string[];
  /** Renders a page (e.g. 'pages/index/index'), runs its onLoad and onShow. */
  openPage(pagePath: string, query?: Record<string, string>): Promise<RenderedPage>;
}

export interface RenderedPage {
  text(): string;
  /** The page's data as Taro sets it (the rendered tree with every element's attributes, e.g. an image's src), as JSON. */
  renderData(): string;
  /** Taps the element rendered for the React node with this DOM id. */
  tap(id: string): Promise<void>;
  /** Types into the <input> / <textarea> with this DOM id (its `input` event with `detail.value`). */
  type(id: string, value: string): Promise<void>;
  /** Waits until the page's text contains `snippet`. */
  waitForText(snippet: string, timeoutMs?: number): Promise<void>;
  /**
   * Waits for the page's dialog (utils/ui.ts confirm() / notice(), drawn by the page's <Screen>:
   * components/nut-dialog.tsx) and answers it: 确定 (#dialog-confirm) or 取消 (#dialog-cancel). Returns the
   * page's text while the dialog was open (its title and content included).
   */
  answerDialog(confirm: boolean, timeoutMs?: number): Promise<string>;
}

const g = globalThis as unknown as Record<string, unknown>;

/**
 * The `wx.cloud` the compiled app sees: `callFunction` answered by `answer`, except that data over the
 * platform's payload limit never reaches it — the call fails with WeChat's errMsg, as on a phone
 * (platform-limits.ts).
 */
export function wxCloud(answer: CloudAnswer, onInit: () => void = () => undefined) {
  return {
    init: onInit,
    callFunction: (options: {
      name: string;
      data: unknown;
      success?: (r: unknown) => void;
      fail?: (e: unknown) => void;
    }) => {
      if (callBodyBytes(options.name, options.data) > MAX_CALL_PAYLOAD_BYTES) {
        const refused = Object.assign(new Error(PAYLOAD_ERR_MSG), { errMsg: PAYLOAD_ERR_MSG, errCode: -1 });
        const r = Promise.reject(refused);
        r.catch(options.fail ?? (() => undefined));
        return r;
      }
      const p = answer(options.name, options.data).then((result) => ({
        result,
        errMsg: 'cloud.callFunction:ok',
      }));
      // The caller may use the callbacks or the promise; a failure is theirs to handle either way.
      p.then(options.success, options.fail ?? (() => undefined));
      return p;
    },
  };
}

/** Loads the build once per test file (jest isolates module registries per file). */
export async function loadMiniProgram(
  answer: CloudAnswer,
  /** Further wx APIs the test answers (wx.requestPayment, wx.showModal, …). */
  extraWx: Record<string, unknown> = {},
  /** What wx.cloud.uploadFile does with the file's bytes (refused unless given). */
  upload: CloudUpload = async () => {
    throw new Error('cloud.uploadFile: this test takes no uploads');
  },
  /** What wx.downloadFile reads at an address (refused unless given). */
  download: UrlDownload = async () => {
    throw new Error('downloadFile: this test takes no downloads');
  },
): Promise<MiniProgram> {
  if (!existsSync(path.join(WEAPP_DIR, 'app.js')))
    throw new Error('dist/weapp 不存在：请先运行 npm run build:weapp');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const simulate = require('miniprogram-simulate') as Simulate;
  const storage = new Map<string, unknown>();
  const navigations: string[] = [];
  let cloudInitCalls = 0;
  const files = new Map<string, Buffer>();
  const toPick: { path: string; name?: string }[] = [];
  const compressions: MiniProgram['compressions'] = [];
  const uploads: string[] = [];
  const downloads: string[] = [];
  const documents: MiniProgram['documents'] = [];
  const loadings: string[] = [];
  let hideLoadingCalls = 0;
  let tempN = 0;
  const fileOf = (p: string) => {
    const f = files.get(p);
    if (!f) throw new Error(`no such file ${p}`);
    return f;
  };
  const navigate = (options: { url: string; success?: (r: unknown) => void }) => {
    navigations.push(options.url);
    const res = { errMsg: 'navigateTo:ok' };
    options.success?.(res);
    return Promise.resolve(res);
  };
  const existingWx = (g.wx as Record<string, unknown> | undefined) ?? {};
  g.wx = {
    ...existingWx,
    cloud: {
      ...wxCloud(answer, () => {
        cloudInitCalls++;
      }),
      uploadFile: wxApi('cloud.uploadFile', async (o: { cloudPath: string; filePath: string }) => {
        uploads.push(o.cloudPath);
        return { fileID: await upload(o.cloudPath, fileOf(o.filePath)), statusCode: 200 };
      }),
    },
    // https://developers.weixin.qq.com/miniprogram/dev/api/network/download/wx.downloadFile.html : the file
    // lands at `filePath` when given (answered as `filePath`), else at a temp path (`tempFilePath`); an HTTP
    // error status is still a success with that `statusCode`.
    downloadFile: wxApi('downloadFile', async (o: { url: string; filePath?: string }) => {
      downloads.push(o.url);
      const bytes = await download(o.url);
      if (!bytes) return { statusCode: 403, tempFilePath: '' };
      const target = o.filePath ?? `wxfile://tmp/download-${++tempN}`;
      files.set(target, bytes);
      return o.filePath ? { statusCode: 200, filePath: target } : { statusCode: 200, tempFilePath: target };
    }),
    // https://developers.weixin.qq.com/miniprogram/dev/api/file/wx.openDocument.html
    openDocument: wxApi('openDocument', (o: { filePath: string; fileType?: string; showMenu?: boolean }) => {
      fileOf(o.filePath);
      documents.push({ filePath: o.filePath, fileType: o.fileType, showMenu: o.showMenu });
      return {};
    }),
    showLoading: wxApi('showLoading', (o: { title: string }) => {
      loadings.push(o.title);
      return {};
    }),
    hideLoading: wxApi('hideLoading', () => {
      hideLoadingCalls++;
      return {};
    }),
    chooseMedia: wxApi('chooseMedia', (o: { count?: number }) => ({
      tempFiles: toPick.splice(0, o.count ?? 9).map((f) => ({
        tempFilePath: f.path,
        size: fileOf(f.path).length,
        fileType: 'image',
      })),
      type: 'image',
    })),
    chooseMessageFile: wxApi('chooseMessageFile', (o: { count?: number }) => ({
      tempFiles: toPick.splice(0, o.count ?? 1).map((f) => ({
        path: f.path,
        name: f.name ?? path.basename(f.path),
        size: fileOf(f.path).length,
        type: 'file',
        time: 0,
      })),
    })),
    getImageInfo: wxApi('getImageInfo', (o: { src: string }) => {
      const size = imageSize(fileOf(o.src));
      if (!size) throw new Error('not an image');
      return { width: size.width, height: size.height, path: o.src, type: size.type };
    }),
    compressImage: wxApi(
      'compressImage',
      (o: { src: string; quality?: number; compressedWidth?: number; compressedHeight?: number }) => {
        compressions.push({
          src: o.src,
          quality: o.quality,
          compressedWidth: o.compressedWidth,
          compressedHeight: o.compressedHeight,
        });
        const size = imageSize(fileOf(o.src))!;
        const tempFilePath = `wxfile://tmp/compressed-${++tempN}.png`;
        files.set(
          tempFilePath,
          makeSignaturePng(o.compressedWidth ?? size.width, o.compressedHeight ?? size.height, 2),
        );
        return { tempFilePath };
      },
    ),
    getFileSystemManager: () => ({
      statSync: (p: string) => ({ size: fileOf(p).length, isFile: () => true, isDirectory: () => false }),
      saveFileSync: (p: string) => {
        const saved = `wxfile://usr/saved-${++tempN}${path.extname(p)}`;
        files.set(saved, fileOf(p));
        return saved;
      },
      unlinkSync: (p: string) => void files.delete(p),
      writeFileSync: (p: string, data: string | ArrayBuffer, encoding?: string) =>
        void files.set(
          p,
          typeof data === 'string'
            ? Buffer.from(data, (encoding as BufferEncoding) ?? 'utf8')
            : Buffer.from(data),
        ),
    }),
    env: { USER_DATA_PATH: 'wxfile://usr' },
    getStorageSync: (k: string) => storage.get(k) ?? '',
    setStorageSync: (k: string, v: unknown) => void storage.set(k, v),
    removeStorageSync: (k: string) => void storage.delete(k),
    navigateTo: navigate,
    redirectTo: navigate,
    ...extraWx,
  };
  let appConfig: Record<string, (...args: unknown[]) => unknown> | null = null;
  g.App = (config: Record<string, (...args: unknown[]) => unknown>) => {
    appConfig = config;
  };
  g.getApp = () => appConfig;
  g.Page = (config: Record<string, unknown>) => (g.Component as (o: object) => void)({ methods: config });
  g.getCurrentPages = () => [];
  for (const file of ['runtime.js', 'taro.js', 'vendors.js', 'app.js']) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require(path.join(WEAPP_DIR, file));
  }
  if (!appConfig) throw new Error('app.js did not call App()');
  const app: Record<string, unknown> = appConfig;
  (app.onLaunch as ((options: object) => void) | undefined)?.call(app, {});
  // Taro runs the app's onLaunch hooks (useLaunch) once React has rendered the app root, which React 18
  // schedules on a later task; Taro then assigns `$app` (Taro 4.2 runtime, createReactApp).
  for (let waited = 0; !Object.prototype.hasOwnProperty.call(app, '$app'); waited += 10) {
    if (waited > 5000) throw new Error('the app did not finish onLaunch');
    await simulate.sleep(10);
  }

  // A page module runs Page() once (require caches it), so each page is registered once and rendered anew.
  const registered = new Map<string, string>();
  return {
    get cloudInitCalls() {
      return cloudInitCalls;
    },
    files,
    toPick,
    compressions,
    uploads,
    downloads,
    documents,
    loadings,
    get hideLoadingCalls() {
      return hideLoadingCalls;
    },
    navigations,
    async openPage(pagePath, query = {}) {
      const id =
        registered.get(pagePath) ??
        simulate.load(path.join(WEAPP_DIR, pagePath), 'page', { rootPath: WEAPP_DIR });
      registered.set(pagePath, id);
      const comp = simulate.render(id);
      const parent = document.createElement('parent-wrapper');
      comp.attach(parent);
      comp.instance.onLoad?.call(comp.instance, query);
      comp.instance.onShow?.call(comp.instance);
      await simulate.sleep(0);
      const page: RenderedPage = {
        text: () => comp.dom.textContent ?? '',
        renderData: () => JSON.stringify(comp.instance.data ?? {}),
        async tap(domId) {
          const node = comp.querySelector(`#${domId}`);
          if (!node) throw new Error(`no element #${domId} on ${pagePath}`);
          node.dispatchEvent('tap');
          await simulate.sleep(0);
        },
        async type(domId, value) {
          const node = comp.querySelector(`#${domId}`);
          if (!node) throw new Error(`no element #${domId} on ${pagePath}`);
          node.dispatchEvent('input', { detail: { value } });
          await simulate.sleep(0);
        },
        async answerDialog(confirm, timeoutMs = 5000) {
          const until = Date.now() + timeoutMs;
          while (!comp.querySelector('#dialog-confirm')) {
            if (Date.now() > until) throw new Error(`no dialog opened on ${pagePath}`);
            await simulate.sleep(20);
          }
          const text = comp.dom.textContent ?? '';
          await page.tap(confirm ? 'dialog-confirm' : 'dialog-cancel');
          return text;
        },
        async waitForText(snippet, timeoutMs = 5000) {
          const until = Date.now() + timeoutMs;
          while (!page.text().includes(snippet)) {
            if (Date.now() > until)
              throw new Error(`"${snippet}" did not appear; page shows: ${page.text().slice(0, 300)}`);
            await simulate.sleep(20);
          }
        },
      };
      return page;
    },
  };
}
