import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * Renders pages of the COMPILED weapp build (dist/weapp, what ships) in miniprogram-simulate under jsdom.
 * `wx.cloud.callFunction` (what Taro.cloud.callFunction calls in the mini-program) is answered by the
 * function you pass, normally the local function host in-process.
 */
const ROOT = path.resolve(__dirname, '../..');
export const WEAPP_DIR = path.join(ROOT, 'dist/weapp');

export type CloudAnswer = (name: string, data: unknown) => Promise<unknown>;

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
  /** Renders a page (e.g. 'pages/index/index'), runs its onLoad and onShow. */
  openPage(pagePath: string, query?: Record<string, string>): Promise<RenderedPage>;
}

export interface RenderedPage {
  text(): string;
  /** Taps the element rendered for the React node with this DOM id. */
  tap(id: string): Promise<void>;
  /** Waits until the page's text contains `snippet`. */
  waitForText(snippet: string, timeoutMs?: number): Promise<void>;
}

const g = globalThis as unknown as Record<string, unknown>;

/** Loads the build once per test file (jest isolates module registries per file). */
export function loadMiniProgram(answer: CloudAnswer): MiniProgram {
  if (!existsSync(path.join(WEAPP_DIR, 'app.js')))
    throw new Error('dist/weapp 不存在：请先运行 npm run build:weapp');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const simulate = require('miniprogram-simulate') as Simulate;
  const storage = new Map<string, unknown>();
  const existingWx = (g.wx as Record<string, unknown> | undefined) ?? {};
  g.wx = {
    ...existingWx,
    cloud: {
      init: () => undefined,
      callFunction: (options: {
        name: string;
        data: unknown;
        success?: (r: unknown) => void;
        fail?: (e: unknown) => void;
      }) => {
        const p = answer(options.name, options.data).then((result) => ({
          result,
          errMsg: 'cloud.callFunction:ok',
        }));
        p.then(options.success, options.fail);
        return p;
      },
    },
    getStorageSync: (k: string) => storage.get(k) ?? '',
    setStorageSync: (k: string, v: unknown) => void storage.set(k, v),
    removeStorageSync: (k: string) => void storage.delete(k),
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
  (appConfig as Record<string, (...args: unknown[]) => unknown>).onLaunch?.call(appConfig, {});

  // A page module runs Page() once (require caches it), so each page is registered once and rendered anew.
  const registered = new Map<string, string>();
  return {
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
        async tap(domId) {
          const node = comp.querySelector(`#${domId}`);
          if (!node) throw new Error(`no element #${domId} on ${pagePath}`);
          node.dispatchEvent('tap');
          await simulate.sleep(0);
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
