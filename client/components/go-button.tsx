import Taro from '@tarojs/taro';
import type { ReactNode } from 'react';
import { Button as NutButton } from './nut';

/**
 * A full-width outlined library button that opens another page (我的消息, 我的信息与隐私, 输入邀请码, …): the
 * way in to a page from 我的 and the home page's people card, one look and one behaviour for all of them.
 */
export function GoButton({ id, to, children }: { id: string; to: string; children: ReactNode }) {
  return (
    <NutButton type="primary" fill="outline" block id={id} onClick={() => void Taro.navigateTo({ url: to })}>
      {children}
    </NutButton>
  );
}
