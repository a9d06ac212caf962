import { Canvas } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useRef, type MutableRefObject } from 'react';

/*
 * The handwritten signature pad of the online lease, for the contracts signed outside a round (renewal,
 * vacancy offer): the same drawing and PNG as the round's contract page (client/pages/contract), which
 * could use this component too.
 */

/** Browser: the <canvas> inside Taro's Canvas, drawn with pointer events. */
export function useBrowserSignaturePad(enabled: boolean) {
  const strokes = useRef(0);
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
  return strokes;
}

/** The drawn signature as a PNG to upload: a data: URL in the browser, a temp file in the mini-program. */
export async function signaturePng(): Promise<string | null> {
  if (process.env.TARO_ENV === 'h5') {
    const canvas = document.querySelector('#signature-pad canvas') as HTMLCanvasElement | null;
    return canvas ? canvas.toDataURL('image/png') : null;
  }
  const { tempFilePath } = await Taro.canvasToTempFilePath({ canvasId: 'signature', fileType: 'png' });
  return tempFilePath;
}

/** The pad itself (`#signature-pad`): touch drawing in the mini-program, pointer drawing in the browser. */
export function SignaturePad({ strokes }: { strokes: MutableRefObject<number> }) {
  const miniCtx = useRef<Taro.CanvasContext | null>(null);
  return (
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
      }}
    />
  );
}
