import path from 'node:path';
import { startLocalServer } from '../cloudfunctions/_local/server';
import { DEMO_SETUP_CODE } from '../cloudfunctions/_local/local-people.adapter';

/** `npm start` / `npm run serve`: the product on the embedded database with demo data. */
async function main() {
  const dataDir = path.resolve(process.env.DATA_DIR ?? '.data');
  const port = Number(process.env.PORT ?? 8080);
  const server = await startLocalServer({
    port,
    dataDir,
    staticDir: path.resolve('dist/h5'),
    host: process.env.HOST,
    // The declared timer triggers (monthly bills, reminders, reconciliation, patrol plan, escalations)
    // run on their schedule, as on CloudBase; ANJU_SCHEDULE=off leaves them to the admin's buttons.
    schedule: process.env.ANJU_SCHEDULE !== 'off',
  });
  console.log(`安居 Anju 本地服务已启动：${server.url}`);
  console.log(`数据目录：${dataDir}（删除该目录即可重置演示数据）`);
  console.log(
    `首位管理员初始化口令：${process.env.ANJU_SETUP_CODE || DEMO_SETUP_CODE}（以“新微信用户”登录，在首页点“初始化管理员”输入；只能使用一次）`,
  );
  const stop = () => {
    void server.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error('启动失败：', err instanceof Error ? err.message : err);
  process.exit(1);
});
