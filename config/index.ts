import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import devConfig from './dev';
import prodConfig from './prod';

const root = path.resolve(__dirname, '..');

/**
 * ANJU_LOCAL: the development sign-in page and the local HTTP transport exist only in local browser
 * builds. It is true for `taro build --type h5` unless ANJU_LOCAL=false is set, and always false for the
 * mini-program, whose identity comes from WeChat.
 */
const isLocalH5 = process.env.TARO_ENV === 'h5' && process.env.ANJU_LOCAL !== 'false';

export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'anju',
    date: '2026-11-22',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'client',
    outputRoot: `dist/${process.env.TARO_ENV ?? 'weapp'}`,
    plugins: [],
    alias: { '@shared': path.join(root, 'shared') },
    defineConstants: {
      ANJU_LOCAL: JSON.stringify(isLocalH5),
      ANJU_API_BASE: JSON.stringify(process.env.ANJU_API_BASE ?? ''),
      ANJU_CLOUD_ENV: JSON.stringify(process.env.ANJU_CLOUD_ENV ?? ''),
    },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    mini: {
      compile: { include: [path.join(root, 'shared')] },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: {
          enable: false,
          config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' },
        },
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      compile: { include: [path.join(root, 'shared')] },
      output: { filename: 'js/[name].[hash:8].js', chunkFilename: 'js/[name].[chunkhash:8].js' },
      router: { mode: 'browser' },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[hash].css',
        chunkFilename: 'css/[name].[chunkhash].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: {
          enable: false,
          config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' },
        },
      },
    },
  };
  if (process.env.NODE_ENV === 'development') return merge({}, baseConfig, devConfig);
  return merge({}, baseConfig, prodConfig);
});
