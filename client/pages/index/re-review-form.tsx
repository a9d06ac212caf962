import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { MyApplication } from '@shared/contracts';
import { callFunction } from '../../services/call';
import { confirm, errorText, toast } from '../../utils/ui';
import { Button as NutButton } from '../../components/nut';
import { TextField } from '../../components/text-field';

/**
 * The 复核 request (乌兰察布 第十三条第二款) on the home page of a refused applicant: the reason, under which
 * its own error shows, and 申请复核 after a confirmation. A file of its own so that the browser loads it, with
 * NutUI's text fields, only for the applicant who sees it (load-re-review-form.h5.ts).
 */
export function ReReviewForm({ onChange }: { onChange: (a: MyApplication) => void }) {
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    if (!reason.trim()) {
      setReasonError('请写明您对审核结果有异议的理由。');
      return;
    }
    if (
      !(await confirm(
        '申请复核',
        '提交后，住房保障部门将在规定的工作日内书面答复复核结果。确定提交吗？',
        '提交',
      ))
    )
      return;
    setBusy(true);
    try {
      onChange(await callFunction('account', 'requestReReview', { reason: reason.trim() }));
      toast('复核申请已提交', 'success');
    } catch (err) {
      toast(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <View id="re-review">
      <Text className="section-title">对审核结果有异议？</Text>
      <TextField
        id="re-review-reason"
        label="异议理由"
        required
        multiline
        value={reason}
        maxLength={500}
        placeholder="请写明理由，例如收入或家庭人口已有变化"
        error={reasonError}
        onChange={(text) => {
          setReason(text);
          setReasonError(null);
        }}
      />
      <NutButton
        type="primary"
        className="action-button"
        block
        id="request-re-review"
        disabled={busy}
        loading={busy}
        onClick={() => void submit()}
      >
        申请复核
      </NutButton>
    </View>
  );
}
