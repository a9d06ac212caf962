import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { ActionInput } from '@shared/contracts';
import { callFunction } from '../services/call';
import { errorText, toast } from '../utils/ui';
import { Button } from './nut';

/**
 * 联系租户 (issue #19): staff handling a tenant's case — a repair, a household behind on rent, a hazard in a
 * home, an exit case — call the tenant. The number is asked for on the tap (account.caseContact, which
 * checks the caller handles that case and audits the call) and dialled with Taro.makePhoneCall
 * (https://developers.weixin.qq.com/miniprogram/dev/api/device/phone/wx.makePhoneCall.html); it is never
 * printed on the page. A refusal shows the function's Chinese message.
 */
export function CallTenant({ id, of }: { id: string; of: ActionInput<'account', 'caseContact'> }) {
  const [busy, setBusy] = useState(false);
  return (
    <Button
      id={id}
      className="call-tenant"
      fill="outline"
      type="primary"
      loading={busy}
      onClick={(e: { stopPropagation?: () => void }) => {
        // Inside a tappable row (欠租管理), the call is not a tap on the row.
        e?.stopPropagation?.();
        setBusy(true);
        void callFunction('account', 'caseContact', of)
          .then(({ phone }) => {
            // Hanging up before dialling is not an error.
            void Taro.makePhoneCall({ phoneNumber: phone }).catch(() => undefined);
          })
          .catch((err: unknown) => toast(errorText(err)))
          .finally(() => setBusy(false));
      }}
    >
      联系租户
    </Button>
  );
}
