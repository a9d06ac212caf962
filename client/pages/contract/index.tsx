import { Button, Canvas, Image, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ContractView } from '@shared/contracts';
import { ErrorState, Loading } from '../../components/status-view';
import { callFunction } from '../../services/call';
import { uploadFile } from '../../services/upload';
import { formatDate } from '../../utils/format';
import { confirm, errorText, queryParam, toast } from '../../utils/ui';
import { Screen } from '../../components/screen';

/** Browser: the <canvas> inside Taro's Canvas, drawn with pointer events. */
function useBrowserSignaturePad(enabled: boolean) {
  const strokes = useRef(0);
  const [drawn, setDrawn] = useState(false);
  useEffect(() => {
    if (!enabled || process.env.TARO_ENV !== 'h5') return undefined;
    let detach: (() => void) | null = null;
    let tries = 0;
    let timer: ReturnType<typeof setTimeout> | null = null;
    // Taro's Canvas web component creates its <canvas> after the first render: wait for it.
    const attach = () => {
      const canvas = document.querySelector('#signature-pad canvas') as HTMLCanvasElement | null;
      const ctx = canvas?.getContext('2d');
      if (!canvas || !ctx) {
        if (tries++ < 50) timer = setTimeout(attach, 100);
        return;
      }
      // Make the drawing surface cover the pad exactly, whatever size Taro gave it.
      Object.assign(canvas.style, {
        position: 'absolute',
        left: '0',
        top: '0',
        width: '100%',
        height: '100%',
      });
      const rect = () => canvas.getBoundingClientRect();
      canvas.width = rect().width;
      canvas.height = rect().height;
      ctx.lineWidth = 3;
      ctx.lineCap = 'round';
      ctx.strokeStyle = '#111';
      let drawing = false;
      const at = (e: PointerEvent) => [e.clientX - rect().left, e.clientY - rect().top] as const;
      const down = (e: PointerEvent) => {
        drawing = true;
        ctx.beginPath();
        ctx.moveTo(...at(e));
      };
      const move = (e: PointerEvent) => {
        if (!drawing) return;
        ctx.lineTo(...at(e));
        ctx.stroke();
        strokes.current++;
        if (strokes.current === 5) setDrawn(true);
      };
      const up = () => {
        drawing = false;
      };
      canvas.style.touchAction = 'none';
      canvas.addEventListener('pointerdown', down);
      canvas.addEventListener('pointermove', move);
      window.addEventListener('pointerup', up);
      detach = () => {
        canvas.removeEventListener('pointerdown', down);
        canvas.removeEventListener('pointermove', move);
        window.removeEventListener('pointerup', up);
      };
    };
    attach();
    return () => {
      if (timer) clearTimeout(timer);
      detach?.();
    };
  }, [enabled]);
  return { strokes, drawn, setDrawn };
}

/** 清除重签: wipes the pad (browser canvas or the mini-program's) so the person can sign again. */
function clearPad(miniCtx: Taro.CanvasContext | null): void {
  if (process.env.TARO_ENV === 'h5') {
    const canvas = document.querySelector('#signature-pad canvas') as HTMLCanvasElement | null;
    canvas?.getContext('2d')?.clearRect(0, 0, canvas.width, canvas.height);
    return;
  }
  if (!miniCtx) return;
  miniCtx.clearRect(0, 0, 10_000, 10_000);
  miniCtx.draw();
}

/** The drawn signature as a PNG to upload: a data: URL in the browser, a temp file in the mini-program. */
async function signaturePng(): Promise<string | null> {
  if (process.env.TARO_ENV === 'h5') {
    const canvas = document.querySelector('#signature-pad canvas') as HTMLCanvasElement | null;
    return canvas ? canvas.toDataURL('image/png') : null;
  }
  const { tempFilePath } = await Taro.canvasToTempFilePath({ canvasId: 'signature', fileType: 'png' });
  return tempFilePath;
}

/**
 * 签约: the generated lease text, a handwritten signature, a confirmation; afterwards the stored text,
 * signature digest and contract digest, checked again on every opening.
 */
