import { Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { useCallback, useState } from 'react';
import type { LeaseContractSummary, LeaseContractView } from '@shared/contracts';
import {
  DigestCheck,
  hasSignature,
  SignaturePad,
  SignatureShown,
  useSignaturePad,
} from '../../components/signature-pad';
import { Button as NutButton } from '../../components/nut';
import { StatusTag } from '../../components/status-tag';
import { Empty, ErrorState, Loading } from '../../components/status-view';
import { callFunction } from '../../services/call';
import { uploadFile } from '../../services/upload';
import { formatDate, formatFen } from '../../utils/format';
import { confirm, errorText, notice, toast } from '../../utils/ui';
import { Screen } from '../../components/screen';
import { pressable } from '../../components/keyboard';

/**
 * 续租与配租合同: the household's renewal contract (乌兰察布 第二十一条) and the contract of a vacated unit it
 * accepted (动态配租), read and signed online with a handwritten signature like a round's contract; once
 * signed, the stored text and signature digests are checked on every opening.
 */
export default function LeaseContractPage() {
  const [list, setList] = useState<LeaseContractSummary[] | null>(null);
  const [contract, setContract] = useState<LeaseContractView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [signError, setSignError] = useState<string | null>(null);
  const pad = useSignaturePad(contract?.status === 'draft');

  const load = useCallback(async () => {
    try {
      const mine = await callFunction('allocation', 'myLeaseContracts', {});
      setList(mine);
      const first = mine[0];
      setContract(
        first ? await callFunction('allocation', 'getLeaseContract', { contractId: first.id }) : null,
      );
      setError(null);
    } catch (err) {
      setError(errorText(err));
    }
  }, []);
  useDidShow(() => void load());

  const open = async (id: string) => {
    try {
      setContract(await callFunction('allocation', 'getLeaseContract', { contractId: id }));
    } catch (err) {
      toast(errorText(err));
    }
  };

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
      const signatureFileId = await uploadFile('signature', png, 'png');
      setContract(
        await callFunction('allocation', 'signLeaseContract', {
          contractId: contract.id,
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

  if (error && !list) return <ErrorState message={error} onRetry={() => void load()} />;
  if (!list) return <Loading />;
  return (
    <Screen
      id="lease-contract"
      title="续租与配租合同"
      bottom={
        contract?.status === 'draft' ? (
          <NutButton
            type="primary"
            size="large"
            id="sign"
            loading={busy}
            disabled={busy}
            onClick={() => void sign()}
          >
            确认签约
          </NutButton>
        ) : undefined
      }
    >
      {list.length === 0 ? (
        <View className="card">
          <Empty text="没有待签或已签的续租、配租合同。合同生成后会在这里签约。" />
        </View>
      ) : null}
      {list.length > 1 ? (
        <View className="card">
          {list.map((c) => (
            <View
              className="row"
              key={c.id}
              id={`lease-contract-${c.id}`}
              role="button"
              aria-pressed={contract?.id === c.id}
              {...pressable()}
              onClick={() => void open(c.id)}
            >
              <Text className="value">
                {c.kindLabel} · {c.projectName} {c.unitLabel}
              </Text>
              <StatusTag
                tone={c.status === 'draft' ? 'warn' : 'ok'}
                text={c.status === 'draft' ? '待签约' : '已签约'}
              />
            </View>
          ))}
        </View>
      ) : null}
      {contract ? (
        <View className="card">
          <Text className="card-title">{contract.kindLabel}</Text>
          <Text className="muted" style={{ display: 'block' }}>
            租期 {formatDate(contract.startDate)} 至 {formatDate(contract.endDate)}，月租金{' '}
            {formatFen(contract.monthlyRentFen)}
          </Text>
          <Text className="contract-text" id="contract-text">
            {contract.text}
          </Text>
        </View>
      ) : null}
      {contract?.status === 'draft' ? (
        <View className="card">
          <Text className="card-title">手写签名</Text>
          <SignaturePad pad={pad} error={signError} />
        </View>
      ) : null}
      {contract?.status === 'signed' ? (
        <View className="card" id="signed">
          {pad.shown ? <Text className="success-mark">✓ 签约成功</Text> : null}
          <Text className="card-title">已签约</Text>
          <SignatureShown pad={pad} />
          <DigestCheck digest={contract.digest} matches={contract.digestMatches} />
        </View>
      ) : null}
    </Screen>
  );
}
