import { fireEvent, render, screen } from '@testing-library/react';
import { EligibilityPreview } from '../../client/components/eligibility-preview';

describe('资格自测: the server’s eligibility rule, run on the page', () => {
  it('shows nothing until income is entered, then the result with clauses', () => {
    const { container } = render(
      <EligibilityPreview categories={['dibao', 'low_income']} todayIso="2026-11-22" />,
    );
    expect(screen.getByText('填写家庭月收入后即时显示预估结果。')).toBeTruthy();
    // Each figure has its label above it (components/figure-field.tsx).
    expect(container.querySelector('#preview-income-label')?.textContent).toBe('家庭月收入');
    const income = container.querySelector('input#preview-income') as HTMLInputElement;
    fireEvent.change(income, { target: { value: '3000' } }); // 3 people → 1,000 yuan each
    expect(screen.getByText(/符合申请条件/)).toBeTruthy();
    fireEvent.change(income, { target: { value: '9000' } }); // 3,000 yuan each, above the example line
    // The page runs Wuchang's policy: its report sets no income line, so the line is the district's setting.
    expect(
      screen.getByText(/高于本地低收入保障线.*运营方设定（申请收入标准，武昌区住房保障部门，示例值）/),
    ).toBeTruthy();
    expect(screen.queryByText(/乌兰察布/)).toBeNull();
    fireEvent.change(container.querySelector('input#preview-birth-year')!, { target: { value: '2012' } });
    expect(screen.getByText(/未成年人不能申请/)).toBeTruthy();
  });
});
