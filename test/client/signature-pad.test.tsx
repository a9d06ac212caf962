import { act, fireEvent, render, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import type { LeaseContractSummary, LeaseContractView } from '@shared/contracts';
import LeaseContractPage from '../../client/pages/lease-contract/index';
import { fakeBackend } from './fake-backend';
import { modals, resetTaro } from './mocks/taro';

/*
 * The one signature pad (client/components/signature-pad.tsx) on the renewal/offer contract page: a
 * missing signature is said under the pad and nothing is sent; in the mini-program the pad counts the
 * strokes drawn, 清除重签 wipes them, and the signature submitted is uploaded and shown back once signed.
 */

// Taro's Canvas, as a <div> that passes its touch handlers on (jsdom has no canvas drawing).
jest.mock('@tarojs/components', () => {
  const actual = jest.requireActual('./mocks/taro-components');
  return {
    ...actual,
    Canvas: ({
      id,
      onTouchStart,
      onTouchMove,
    }: {
      id: string;
      onTouchStart: (e: unknown) => void;
      onTouchMove: (e: unknown) => void;
    }) => (
      <div
        id={id}
        onTouchStart={() => onTouchStart({ touches: [{ x: 1, y: 1 }] })}
        onTouchMove={() => onTouchMove({ touches: [{ x: 2, y: 2 }] })}
      />
    ),
  };
});

const summary: LeaseContractSummary = {
  id: 'lc-1',
  kind: 'renewal',
  kindLabel: '续租合同',
  projectName: '安居苑',
  unitLabel: '1栋 101',
  status: 'draft',
  startDate: '2027-01-01',
  endDate: '2029-12-31',
  monthlyRentFen: 60000,
};
const draft: LeaseContractView = {
  id: 'lc-1',
  kind: 'renewal',
  kindLabel: '续租合同',
  status: 'draft',
  text: '续租合同正文',
  textSha256: 'a'.repeat(64),
  signatureSha256: null,
  digest: null,
  digestMatches: null,
  signedAt: null,
  startDate: '2027-01-01',
  endDate: '2029-12-31',
  monthlyRentFen: 60000,
};
const signed: LeaseContractView = {
  ...draft,
  status: 'signed',
  signatureSha256: 'b'.repeat(64),
  digest: 'c'.repeat(64),
  digestMatches: true,
  signedAt: '2026-11-22T02:00:00.000Z',
};

const drawn: string[] = [];
const taro = Taro as unknown as Record<string, unknown>;

function backend() {
  return fakeBackend()
    .on('allocation', 'myLeaseContracts', [summary])
    .on('allocation', 'getLeaseContract', draft)
    .on('allocation', 'signLeaseContract', signed);
}

async function stroke(times: number) {
  const pad = document.querySelector('#signature-pad')!;
  await act(async () => {
    fireEvent.touchStart(pad);
    for (let i = 0; i < times; i++) fireEvent.touchMove(pad);
  });
}

describe('signature pad (one component for both contract pages)', () => {
  const env = process.env.TARO_ENV;
  beforeEach(() => {
    resetTaro();
    drawn.length = 0;
    taro.createCanvasContext = () => ({
      moveTo: () => undefined,
      lineTo: () => undefined,
      stroke: () => undefined,
      draw: (keep?: boolean) => void drawn.push(keep ? 'draw' : 'redraw'),
      clearRect: () => void drawn.push('clear'),
    });
    taro.canvasToTempFilePath = async () => ({ tempFilePath: 'wxfile://tmp/signature.png' });
  });
  afterEach(() => {
    process.env.TARO_ENV = env;
    delete taro.createCanvasContext;
    delete taro.canvasToTempFilePath;
  });

  it('in the browser, signing with nothing drawn says so under the pad and sends nothing', async () => {
    process.env.TARO_ENV = 'h5';
    const b = backend();
    const { container } = render(<LeaseContractPage />);
    await waitFor(() => expect(container.querySelector('#signature-pad')).not.toBeNull());
    await act(async () => void fireEvent.click(container.querySelector('#sign')!));
    expect(container.querySelector('#signature-error')?.textContent).toContain('请先在上面的方框内手写签名');
    expect(modals).toEqual([]);
    expect(b.inputsOf('allocation', 'signLeaseContract')).toEqual([]);
    expect(b.uploads).toEqual([]);
  });

  it('in the mini-program, strokes mark the pad signed, 清除重签 wipes it, and the signature is uploaded and shown back', async () => {
    process.env.TARO_ENV = 'weapp';
    const b = backend();
    const { container } = render(<LeaseContractPage />);
    await waitFor(() => expect(container.querySelector('#signature-pad')).not.toBeNull());
    const hint = () => container.querySelector('#signature-hint')?.textContent ?? '';
    expect(hint()).toContain('请用手指');

    await stroke(4);
    expect(hint()).toContain('请用手指'); // four segments are not yet a signature
    await stroke(1);
    expect(hint()).toContain('已签名');

    await act(async () => void fireEvent.click(container.querySelector('#clear-signature')!));
    expect(hint()).toContain('请用手指');
    expect(drawn).toContain('clear');

    await stroke(6);
    expect(hint()).toContain('已签名');
    await act(async () => void fireEvent.click(container.querySelector('#sign')!));
    await waitFor(() => expect(container.querySelector('#signed')).not.toBeNull());
    expect(modals.map((m) => m.title)).toEqual(['确认签约']);
    expect(b.uploads.map((u) => u.source)).toEqual(['wxfile://tmp/signature.png']);
    expect(b.inputsOf('allocation', 'signLeaseContract')).toEqual([
      { contractId: 'lc-1', signatureFileId: b.uploads[0]!.fileId, textSha256: draft.textSha256 },
    ]);
    expect(container.querySelector('#signature-shown')?.getAttribute('src')).toBe(
      'wxfile://tmp/signature.png',
    );
    expect(container.querySelector('#digest-check')?.textContent).toContain('摘要核验一致');
    expect(b.unexpected).toEqual([]);
  });
});
