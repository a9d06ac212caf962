import { Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { useCallback, useState } from 'react';
import type { ContractView } from '@shared/contracts';
import { ErrorState, Loading } from '../../components/status-view';
import { callFunction } from '../../services/call';
import { uploadFile } from '../../services/upload';
import { formatDate } from '../../utils/format';
import { confirm, errorText, notice, queryParam, toast } from '../../utils/ui';
import { Screen } from '../../components/screen';
import { Button as NutButton } from '../../components/nut';
import {
  hasSignature,
  DigestCheck,
  SignaturePad,
  SignatureShown,
  useSignaturePad,
} from '../../components/signature-pad';

/**
 * 签约: the generated lease text, a handwritten signature, a confirmation; afterwards the stored text,
 * signature digest and contract digest, checked again on every opening.
 */
export default function Contract() {
  const registrationId = queryParam('registrationId');
  const [contract, setContract] = useState<ContractView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [signError, setSignError] = useState<string | null>(null);
  const pad = useSignaturePad(contract?.status === 'draft');

  const load = useCallback(async () => {
    setError(null);
    try {
      setContract(await callFunction('allocation', 'getContract', { registrationId }));
    } catch (err) {
      setError(errorText(err));
    }
  }, [registrationId]);
  useDidShow(() => void load());

  const sign = async () => {
    if (!contract) return;
    if (!hasSignature(pad)) {
      setSignError('请先在上面的方框内手写签名。');
      return;
    }
    setSignError(null);
    if (
      !(await confirm(
        '确认签约',
        '签名提交后合同即生效，合同文本与签名将存档并生成摘要。确认签约吗？',
        '确认签约',
      ))
    )
      return;
    setBusy(true);
    try {
      const png = await pad.capture();
      if (!png) throw new Error('no signature');
      // The signature goes to cloud storage first; the call carries its file ID.
      const signatureFileId = await uploadFile('signature', png, 'png');
      setContract(
        await callFunction('allocation', 'signContract', {
          registrationId,
          signatureFileId,
          textSha256: contract.textSha256,
        }),
      );
      toast('签约成功', 'success');
    } catch (err) {
      void notice('签约未成功', errorText(err));
    } finally {
      setBusy(false);
    }
  };

  if (error) return <ErrorState message={error} onRetry={() => void load()} />;
  if (!contract) return <Loading />;
  const draft = contract.status === 'draft';
  return (
    <Screen
      id="contract"
      title="租赁合同"
      bottom={
        draft ? (
          <NutButton
            type="primary"
            size="large"
            id="sign"
            loading={busy}
            disabled={busy || contract.signingNotice !== null}
            onClick={() => void sign()}
          >
            确认签约
          </NutButton>
        ) : undefined
      }
    >
      <View className="card">
        <Text className="contract-text" id="contract-text">
          {contract.text}
        </Text>
      </View>
      {draft ? (
        <View className="card">
          <Text className="card-title">手写签名</Text>
          {contract.signingNotice ? (
            <Text className="error" id="signing-notice" style={{ display: 'block' }}>
              {contract.signingNotice}
            </Text>
          ) : null}
          <SignaturePad pad={pad} error={signError} />
        </View>
      ) : (
        <View className="card" id="signed">
          {pad.shown ? <Text className="success-mark">✓ 签约成功</Text> : null}
          <Text className="card-title">已签约</Text>
          <SignatureShown pad={pad} />
          <View className="row row-keep-label">
            <Text className="label">租期</Text>
            <Text className="value">
              {formatDate(contract.startDate)} 至 {formatDate(contract.endDate)}
            </Text>
          </View>
          <View className="row row-keep-label">
            <Text className="label">续租申请</Text>
            <Text className="value" id="renewal-dates">
              {contract.renewalOpensOn ? `${formatDate(contract.renewalOpensOn)} 起，` : ''}
              {formatDate(contract.renewalDueBy)} 前提出
            </Text>
          </View>
          <Text className="muted" style={{ display: 'block' }}>
            依据：{contract.renewalClause}
          </Text>
          <DigestCheck digest={contract.digest} matches={contract.digestMatches} />
        </View>
      )}
    </Screen>
  );
}
