import { lazy } from 'react';

/**
 * The browser build: the 复核 form, with NutUI's Input and TextArea, loads in a chunk of its own when a refused
 * applicant's home page shows it, so the home page's first screen stays within its budget (1.5× an empty Taro
 * app's JavaScript, `npm run bench -- pages`). Taro builds this file instead of load-re-review-form.ts for H5
 * (https://docs.taro.zone/docs/envs#统一接口的多端文件).
 */
export const ReReviewForm = lazy(() => import('./re-review-form').then((m) => ({ default: m.ReReviewForm })));
