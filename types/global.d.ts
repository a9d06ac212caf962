/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.css';

/** Build-time constants (config/index.ts `defineConstants`). */
declare const ANJU_LOCAL: boolean;
declare const ANJU_API_BASE: string;
/** The CloudBase environment id the mini-program calls (ANJU_ENV_ID at build time). */
declare const ANJU_ENV_ID: string;

declare namespace NodeJS {
  interface ProcessEnv {
    TARO_ENV: 'weapp' | 'h5' | string;
  }
}
