import { ensureBuild } from '../test/build-outputs';
import { MAIN_PACKAGE_BUDGET_BYTES, packageSizes, readAppJson } from '../test/miniprogram/main-package';
import { measureH5Budget, printH5Budget } from './h5-budget.bench';

/**
 * `npm run bench -- pages` (issue #19, performance budgets): both budgets of the pages in one run.
 * - The mini-program's main package in bytes against 600 KB (counted as test/miniprogram/main-package.ts
 *   says; main-package.test.ts asserts it). Bytes are the same for the same build, so this one is also a test.
 * - The H5 first screen's JavaScript on the wire as a ratio to an empty Taro app's, against 1.5×
 *   (bench/h5-budget.bench.ts).
 * The builds (dist/weapp, dist/h5) are made first when missing or older than the sources. To see which
 * modules a budget pays for: ANJU_BUNDLE_REPORT=/tmp/report.json npm run build:weapp (config/bundle-report.ts).
 */
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

export async function run(): Promise<void> {
  const weapp = ensureBuild('weapp');
  const sizes = packageSizes(weapp);
  const app = readAppJson(weapp);
  const within = sizes.main <= MAIN_PACKAGE_BUDGET_BYTES;
  console.log(
    `  小程序主包：${sizes.main} 字节（${kb(sizes.main)}），预算 ${kb(MAIN_PACKAGE_BUDGET_BYTES)}，` +
      `占 ${((sizes.main / MAIN_PACKAGE_BUDGET_BYTES) * 100).toFixed(0)}%${within ? '，达到' : '，未达到'}`,
  );
  console.log(`    主包页面 ${app.pages.length} 个；最大的文件：`);
  console.log(
    `    ${sizes.mainFiles
      .slice(0, 10)
      .map((f) => `${f.file} ${kb(f.bytes)}`)
      .join('，')}`,
  );
  const subTotal = sizes.subpackages.reduce((s, p) => s + p.bytes, 0);
  console.log(
    `  分包 ${sizes.subpackages.length} 个，共 ${kb(subTotal)}；最大：` +
      sizes.subpackages
        .slice(0, 5)
        .map((p) => `${p.root} ${kb(p.bytes)}`)
        .join('，'),
  );

  ensureBuild('h5');
  const h5 = await measureH5Budget();
  if (h5) printH5Budget(h5);
}
