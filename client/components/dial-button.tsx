import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import type { Dial } from '@shared/contracts';
import { errorText, toast } from '../utils/ui';
import { Button as NutButton } from './nut';

/**
 * A card that calls someone by telephone (issue #17): the number is asked for when the card shows and
 * dialled with Taro.makePhoneCall on the tap (wx.makePhoneCall:
 * https://developers.weixin.qq.com/miniprogram/dev/api/device/phone/wx.makePhoneCall.html); it is never printed on the page (the button reads 拨打). When
 * there is no number (or the call is refused) the button reads 暂无电话 and the reason is shown.
 */
export function DialButton({ id, title, load }: { id: string; title: string; load: () => Promise<Dial> }) {
  const [dial, setDial] = useState<Dial | null>(null);
  useEffect(() => {
    let live = true;
    load().then(
      (d) => live && setDial(d),
      (err) => live && setDial({ phone: null, message: errorText(err) }),
    );
    return () => {
      live = false;
    };
    // `load` is a new function on each render of the page; the number is asked for once per card.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  const phone = dial?.phone ?? null;
  return (
    <View className="card" id={id}>
      <Text className="card-title">{title}</Text>
      {dial && !phone ? (
        <Text className="muted" id={`${id}-message`} style={{ display: 'block' }}>
          {dial.message}
        </Text>
      ) : null}
      {/* 拨打 is the card's main action (filled); 暂无电话 only says why there is none (outline). */}
      <NutButton
        type="primary"
        fill={phone ? 'solid' : 'outline'}
        block
        id={`${id}-dial`}
        loading={!dial}
        onClick={() => {
          if (!phone) return toast(dial?.message || '暂无电话');
          void Taro.makePhoneCall({ phoneNumber: phone }).catch(() => undefined);
        }}
      >
        {!dial ? '正在查询…' : phone ? '拨打' : '暂无电话'}
      </NutButton>
    </View>
  );
}
