// One jest run, several projects: pure rules, functions on the in-memory embedded database,
// client components (jsdom), the compiled mini-program (miniprogram-simulate) and the browser (Chromium).
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', tsx: true },
      transform: { react: { runtime: 'automatic' } },
      target: 'es2021',
    },
    module: { type: 'commonjs' },
  },
];
const base = {
  transform: { '^.+\\.(t|j)sx?$': swc },
  moduleNameMapper: { '^@shared/(.*)$': '<rootDir>/shared/$1' },
  transformIgnorePatterns: ['/node_modules/(?!chinese-days)'],
};
module.exports = {
  // Jest's 5 s default also bounds beforeEach hooks; opening a host with the demo seed took longer than that
  // on a machine running a CI build beside other work. Speed is measured in `npm run bench`, never here.
  testTimeout: 30_000,
  projects: [
    {
      ...base,
      displayName: 'shared',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/shared/**/*.test.ts'],
    },
    {
      ...base,
      displayName: 'functions',
      testEnvironment: 'node',
      // test/reliability: what a refused call, a bad input and a wrong state must never do (README "Reliability").
      // test/scripts: the deploy plan, the security rules and the README's deployment commands.
      testMatch: [
        '<rootDir>/test/cloudfunctions/**/*.test.ts',
        '<rootDir>/test/reliability/**/*.test.ts',
        '<rootDir>/test/scripts/**/*.test.ts',
      ],
    },
    {
      ...base,
      displayName: 'client',
      testEnvironment: 'jsdom',
      setupFiles: ['<rootDir>/test/client/setup.ts'],
      moduleNameMapper: {
        ...base.moduleNameMapper,
        '^@tarojs/components$': '<rootDir>/test/client/mocks/taro-components.tsx',
        '^@tarojs/taro$': '<rootDir>/test/client/mocks/taro.ts',
        '\\.css$': '<rootDir>/test/client/mocks/style.ts',
        '^@nutui/nutui-react-taro/.*/style/css$': '<rootDir>/test/client/mocks/style.ts',
        '^@nutui/nutui-react-taro/dist/es/packages/(input|textarea)/index$':
          '<rootDir>/test/client/mocks/nutui-input.tsx',
        // components/nut-dialog.tsx (utils/ui.ts's dialogs and toasts): answered from mocks/taro.ts's queue.
        '^\\./nut-dialog$': '<rootDir>/test/client/mocks/nut-dialog.tsx',
        '^@nutui/nutui-react-taro/dist/es/packages/.*$': '<rootDir>/test/client/mocks/nutui.tsx',
        '^@nutui/icons-react-taro$': '<rootDir>/test/client/mocks/nutui-icons.ts',
      },
      testMatch: ['<rootDir>/test/client/**/*.test.tsx', '<rootDir>/test/reliability/**/*.test.tsx'],
    },
    {
      ...base,
      displayName: 'miniprogram',
      testEnvironment: 'jsdom',
      // The in-process function host (SQLite, mingo, bson) needs Node builds, not browser ones.
      testEnvironmentOptions: { customExportConditions: ['node', 'node-addons'] },
      setupFiles: ['<rootDir>/test/miniprogram/setup.ts'],
      testMatch: ['<rootDir>/test/miniprogram/**/*.test.ts'],
      globalSetup: '<rootDir>/test/miniprogram/global-setup.ts',
    },
    {
      ...base,
      displayName: 'e2e',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/e2e/**/*.test.ts'],
      globalSetup: '<rootDir>/test/e2e/global-setup.ts',
    },
  ],
};
