import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { Screen } from '../../components/screen';
import { clearSessionToken } from '../../services/session';
import {
  careChoice,
  isCareMode,
  setCareChoice,
  systemWantsLargeType,
  useCareMode,
  type CareChoice,
} from '../../utils/care-mode';

const go = (url: string) => void Taro.navigateTo({ url });

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
        <View
          className={care ? 'btn' : 'btn-plain'}
          id="care-switch"
          role="switch"
          aria-checked={care}
          onClick={() => choose(isCareMode(choice) ? 'off' : 'on')}
        >
          {care ? '关怀模式：已开启（点按关闭）' : '关怀模式：已关闭（点按开启）'}
        </View>
        {choice !== 'system' ? (
          <View className="btn-plain" id="care-follow-wechat" role="button" onClick={() => choose('system')}>
            跟随微信字体大小{system ? '（微信已设为大字）' : ''}
          </View>
        ) : (
          <Text className="muted" id="care-following" style={{ display: 'block' }}>
            目前跟随微信的字体大小设置。
          </Text>
        )}
      </View>
      <View className="card">
        <View className="btn-plain" id="mine-inbox" role="button" onClick={() => go('/pages/inbox/index')}>
          我的消息
        </View>
        <View className="btn-plain" id="go-my-data" role="button" onClick={() => go('/pages/my-data/index')}>
          我的信息与隐私
        </View>
        {ANJU_LOCAL ? (
          <View
            className="btn-plain"
            id="switch-persona"
            role="button"
            onClick={() => {
              clearSessionToken();
              void Taro.redirectTo({ url: '/pages/dev-sign-in/index' });
            }}
          >
            切换身份
          </View>
        ) : null}
      </View>
    </Screen>
  );
}
