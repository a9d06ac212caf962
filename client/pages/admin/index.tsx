import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';
import type { ActionOutput, RoundSummary } from '@shared/contracts';
import {
  HOUSEHOLD_CATEGORIES,
  HOUSEHOLD_CATEGORY_LABELS,
  type HouseholdCategory,
} from '@shared/rules/household';
import { commitSeed } from '@shared/rules/lottery.rule';
import { ChoiceChips } from '../../components/choice-chips';
import { ServicePhoneCard } from '../../components/service-phone-card';
import { Empty, ErrorState, Loading } from '../../components/status-view';
import { CallError, callFunction } from '../../services/call';
import { uploadFile } from '../../services/upload';
import { pickSheet, textFile } from '../../utils/file';
import { rowRanges } from '../../utils/row-ranges';
import { confirm, errorText, loading, notice, toast } from '../../utils/ui';
import { Screen } from '../../components/screen';
import { StatusTag } from '../../components/status-tag';
import { Button as NutButton } from '../../components/nut';
import { FieldError, TextField } from '../../components/text-field';
import { FigureField } from '../../components/figure-field';
import { pressable } from '../../components/keyboard';

type Project = ActionOutput<'allocation', 'listProjects'>[number];
type ImportResult = ActionOutput<'allocation', 'importUnits'>;

/** Calls one import may take before the page asks the admin to import the same sheet again. */
const MAX_IMPORT_CALLS = 60;

/** One import over several calls: rows a later call finds stored were written by an earlier one. */
function mergeImport(first: ImportResult, later: ImportResult): ImportResult {
  const written = new Set(first.writtenRows);
  const writtenRows = [...first.writtenRows, ...later.writtenRows];
  return {
    ...later,
    imported: writtenRows.length,
    writtenRows,
    alreadyImportedRows: later.alreadyImportedRows.filter((r) => !written.has(r)),
    batches: first.batches + later.batches,
  };
}
type Vacancy = ActionOutput<'allocation', 'listVacancies'>[number];
type ProjectErrors = { name?: string; address?: string; buildings?: string };
type RoundErrors = { title?: string; description?: string; days?: string; categories?: string };

/** What is wrong with the buildings line (名称,层数,高层；…), in words, or undefined when it is right. */
function buildingsProblem(spec: string): string | undefined {
  const list = parseBuildings(spec);
  if (list.length === 0) return '请至少填写一栋楼，如：1栋,12,高层';
  if (list.length > 50) return '一个项目最多 50 栋楼。';
  const bad = list.find(
    (b) => !b.name || b.name.length > 20 || !Number.isInteger(b.floors) || b.floors < 1 || b.floors > 60,
  );
  return bad
    ? `“${bad.name || '（未写名称）'}”的写法不对：名称不超过 20 字，层数为 1 到 60 的整数。`
    : undefined;
}

const CSV_TEMPLATE = '楼栋,房号,楼层,面积,户型,朝向,市场租金\n1栋,101,1,45.5,两室一厅,南,1200';

function newSeed(): string {
  const bytes = new Uint8Array(16);
  if (typeof crypto !== 'undefined' && crypto.getRandomValues) crypto.getRandomValues(bytes);
  else for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** parses "1栋,18,高层;2栋,6" into buildings */
function parseBuildings(spec: string) {
  return spec
    .split(/[;；\n]/)
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      const [name = '', floors = '', kind = ''] = s.split(/[,，]/).map((x) => x.trim());
      return { name, floors: Number(floors), highRise: kind === '高层' };
    });
}

