/**
 * The mini-program (and the jsdom tests): the 复核 form is bundled with the home page. The browser build has
 * load-re-review-form.h5.ts instead (Taro builds `<name>.h5.ts` instead of `<name>.ts` for H5:
 * https://docs.taro.zone/docs/envs#统一接口的多端文件).
 */
export { ReReviewForm } from './re-review-form';
