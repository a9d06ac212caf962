import { PRESETS, type PresetId } from '@shared/policy/presets/district.presets';
import { leaseTerm } from '@shared/rules/lease.rule';
import type { HouseholdDoc, ProjectDoc, UnitDoc } from '../../../cloudfunctions/_runtime/documents';
import { contractText } from '../../../cloudfunctions/allocation/contract.service';

/** The lease text cites the district in force only: its own document's clauses, or its settings. */
describe('the lease text speaks the district’s own law', () => {
  const parties = {
    household: { headName: '李华', idNumberMasked: '420106********1234', size: 3 } as HouseholdDoc,
    unit: { label: '1栋-101', areaM2: 45, layout: '两室一厅', monthlyRentFen: 1_200_00 } as UnitDoc,
    project: { name: '惠民家园', address: '测试路 1 号' } as ProjectDoc,
    rentFen: 360_00,
  };
  const text = (id: PresetId) => {
    const policy = PRESETS[id];
    const term = leaseTerm('2026-12-08', 3, policy);
    if (!term.ok) throw new Error('term');
    return contractText(parties, term.value, policy);
  };

  it.each([
    ['wuhan-wuchang', ['乌兰察布', '惠州'], '（运营方设定（租赁期限，武昌区住房保障部门，示例值））'],
    ['huizhou', ['乌兰察布', '武昌'], '（运营方设定（租赁期限，惠州市县（区）住房保障主管部门，示例值））'],
    ['ulanqab', ['惠州', '武昌'], '（乌兰察布办法 第二十一条）'],
  ] as const)('%s: no other district’s document, and the term cites its own source', (id, foreign, term) => {
    const t = text(id);
    for (const name of foreign) expect(t).not.toContain(name);
    expect(t).toContain(`第二条 租期：3 年，自 2026年12月8日 起至 2029年12月7日 止${term}。`);
  });

  it('Ulanqab: the use and exit clauses cite Art. 27, 32, 37 and 38', () => {
    const t = text('ulanqab');
    expect(t).toContain('应征得甲方同意（乌兰察布办法 第二十七条）');
    expect(t).toContain('收回住房（乌兰察布办法 第三十二条）');
    expect(t).toContain('（乌兰察布办法 第三十七条、第三十八条）');
    expect(t).toContain('（2）违规转租、出借或改变用途');
  });

  it('Ulanqab Art.21: the lease states the deadline for renewal and no earliest date', () => {
    const t = text('ulanqab');
    expect(t).toContain('乙方应于 2029年9月7日 前（租期届满3个月前）提出续租申请');
    expect(t).not.toContain('起受理');
  });

  it('dates read in words, as a tenant says them, never as 2026-12-08', () => {
    for (const id of ['wuhan-wuchang', 'huizhou', 'ulanqab'] as const)
      expect(text(id)).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });
});