/** Housing office: projects, unit import, and allocation rounds. */
export default function Admin() {
  const [projects, setProjects] = useState<Project[] | null>(null);
  const [rounds, setRounds] = useState<RoundSummary[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [projectId, setProjectId] = useState('');
  const [form, setForm] = useState({ name: '', address: '', servicePhone: '', buildings: '1栋,12,高层' });
  const [csv, setCsv] = useState(CSV_TEMPLATE);
  const [imported, setImported] = useState<ImportResult | null>(null);
  const [round, setRound] = useState({ title: '', description: '', days: '14', seed: newSeed() });
  const [vacancies, setVacancies] = useState<Vacancy[]>([]);
  const [categories, setCategories] = useState<HouseholdCategory[]>(['dibao', 'tekun', 'low_income']);
  const [projectErrors, setProjectErrors] = useState<ProjectErrors>({});
  const [roundErrors, setRoundErrors] = useState<RoundErrors>({});

  const load = useCallback(async () => {
    setError(null);
    try {
      const [p, r] = await Promise.all([
        callFunction('allocation', 'listProjects', {}),
        callFunction('allocation', 'listRounds', {}),
      ]);
      setProjects(p);
      setRounds(r);
      setProjectId((id) => id || p[0]?.id || '');
    } catch (err) {
      setError(errorText(err));
    }
  }, []);
  useDidShow(() => void load());

  const loadVacancies = useCallback(async (pid: string) => {
    setVacancies(
      pid ? await callFunction('allocation', 'listVacancies', { projectId: pid }).catch(() => []) : [],
    );
  }, []);
  useEffect(() => {
    void loadVacancies(projectId);
  }, [projectId, loadVacancies]);

  const createProject = async () => {
    // Each field says what is wrong with it under itself (issue #19); nothing is sent until all are right.
    const errors: ProjectErrors = {
      name: form.name.trim() ? undefined : '请填写项目名称。',
      address: form.address.trim() ? undefined : '请填写项目地址。',
      buildings: buildingsProblem(form.buildings),
    };
    setProjectErrors(errors);
    if (errors.name || errors.address || errors.buildings) return;
    try {
      const p = await callFunction('allocation', 'createProject', {
        name: form.name.trim(),
        address: form.address.trim(),
        ...(form.servicePhone.trim() ? { servicePhone: form.servicePhone.trim() } : {}),
        buildings: parseBuildings(form.buildings),
      });
      toast('项目已创建', 'success');
      setProjectId(p.id);
      await load();
    } catch (err) {
      void notice('创建失败', errorText(err));
    }
  };

  /** The sheet goes to cloud storage first; the call carries its file ID (client/services/upload.ts). */
  const importUnits = async (fileName: string, source: string) => {
    try {
      const ext = /\.xlsx$/i.test(fileName) ? 'xlsx' : 'csv';
      const fileId = await uploadFile('unit-sheet', source, ext);
      const call = () => callFunction('allocation', 'importUnits', { projectId, fileName, fileId });
      let res = await call();
      // A large sheet is written over several calls, each inside the function's timeout; the page goes
      // on by itself and shows how far it is, and units already stored are skipped by the function.
      for (let round = 1; !res.done && round <= MAX_IMPORT_CALLS; round++) {
        setImported(res);
        const done = loading(`正在导入，已写入 ${res.writtenRows.length} 套，剩余 ${res.remainingRows} 套`);
        const more = await call().finally(done);
        if (more.remainingRows >= res.remainingRows && more.imported === 0)
          throw new CallError(
            'UNAVAILABLE',
            '导入没有进展，请稍后重新导入同一张表格（已导入的房源不会重复写入）。',
          );
        res = mergeImport(res, more);
      }
      setImported(res);
      if (!res.done)
        throw new Error(
          `还有 ${res.remainingRows} 套未导入，请重新导入同一张表格继续（已导入的房源不会重复写入）。`,
        );
      if (res.imported) toast(`已导入 ${res.imported} 套`, 'success');
      await load();
      await loadVacancies(projectId);
    } catch (err) {
      void notice('导入失败', errorText(err));
    }
  };

  const createRound = async () => {
    const days = Number(round.days);
    const errors: RoundErrors = {
      title: round.title.trim() ? undefined : '请填写公告标题。',
      description: round.description.trim() ? undefined : '请填写公告内容。',
      days:
        Number.isInteger(days) && days >= 1 && days <= 365 ? undefined : '报名天数请填 1 到 365 之间的整数。',
      categories: categories.length > 0 ? undefined : '请至少选择一类保障对象。',
    };
    setRoundErrors(errors);
    if (Object.values(errors).some(Boolean)) return;
    const ok = await confirm(
      '发布配租公告',
      `公告发布后将公示摇号种子的承诺值。请妥善保存种子：${round.seed}`,
      '发布',
    );
    if (!ok) return;
    try {
      const now = Date.now();
      const r = await callFunction('allocation', 'createRound', {
        projectId,
        title: round.title.trim(),
        description: round.description.trim(),
        registrationOpensAt: new Date(now).toISOString(),
        registrationClosesAt: new Date(now + Number(round.days) * 86_400_000).toISOString(),
        eligibleCategories: categories,
        seedCommitment: commitSeed(round.seed),
      });
      Taro.setStorageSync(`anju.seed.${r.id}`, round.seed);
      toast('公告已发布', 'success');
      setRound({ title: '', description: '', days: '14', seed: newSeed() });
      await Taro.navigateTo({ url: `/pages/admin-round/index?id=${r.id}` });
    } catch (err) {
      void notice('发布失败', errorText(err));
    }
  };

  const offer = async (v: Vacancy) => {
    if (
      !(await confirm(
        '发出配租邀约',
        `将 ${v.unit.label} 按轮候顺序（优先层级、持证时间）邀约下一户，答复期限 3 天。确定吗？`,
      ))
    )
      return;
    try {
      const o = await callFunction('allocation', 'offerVacancy', { unitId: v.unit.id, acceptDays: 3 });
      toast(`已邀约第 ${o.position} 位：${o.headName}`, 'success');
      await loadVacancies(projectId);
    } catch (err) {
      void notice('邀约未发出', errorText(err));
    }
  };

  if (error) return <ErrorState message={error} onRetry={() => void load()} />;
  if (!projects) return <Loading />;
  return (
    <Screen id="admin" title="配租管理" tab="admin">
      <View className="card">
        <Text className="card-title">配租轮次</Text>
        {rounds.length === 0 ? <Empty text="还没有配租公告。" /> : null}
        {rounds.map((r) => (
          <View
            className="row round-link"
            key={r.id}
            id={`admin-round-${r.id}`}
            role="link"
            {...pressable()}
            onClick={() => void Taro.navigateTo({ url: `/pages/admin-round/index?id=${r.id}` })}
          >
            <Text className="value">{r.title}</Text>
            <StatusTag tone="info" text={r.statusLabel} />
          </View>
        ))}
      </View>

      <View className="card">
        <Text className="card-title">项目与房源</Text>
        <ChoiceChips<string>
          label="选择项目"
          options={projects.map((p) => [p.id, `${p.name}（${p.units} 套，空置 ${p.vacant}）`] as const)}
          value={projectId}
          idOf={(id) => `project-${id}`}
          onChange={setProjectId}
        />
      </View>

      {projects
        .filter((p) => p.id === projectId)
        .map((p) => (
          <ServicePhoneCard
            key={p.id}
            projectId={p.id}
            projectName={p.name}
            current={p.servicePhone}
            onSaved={() => void load()}
          />
        ))}

      <View className="card" id="vacancies">
        <Text className="card-title">空置房源动态配租（所选项目）</Text>
        {vacancies.length === 0 ? <Empty text="没有可动态配租的空置房源。" /> : null}
        {vacancies.map((v) => (
          <View className="row" key={v.unit.id}>
            <Text className="value">
              {v.unit.label}（{v.unit.areaM2} ㎡）
            </Text>
            {v.offer && v.offer.status !== 'declined' && v.offer.status !== 'expired' ? (
              <Text className="muted">
                {v.offer.headName} · {v.offer.statusLabel}
              </Text>
            ) : (
              <NutButton
                type="primary"
                fill="outline"
                id={`offer-${v.unit.id}`}
                onClick={() => void offer(v)}
              >
                {v.offer ? `${v.offer.statusLabel}，邀约下一户` : '发出邀约'}
              </NutButton>
            )}
          </View>
        ))}
      </View>

      <View className="card">
        <Text className="card-title">新建项目</Text>
        <TextField
          id="project-name"
          label="项目名称"
          maxLength={40}
          placeholder="如：幸福里公租房"
          value={form.name}
          error={projectErrors.name}
          onChange={(text) => {
            setForm({ ...form, name: text });
            setProjectErrors((f) => ({ ...f, name: undefined }));
          }}
        />
        <TextField
          id="project-address"
          label="地址"
          maxLength={120}
          placeholder="如：某区某路 88 号"
          value={form.address}
          error={projectErrors.address}
          onChange={(text) => {
            setForm({ ...form, address: text });
            setProjectErrors((f) => ({ ...f, address: undefined }));
          }}
        />
        <TextField
          id="project-service-phone"
          label="服务电话（选填）"
          type="tel"
          placeholder="手机号或带区号的固定电话，可稍后填写"
          value={form.servicePhone}
          onChange={(text) => setForm({ ...form, servicePhone: text })}
        />
        <TextField
          id="project-buildings"
          label="楼栋"
          hint="每栋写“名称,层数,高层”，多栋用分号隔开；不是高层可不写“高层”"
          placeholder="如：1栋,12,高层；2栋,6"
          value={form.buildings}
          error={projectErrors.buildings}
          onChange={(text) => {
            setForm({ ...form, buildings: text });
            setProjectErrors((f) => ({ ...f, buildings: undefined }));
          }}
        />
        <NutButton
          type="primary"
          className="action-button"
          block
          id="create-project"
          onClick={() => void createProject()}
        >
          创建项目
        </NutButton>
      </View>

      <View className="card">
        <Text className="card-title">导入房源（所选项目）</Text>
        <Text className="muted">
          表头：楼栋、房号、楼层、面积、户型、朝向、市场租金（元/月）。有任何错误行时不会导入，并逐行说明原因；同一表格再次导入时，已导入的房源不会重复写入。
        </Text>
        <TextField
          id="units-csv"
          label="房源表格（可从表格软件复制后粘贴）"
          multiline
          value={csv}
          onChange={setCsv}
        />
        <NutButton
          type="primary"
          className="action-button"
          block
          id="import-csv"
          onClick={() => void importUnits('units.csv', textFile('units.csv', csv))}
        >
          导入粘贴的表格
        </NutButton>
        <NutButton
          type="primary"
          fill="outline"
          className="action-button"
          block
          id="import-file"
          onClick={() => void pickSheet().then((f) => (f ? importUnits(f.name, f.source) : undefined))}
        >
          {process.env.TARO_ENV === 'h5'
            ? '选择 Excel / CSV 文件导入'
            : '从微信聊天选择 Excel / CSV 文件导入'}
        </NutButton>
        {imported ? (
          <View id="import-result">
            <Text className="value" style={{ display: 'block' }}>
              {imported.imported
                ? `已导入 ${imported.imported} 套（第 ${rowRanges(imported.writtenRows)} 行，分 ${imported.batches} 批写入）`
                : '本次未导入房源'}
            </Text>
            {imported.alreadyImportedRows.length ? (
              <Text className="muted" id="import-already" style={{ display: 'block' }}>
                第 {rowRanges(imported.alreadyImportedRows)} 行的房源此前已导入，未重复写入
              </Text>
            ) : null}
            {imported.refusedCount ? (
              <Text className="error" id="import-refused" style={{ display: 'block' }}>
                共 {imported.refusedCount} 行有误，未导入任何房源；请改正后重新导入整张表格
                {imported.refusedCount > imported.rowErrors.length
                  ? `（以下列出前 ${imported.rowErrors.length} 行）`
                  : ''}
              </Text>
            ) : null}
            {imported.rowErrors.map((e) => (
              <Text className="error" key={e.row}>
                第 {e.row} 行：{e.message}
              </Text>
            ))}
            {imported.mix.violations.map((v) => (
              <Text className="muted" key={v.message} style={{ display: 'block' }}>
                户型结构：{v.message}（{v.clause}）
              </Text>
            ))}
          </View>
        ) : null}
      </View>

      <View className="card">
        <Text className="card-title">发布配租公告（所选项目）</Text>
        <TextField
          id="round-title"
          label="公告标题"
          maxLength={60}
          placeholder="如：2026年第四季度公租房配租"
          value={round.title}
          error={roundErrors.title}
          onChange={(text) => {
            setRound({ ...round, title: text });
            setRoundErrors((f) => ({ ...f, title: undefined }));
          }}
        />
        <TextField
          id="round-description"
          label="公告内容"
          multiline
          maxLength={2000}
          placeholder="配租范围、房源、报名方式等"
          value={round.description}
          error={roundErrors.description}
          onChange={(text) => {
            setRound({ ...round, description: text });
            setRoundErrors((f) => ({ ...f, description: undefined }));
          }}
        />
        <FigureField
          id="round-days"
          label="报名天数"
          hint="从今天起报名几天"
          unit="天"
          value={round.days}
          error={roundErrors.days}
          onChange={(text) => {
            setRound({ ...round, days: text });
            setRoundErrors((f) => ({ ...f, days: undefined }));
          }}
        />
        <Text className="label" style={{ display: 'block' }}>
          面向的保障对象
        </Text>
        <ChoiceChips
          multiple
          id="round-categories"
          label="面向的保障对象"
          options={HOUSEHOLD_CATEGORIES.map((c) => [c, HOUSEHOLD_CATEGORY_LABELS[c]] as const)}
          value={categories}
          idOf={(c) => `category-${c}`}
          errorId={roundErrors.categories ? 'round-categories-error' : undefined}
          onChange={(next) => {
            setCategories(next);
            setRoundErrors((f) => ({ ...f, categories: undefined }));
          }}
        />
        <FieldError id="round-categories" error={roundErrors.categories} />
        <Text className="muted" style={{ display: 'block', wordBreak: 'break-all' }}>
          摇号种子（请保存，摇号时公布）：{round.seed}
        </Text>
        <NutButton
          type="primary"
          className="action-button"
          block
          id="create-round"
          onClick={() => void createRound()}
        >
          发布公告
        </NutButton>
      </View>
    </Screen>
  );
}
