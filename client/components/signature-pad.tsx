import { Canvas, Image, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState, type MutableRefObject } from 'react';
import { FieldError } from './field-frame';
import { Button as NutButton } from './nut';
import { StatusTag } from './status-tag';

/*
 * The handwritten signature pad of the online leases: a round's contract (client/pages/contract) and the
 * contracts signed outside a round (renewal, vacancy offer: client/pages/lease-contract). One pad per page,
 * `#signature-pad`; the page holds its state with `useSignaturePad` and draws it with `<SignaturePad>`.
 */

/** Strokes drawn before the pad counts as signed (a tap or a stray dot is not a signature). */
const STROKES_TO_SIGN = 5;

export interface SignaturePadState {
  /** Stroke segments drawn since the pad was last cleared. */
  strokes: MutableRefObject<number>;
  /** Whether enough has been drawn to count as a signature. */
  drawn: boolean;
  /** 清除重签: wipes the pad so the person can sign again. */
  clear: () => void;
  /**
   * The drawn signature as a PNG to upload (a data: URL in the browser, a temp file in the mini-program),
   * kept to be shown back by `<SignatureShown>` once the contract is signed.
   */
  capture: () => Promise<string | null>;
  /** The signature captured on this opening of the page, shown back on the signed card. */
  shown: string | null;
  /** The mini-program's canvas context, made on the first touch. */
  miniCtx: MutableRefObject<Taro.CanvasContext | null>;
  /** Counts one segment (mini-program touch drawing). */
  stroked: () => void;
}

function browserCanvas(): HTMLCanvasElement | null {
  return document.querySelector('#signature-pad canvas') as HTMLCanvasElement | null;
}

/** The pad's state; `enabled` while the contract waits for a signature (the browser pad attaches then). */
export function useSignaturePad(enabled: boolean): SignaturePadState {
  const strokes = useRef(0);
  const miniCtx = useRef<Taro.CanvasContext | null>(null);
  const [drawn, setDrawn] = useState(false);
  const [shown, setShown] = useState<string | null>(null);

  const stroked = useCallback(() => {
    strokes.current++;
    if (strokes.current === STROKES_TO_SIGN) setDrawn(true);
  }, []);

  useEffect(() => {
    if (!enabled || process.env.TARO_ENV !== 'h5') return undefined;
    let detach: (() => void) | null = null;
    let tries = 0;
    let timer: ReturnType<typeof setTimeout> | null = null;
    // Browser: the <canvas> inside Taro's Canvas, drawn with pointer events. Taro's Canvas web component
    // creates its <canvas> after the first render: wait for it.
    const attach = () => {
      const canvas = browserCanvas();
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
        stroked();
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
  }, [enabled, stroked]);

  const clear = useCallback(() => {
    if (process.env.TARO_ENV === 'h5') {
      const canvas = browserCanvas();
      canvas?.getContext('2d')?.clearRect(0, 0, canvas.width, canvas.height);
    } else if (miniCtx.current) {
      miniCtx.current.clearRect(0, 0, 10_000, 10_000);
      miniCtx.current.draw();
    }
    strokes.current = 0;
    setDrawn(false);
  }, []);

  const capture = useCallback(async () => {
    let png: string | null;
    if (process.env.TARO_ENV === 'h5') {
      png = browserCanvas()?.toDataURL('image/png') ?? null;
    } else {
      png = (await Taro.canvasToTempFilePath({ canvasId: 'signature', fileType: 'png' })).tempFilePath;
    }
    setShown(png);
    return png;
  }, []);

  return { strokes, drawn, clear, capture, shown, miniCtx, stroked };
}

/**
 * Whether the pad holds a signature to submit: the browser counts pointer strokes (as the pages did
 * before the pad became one component); the mini-program leaves it to the person.
 */
export function hasSignature(pad: SignaturePadState): boolean {
  return process.env.TARO_ENV !== 'h5' || pad.strokes.current >= STROKES_TO_SIGN;
}

/**
 * The pad itself (`#signature-pad`): touch drawing in the mini-program, pointer drawing in the browser,
 * a line saying whether it holds a signature (`#signature-hint`) or, when it must and does not, the error
 * (`#signature-error`, which the pad is then described by), and 清除重签 (`#clear-signature`).
 */
export function SignaturePad({ pad, error }: { pad: SignaturePadState; error?: string | null }) {
  // The error takes the hint's place under the pad until something is drawn; the pad is described by
  // whichever line shows.
  const showError = Boolean(error) && !pad.drawn;
  return (
    <View>
      <Canvas
        canvasId="signature"
        id="signature-pad"
        className="signature-pad"
        disableScroll
        aria-label="手写签名区"
        aria-describedby={showError ? 'signature-error' : 'signature-hint'}
        onTouchStart={(e) => {
          if (process.env.TARO_ENV === 'h5') return;
          pad.miniCtx.current ??= Taro.createCanvasContext('signature');
          const t = e.touches[0] as unknown as { x: number; y: number };
          pad.miniCtx.current.moveTo(t.x, t.y);
        }}
        onTouchMove={(e) => {
          if (process.env.TARO_ENV === 'h5' || !pad.miniCtx.current) return;
          const t = e.touches[0] as unknown as { x: number; y: number };
          pad.miniCtx.current.lineTo(t.x, t.y);
          pad.miniCtx.current.stroke();
          pad.miniCtx.current.draw(true);
          pad.stroked();
        }}
      />
      {showError ? (
        <FieldError id="signature" error={error} />
      ) : (
        <Text className="muted" id="signature-hint" style={{ display: 'block' }}>
          {pad.drawn ? '已签名。写错了可以清除后重签。' : '请用手指在上面的方框内写下您的姓名。'}
        </Text>
      )}
      <NutButton fill="outline" type="primary" block id="clear-signature" onClick={pad.clear}>
        清除重签
      </NutButton>
    </View>
  );
}

/** The signature just drawn, shown back on the signed card (only on the opening where it was signed). */
export function SignatureShown({ pad }: { pad: SignaturePadState }) {
  if (!pad.shown) return null;
  return (
    <View>
      <Text className="label">您的签名</Text>
      <Image className="signature-shown" id="signature-shown" src={pad.shown} mode="aspectFit" />
    </View>
  );
}

/** The signed contract's digest and whether it still matches the stored text and signature. */
export function DigestCheck({ digest, matches }: { digest: string | null; matches: boolean | null }) {
  return (
    <View>
      <Text className="muted" style={{ display: 'block', wordBreak: 'break-all' }}>
        合同摘要（SHA-256）：{digest}
      </Text>
      <StatusTag
        id="digest-check"
        tone={matches ? 'ok' : 'bad'}
        text={matches ? '摘要核验一致：合同文本和签名未被改动' : '摘要核验不一致：请联系住房保障部门'}
      />
    </View>
  );
}
