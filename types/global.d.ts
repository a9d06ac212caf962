/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.css';

/** Build-time constants (config/index.ts `defineConstants`). */
declare const ANJU_LOCAL: boolean;
declare const ANJU_API_BASE: string;
declare const ANJU_CLOUD_ENV: string;

declare namespace NodeJS {
  interface ProcessEnv {
    TARO_ENV: 'weapp' | 'h5' | string;
  }
}
