import { TextEncoder } from 'node:util';
import { act, fireEvent, render, screen } from '@testing-library/react';
import type { ActionOutput, BillView, MeResult } from '@shared/contracts';
import { SignaturePad, type SignaturePadState } from '../../client/components/signature-pad';
import Admin from '../../client/pages/admin/index';
import DistrictSettings from '../../client/pages/district-settings/index';
import LedgerPage from '../../client/pages/ledger/index';
import PatrolAdmin from '../../client/pages/patrol-admin/index';
import { click, type, unsetSettings } from './district-settings.factory';
import { fakeBackend } from './fake-backend';
import { resetTaro, routerParams } from './mocks/taro';

/*
 * Errors a screen reader hears with their field (issue #19, review clean-ups): the signature pad's and
 * patrol-admin's error lines are FieldErrors tied to their pad or chip group, admin's category error is tied
 * to its chips, district settings' season-month fields are marked invalid with their group's error, and the
 * ledger's amounts have column headings.
 */

// Taro's Canvas as a <div> that keeps its id and aria attributes (jsdom draws nothing).
jest.mock('@tarojs/components', () => {
  const actual = jest.requireActual('./mocks/taro-components');
  return {
    ...actual,
    Canvas: ({ id, ...rest }: { id: string; 'aria-label'?: string; 'aria-describedby'?: string }) => (
      <div id={id} aria-label={rest['aria-label']} aria-describedby={rest['aria-describedby']} />
    ),
  };
});

// The admin page hashes the lottery seed with TextEncoder, which jsdom lacks.
(globalThis as { TextEncoder?: unknown }).TextEncoder ??= TextEncoder;

beforeEach(() => resetTaro());

const group = (label: string) =>
  Array.from(document.querySelectorAll('[role="group"]')).find((g) =>
    (g.getAttribute('aria-label') ?? '').startsWith(label),
  )!;

describe('signature pad', () => {
  const pad = (drawn: boolean): SignaturePadState => ({
    strokes: { current: drawn ? 5 : 0 },
    drawn,
    clear: () => undefined,
    capture: async () => null,
    shown: null,
    miniCtx: { current: null },
    stroked: () => undefined,
  });

  it('says the error under the pad in place of the hint, and the pad is described by whichever shows', () => {
    const { container, rerender } = render(<SignaturePad pad={pad(false)} />);
    const canvas = () => container.querySelector('#signature-pad')!;
    expect(canvas().getAttribute('aria-describedby')).toBe('signature-hint');
    expect(container.querySelector('#signature-hint')?.textContent).toContain('请用手指');

    rerender(<SignaturePad pad={pad(false)} error="请先在上面的方框内手写签名。" />);
    const error = container.querySelector('#signature-error')!;
    expect(error.textContent).toBe('请先在上面的方框内手写签名。');
    expect(error.className).toContain('field-error');
    expect(container.querySelector('#signature-hint')).toBeNull();
    expect(canvas().getAttribute('aria-describedby')).toBe('signature-error');

    // Signed since: the hint says so again, and the pad is described by it.
    rerender(<SignaturePad pad={pad(true)} error="请先在上面的方框内手写签名。" />);
    expect(container.querySelector('#signature-error')).toBeNull();
    expect(canvas().getAttribute('aria-describedby')).toBe('signature-hint');
  });
});

describe('patrol admin: the seasonal form', () => {
  const me: MeResult = {
    user: { id: 'u-m', name: '李娜', roles: ['manager'], householdRelation: null },
    tenant: null,
    projects: [],
    volunteer: null,
    admin: null,
  };

  it('ties the project and type errors to their chip groups, and sends nothing', async () => {
    const backend = fakeBackend().on('account', 'me', me).on('patrol', 'runs', []);
    const { container } = render(<PatrolAdmin />);
    await screen.findByText('添加专项巡查');
    expect(group('选择项目').hasAttribute('aria-invalid')).toBe(false);
    expect(group('专项巡查类型').hasAttribute('aria-describedby')).toBe(false);

    await act(async () => void fireEvent.click(container.querySelector('#add-seasonal')!));
    const projectError = container.querySelector('#seasonal-project-error')!;
    const presetError = container.querySelector('#seasonal-preset-error')!;
    expect(projectError.textContent).toBe('请先在上面选择项目。');
    expect(presetError.textContent).toBe('请选择专项巡查类型。');
    expect(projectError.className).toContain('field-error');
    expect(group('选择项目').getAttribute('aria-describedby')).toBe('seasonal-project-error');
    expect(group('选择项目').getAttribute('aria-invalid')).toBe('true');
    expect(group('专项巡查类型').getAttribute('aria-describedby')).toBe('seasonal-preset-error');
    expect(group('专项巡查类型').getAttribute('aria-invalid')).toBe('true');
    expect(backend.inputsOf('patrol', 'addSeasonalPatrol')).toEqual([]);

    // Choosing a type clears its error and the group's mark; the project's stays.
    fireEvent.click(container.querySelector('[id^="preset-"]')!);
    expect(container.querySelector('#seasonal-preset-error')).toBeNull();
    expect(group('专项巡查类型').hasAttribute('aria-invalid')).toBe(false);
    expect(group('选择项目').getAttribute('aria-invalid')).toBe('true');
  });
});

