import { Text, View } from '@tarojs/components';
import { PRIVACY_NOTICE } from '@shared/rules/people.rule';
import { Button as NutButton } from './nut';

type Kind = 'personal' | 'sensitive';

/**
 * One privacy notice and its own "I agree" (个人信息保护法 第十七条; the sensitive-information notice is agreed
 * to separately, 第二十九条). `agreed` shows the stored consent of the current version.
 */
export function PrivacyNotice({
  kind,
  agreed,
  busy,
  onAgree,
}: {
  kind: Kind;
  agreed: boolean;
  busy: boolean;
  onAgree: () => void;
}) {
  const notice = PRIVACY_NOTICE[kind];
  return (
    <View className="card" id={`notice-${kind}`}>
      <Text className="card-title">{notice.title}</Text>
      {notice.body.map((line) => (
        <Text className="muted" key={line} style={{ display: 'block', marginBottom: '6px' }}>
          {line}
        </Text>
      ))}
      <Text className="muted" style={{ display: 'block' }}>
        依据：{notice.clause}；版本 {PRIVACY_NOTICE.version}
      </Text>
      {agreed ? (
        <Text className="tag" id={`agreed-${kind}`}>
          已同意
        </Text>
      ) : (
        <NutButton type="primary" block id={`agree-${kind}`} loading={busy} onClick={onAgree}>
          我已阅读并同意
        </NutButton>
      )}
    </View>
  );
}
