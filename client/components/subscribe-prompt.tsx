import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import type { SubscribeMoment } from '@shared/contracts';
import { askSubscription, prepareSubscription } from '../services/subscribe';
import { Button as NutButton } from './nut';

const TEXT: Record<SubscribeMoment, string> = {
  repair_filed: '报修处理进度',
  bills_opened: '租金到期与逾期提醒',
  round_registered: '摇号结果、选房时间与配租邀约',
  volunteer_routes: '巡查任务与关爱提醒',
};

/**
 * The moment to ask for subscription messages (issue #18): a card whose button opens WeChat's subscription
 * dialog (it must be a tap). Each 允许 lets the system send one such message; everything also stays in 消息.
 * Shown only in the mini-program, once the templates are known.
 */
export function SubscribePrompt({ moment }: { moment: SubscribeMoment }) {
  const [ready, setReady] = useState(false);
  const [asked, setAsked] = useState(false);
  useEffect(() => {
    if (process.env.TARO_ENV !== 'weapp') return;
    void prepareSubscription(moment).then(() => setReady(true));
  }, [moment]);
  if (process.env.TARO_ENV !== 'weapp' || !ready || asked) return null;
  return (
    <View className="card" id={`subscribe-${moment}`}>
      <Text className="muted" style={{ display: 'block' }}>
        通过微信接收{TEXT[moment]}。每次允许可收到一条通知；所有通知也会保存在“消息”中。
      </Text>
      <NutButton
        type="primary"
        fill="outline"
        block
        id={`subscribe-${moment}-button`}
        onClick={() => {
          setAsked(true);
          void askSubscription(moment);
        }}
      >
        接收微信通知
      </NutButton>
    </View>
  );
}
