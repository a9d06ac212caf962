import { View } from '@tarojs/components';
import { useState, type ReactNode } from 'react';
import { Button as NutButton } from './nut';

/**
 * 如何核验 (issue #19): the lottery's technical proof (seed, algorithm, the openssl command) folded away
 * from the tenant's main view; one tap opens it. The text stays in the page while folded.
 */
export function HowToVerify({ children }: { children: ReactNode }) {
  const [open, setOpen] = useState(false);
  return (
    <View className="how-to-verify" id="how-to-verify">
      <NutButton
        type="primary"
        fill="outline"
        block
        id="how-to-verify-toggle"
        // NutUI's Button types no `role`; it hands it to Taro's Button, which writes it on the element.
        {...{ role: 'button' }}
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
      >
        {open ? '收起核验方法' : '如何核验摇号结果'}
      </NutButton>
      <View style={{ display: open ? 'block' : 'none' }}>{children}</View>
    </View>
  );
}
