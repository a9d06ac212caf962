import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { Button as NutButton } from '../../components/nut';
import { Screen } from '../../components/screen';
import { clearSessionToken } from '../../services/session';
import { GoButton } from '../../components/go-button';
import {
  careChoice,
  isCareMode,
  setCareChoice,
  systemWantsLargeType,
  useCareMode,
  type CareChoice,
} from '../../utils/care-mode';

/**
 * 我的 (issue #19): the 关怀模式 switch (large type and large buttons, kept on the phone; until the person
 * chooses, it follows WeChat's font size), one's messages and data, and in the local demo the persona switch.
 */
export default function Mine() {
  const care = useCareMode();
  const [choice, setChoice] = useState<CareChoice>(careChoice);
  const choose = (c: CareChoice) => {
    setCareChoice(c);
    setChoice(c);
  };
  const system = systemWantsLargeType();
  return (
    <Screen id="mine" title="我的" tab="mine">
      <View className="card" id="care-mode-card">
        <Text className="card-title">关怀模式（大字体）</Text>
        <Text className="muted" style={{ display: 'block' }}>
          开启后文字和按钮更大，更容易看清、点准。
        </Text>
        {/* A switch: filled while 关怀模式 is on, outlined while it is off. */}
        <NutButton
          type="primary"
          fill={care ? 'solid' : 'outline'}
          block
          id="care-switch"
          // NutUI's Button types no `role`; it hands it to Taro's Button, which writes it on the element.
          {...{ role: 'switch' }}
          aria-checked={care}
          onClick={() => choose(isCareMode(choice) ? 'off' : 'on')}
        >
          {care ? '关怀模式：已开启（点按关闭）' : '关怀模式：已关闭（点按开启）'}
        </NutButton>
        {choice !== 'system' ? (
          <NutButton
            type="primary"
            fill="outline"
            block
            id="care-follow-wechat"
            onClick={() => choose('system')}
          >
            跟随微信字体大小{system ? '（微信已设为大字）' : ''}
          </NutButton>
        ) : (
          <Text className="muted" id="care-following" style={{ display: 'block' }}>
            目前跟随微信的字体大小设置。
          </Text>
        )}
      </View>
      <View className="card">
        <GoButton id="mine-inbox" to="/pages/inbox/index">
          我的消息
        </GoButton>
        <GoButton id="go-my-data" to="/pages/my-data/index">
          我的信息与隐私
        </GoButton>
        {ANJU_LOCAL ? (
          <NutButton
            type="primary"
            fill="outline"
            block
            id="switch-persona"
            onClick={() => {
              clearSessionToken();
              void Taro.redirectTo({ url: '/pages/dev-sign-in/index' });
            }}
          >
            切换身份
          </NutButton>
        ) : null}
      </View>
    </Screen>
  );
}