describe('admin: the categories of a new round', () => {
  it('ties the category error to the chip group while it shows', async () => {
    fakeBackend()
      .on('allocation', 'listProjects', [
        { id: 'p1', name: '惠民家园', address: '测试路 1 号', servicePhone: '', units: 4, vacant: 1 },
      ])
      .on('allocation', 'listRounds', [])
      .on('allocation', 'listVacancies', []);
    const { container } = render(<Admin />);
    await screen.findAllByText(/惠民家园/);
    const chips = () => container.querySelector('#round-categories')!;
    expect(chips().getAttribute('role')).toBe('group');
    expect(chips().hasAttribute('aria-describedby')).toBe(false);
    for (const c of ['dibao', 'tekun', 'low_income'])
      fireEvent.click(container.querySelector(`#category-${c}`)!);
    await act(async () => void fireEvent.click(container.querySelector('#create-round')!));
    expect(container.querySelector('#round-categories-error')?.textContent).toBe('请至少选择一类保障对象。');
    expect(chips().getAttribute('aria-describedby')).toBe('round-categories-error');
    expect(chips().getAttribute('aria-invalid')).toBe('true');

    fireEvent.click(container.querySelector('#category-tekun')!);
    expect(container.querySelector('#round-categories-error')).toBeNull();
    expect(chips().hasAttribute('aria-describedby')).toBe(false);
    expect(chips().hasAttribute('aria-invalid')).toBe(false);
  });
});

describe('district settings: the months of the seasonal patrols', () => {
  it('marks every month field of the group invalid and tied to its one error', async () => {
    fakeBackend().on('account', 'districtSettings', unsetSettings('运营单位'));
    const { container } = render(<DistrictSettings />);
    await screen.findByText('配租和选房');
    const months = () => Array.from(container.querySelectorAll<HTMLInputElement>('input[id^="season-"]'));
    expect(months().length).toBeGreaterThanOrEqual(2);
    for (const field of months()) {
      expect(field.getAttribute('aria-invalid')).toBe('false');
      expect(field.hasAttribute('aria-describedby')).toBe(false);
    }
    type(container, 'season-summer_heat', '7、13');
    await click('save-settings');
    expect(container.querySelector('#seasonalMonths-error')!.textContent).toContain('夏季用电专项巡查');
    for (const field of months()) {
      expect(field.getAttribute('aria-invalid')).toBe('true');
      expect(field.getAttribute('aria-describedby')).toBe('seasonalMonths-error');
      expect(field.className).toContain('field-invalid');
    }
  });
});

describe('ledger: the bills as a table', () => {
  const bill = (period: string, chargedFen: number, balanceFen: number): BillView => ({
    id: `bill-l1-${period}`,
    leaseId: 'l1',
    period,
    unitLabel: '1栋-101',
    projectName: '测试家园',
    dueDate: `${period}-15`,
    chargedFen,
    paidFen: chargedFen - balanceFen,
    balanceFen,
    status: balanceFen === 0 ? 'paid' : 'partial',
    statusLabel: balanceFen === 0 ? '已缴清' : '部分缴纳',
    overdue: false,
    lines: [{ kind: 'rent', label: '租金', amountFen: chargedFen, clause: '乌兰察布办法 第二十二条' }],
    pendingOrderId: null,
  });
  const ledger: ActionOutput<'billing', 'ledger'> = {
    householdName: '刘洋',
    unitLabel: '1栋-101',
    projectName: '测试家园',
    balanceFen: 20_000,
    refundDueFen: 0,
    monthsOverdue: 0,
    bills: [bill('2026-11', 60_000, 20_000), bill('2026-10', 60_000, 0)],
    entries: [],
  };

  it('heads the columns in words, and each amount sits in the column its heading names', async () => {
    routerParams.leaseId = 'l1';
    fakeBackend().on('billing', 'ledger', ledger);
    const { container } = render(<LedgerPage />);
    await screen.findByText('刘洋 · 测试家园 1栋-101');
    const table = container.querySelector('#ledger-bills [role="table"]')!;
    expect(table.getAttribute('aria-labelledby')).toBe('ledger-bills-title');
    expect(container.querySelector('#ledger-bills-title')?.textContent).toBe('账单');
    const headings = Array.from(table.querySelectorAll('[role="columnheader"]')).map((h) => h.textContent);
    expect(headings).toEqual(['月份', '应收', '欠缴', '状态']);
    const rows = Array.from(table.querySelectorAll('[role="row"]')).slice(1);
    expect(rows.map((r) => r.id)).toEqual(['ledger-bill-bill-l1-2026-11', 'ledger-bill-bill-l1-2026-10']);
    const column = (row: Element, heading: string) =>
      row.querySelectorAll(':scope > [role="rowheader"], :scope > [role="cell"]')[headings.indexOf(heading)]
        ?.textContent;
    expect(column(rows[0]!, '月份')).toBe('2026年11月');
    expect(column(rows[0]!, '应收')).toBe('¥600.00');
    expect(column(rows[0]!, '欠缴')).toBe('¥200.00');
    expect(column(rows[1]!, '欠缴')).toBe('¥0.00');
  });
});