export default function Contract() {
  const registrationId = queryParam('registrationId');
  const [contract, setContract] = useState<ContractView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { strokes, drawn, setDrawn } = useBrowserSignaturePad(contract?.status === 'draft');
  // The signature just drawn, shown back on the signed card (a data: URL or the mini-program's temp file).
  const [signedPng, setSignedPng] = useState<string | null>(null);
  const miniCtx = useRef<Taro.CanvasContext | null>(null);

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
    if (process.env.TARO_ENV === 'h5' && strokes.current < 5) {
      toast('请先在签名区手写签名');
      return;
    }
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
      const png = await signaturePng();
      if (!png) throw new Error('no signature');
      setSignedPng(png);
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
      void Taro.showModal({ title: '签约未成功', content: errorText(err), showCancel: false });
    } finally {
      setBusy(false);
    }
  };

  if (error) return <ErrorState message={error} onRetry={() => void load()} />;
  if (!contract) return <Loading />;
  return (
    <Screen id="contract" title="租赁合同">
      <View className="card">
        <Text className="contract-text" id="contract-text">
          {contract.text}
        </Text>
      </View>
      {contract.status === 'draft' ? (
        <View className="card">
          <Text className="card-title">手写签名</Text>
          <Canvas
            canvasId="signature"
            id="signature-pad"
            className="signature-pad"
            disableScroll
            onTouchStart={(e) => {
              if (process.env.TARO_ENV === 'h5') return;
              miniCtx.current ??= Taro.createCanvasContext('signature');
              const t = e.touches[0] as unknown as { x: number; y: number };
              miniCtx.current.moveTo(t.x, t.y);
            }}
            onTouchMove={(e) => {
              if (process.env.TARO_ENV === 'h5' || !miniCtx.current) return;
              const t = e.touches[0] as unknown as { x: number; y: number };
              miniCtx.current.lineTo(t.x, t.y);
              miniCtx.current.stroke();
              miniCtx.current.draw(true);
              strokes.current++;
              if (strokes.current === 5) setDrawn(true);
            }}
          />
          <Text className="muted" style={{ display: 'block' }}>
            {drawn ? '已签名。写错了可以清除后重签。' : '请用手指在上面的方框内写下您的姓名。'}
          </Text>
          <Button
            className="btn-plain"
            id="clear-signature"
            onClick={() => {
              clearPad(miniCtx.current);
              strokes.current = 0;
              setDrawn(false);
            }}
          >
            清除重签
          </Button>
          {contract.signingNotice ? (
            <Text className="error" id="signing-notice" style={{ display: 'block' }}>
              {contract.signingNotice}
            </Text>
          ) : null}
          <Button
            className="btn"
            id="sign"
            loading={busy}
            disabled={busy || contract.signingNotice !== null}
            onClick={() => void sign()}
          >
            确认签约
          </Button>
        </View>
      ) : (
        <View className="card" id="signed">
          {signedPng ? <Text className="success-mark">✓ 签约成功</Text> : null}
          <Text className="card-title">已签约</Text>
          {signedPng ? (
            <View>
              <Text className="label">您的签名</Text>
              <Image className="signature-shown" id="signature-shown" src={signedPng} mode="aspectFit" />
            </View>
          ) : null}
          <View className="row">
            <Text className="label">租期</Text>
            <Text className="value">
              {formatDate(contract.startDate)} 至 {formatDate(contract.endDate)}
            </Text>
          </View>
          <View className="row">
            <Text className="label">续租申请</Text>
            <Text className="value" id="renewal-dates">
              {contract.renewalOpensOn ? `${formatDate(contract.renewalOpensOn)} 起，` : ''}
              {formatDate(contract.renewalDueBy)} 前提出
            </Text>
          </View>
          <Text className="muted" style={{ display: 'block' }}>
            依据：{contract.renewalClause}
          </Text>
          <Text className="muted" style={{ display: 'block', wordBreak: 'break-all' }}>
            合同摘要（SHA-256）：{contract.digest}
          </Text>
          <Text className={contract.digestMatches ? 'tag' : 'error'} id="digest-check">
            {contract.digestMatches
              ? '摘要核验一致：合同文本和签名未被改动'
              : '摘要核验不一致：请联系住房保障部门'}
          </Text>
        </View>
      )}
    </Screen>
  );
}
