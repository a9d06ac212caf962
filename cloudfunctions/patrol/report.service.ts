import ExcelJS from 'exceljs';
import type { CoverageView } from '@shared/contracts/patrol.contract';
import { quarterRange } from '@shared/rules/dates';
import { quarterLabel } from '@shared/rules/period-label';
import { HAZARD_SEVERITY_LABELS, isHazardOverdue, patrolVacancyClause } from '@shared/rules/patrol.rule';
import { requireOversight } from '../_runtime/access';
import { writeExport } from '../_runtime/exports';
import type { In, ServiceContext } from '../_runtime/handler';
import { HAZARD_STATUS_LABELS } from './hazard.service';
import { chinaDayStart, currentQuarter } from './patrol.common';
import type { PatrolRepository } from './patrol.repository';
type Row = CoverageView['projects'][number];
type Signal = CoverageView['signals'][number];

const DAY = 86_400_000;

function emptyRow(
  projectId: string,
  projectName: string,
  buildingId: string | null,
  buildingName: string,
): Row {
  return {
    projectId,
    projectName,
    buildingId,
    buildingName,
    unitsDue: 0,
    unitsVisited: 0,
    coverage: 1,
    attempts: 0,
    nobodyHomeAttempts: 0,
    nobodyHomeRate: 0,
    refused: 0,
    publicAreasDue: 0,
    publicAreasChecked: 0,
    hazardsFound: 0,
    hazardsClosed: 0,
    hazardsOverdue: 0,
    careDone: 0,
    careDue: 0,
  };
}

function finish(r: Row): Row {
  r.coverage = r.unitsDue === 0 ? 1 : r.unitsVisited / r.unitsDue;
  r.nobodyHomeRate = r.attempts === 0 ? 0 : r.nobodyHomeAttempts / r.attempts;
  return r;
}

/**
 * The quarter's coverage per project and building (武昌调研报告 二(三)三): units visited / due in the quarterly
 * patrol (each unit once, `quarterCoverage`), the share of attempts that found nobody home, public areas,
 * hazards found in the quarter and closed, special-care check-ins done / due so far (one per cadence period
 * begun since the quarter started or the resident was registered), and the vacancy and sublet signals that
 * feed the exit procedure (`patrolVacancyClause`, cited per district).
 */
export async function coverage(
  repo: PatrolRepository,
  input: In<'patrol', 'coverage'>,
  ctx: ServiceContext,
): Promise<CoverageView> {
  const rt = ctx.rt;
  const scope = requireOversight(ctx, input.projectId);
  const quarter = input.quarter ?? currentQuarter(rt);
  const range = quarterRange(quarter);
  const now = rt.now().getTime();
  const projectIds = input.projectId
    ? [input.projectId]
    : (scope ?? (await repo.allProjects()).map((p) => p._id));
  const projects = await repo.projectsByIds(projectIds);
  const quarterStart = chinaDayStart(range.start);
  const quarterEnd = chinaDayStart(range.end) + DAY;
  const projectRows: Row[] = [];
  const buildingRows: Row[] = [];
  const signals: Signal[] = [];

  for (const projectId of projectIds.filter((p) => projects.has(p)).sort()) {
    const projectName = projects.get(projectId)?.name ?? '';
    const buildings = await repo.buildingsOf(projectId);
    const rows = new Map(buildings.map((b) => [b._id, emptyRow(projectId, projectName, b._id, b.name)]));
    const rowOf = (buildingId: string) => {
      let r = rows.get(buildingId);
      if (!r) rows.set(buildingId, (r = emptyRow(projectId, projectName, buildingId, '')));
      return r;
    };
    const visits = (await repo.visitsOfProject(projectId, quarter)).filter(
      (v) => v.planId === `q-${quarter}`,
    );
    for (const v of visits) {
      const r = rowOf(v.buildingId);
      if (v.target === 'public_area') {
        r.publicAreasDue++;
        if (v.status === 'visited') r.publicAreasChecked++;
        continue;
      }
      r.unitsDue++;
      if (v.status === 'visited') r.unitsVisited++;
      if (v.status === 'refused') r.refused++;
      r.attempts += v.attempts;
      r.nobodyHomeAttempts += v.nobodyHomeAttempts;
      if (v.nobodyHomeAttempts >= 2 && v.unitId)
        signals.push({
          kind: 'repeated_nobody_home',
          kindLabel: '多次无人在家',
          projectName,
          buildingName: rows.get(v.buildingId)?.buildingName ?? '',
          unitId: v.unitId,
          unitLabel: v.label,
          note: `本季度 ${v.nobodyHomeAttempts} 次上门无人在家`,
          at: v.lastVisitedAt ?? '',
          clause: patrolVacancyClause(ctx.rt.policy),
        });
    }
    const logs = await repo.logsOfProject(projectId, quarter);
    for (const l of logs) {
      const item = l.checklist.find((c) => c.id === 'vacancy_sublet' && c.result === 'problem');
      if (!item || !l.unitId) continue;
      signals.push({
        kind: 'vacancy_sublet',
        kindLabel: '疑似空置或转租',
        projectName,
        buildingName: rows.get(l.buildingId)?.buildingName ?? '',
        unitId: l.unitId,
        unitLabel: l.label,
        note: [item.note, l.notes].filter(Boolean).join('；'),
        at: l.visitedAt,
        clause: patrolVacancyClause(ctx.rt.policy),
      });
    }
    const hazards = await repo.hazardsOfProject(projectId);
    for (const h of hazards) {
      if (h.quarter !== quarter) continue;
      const r = rowOf(h.buildingId);
      r.hazardsFound++;
      if (h.status === 'closed') r.hazardsClosed++;
      if (isHazardOverdue(Date.parse(h.deadline), now, h.status === 'closed')) r.hazardsOverdue++;
    }
    const care = await repo.careOfProject(projectId);
    for (const c of care) {
      if (!c.active) continue;
      const from = Math.max(quarterStart, Date.parse(c.createdAt));
      const to = Math.min(now, quarterEnd);
      const due = to > from ? Math.ceil((to - from) / (c.cadenceDays * DAY)) : 0;
      const checkins = await repo.checkinsOf(c._id);
      const reached = checkins.filter((k) => {
        const at = Date.parse(k.at);
        return k.outcome !== 'not_reached' && at >= quarterStart && at < quarterEnd;
      }).length;
      const r = rowOf(c.buildingId);
      r.careDue += due;
      r.careDone += Math.min(due, reached);
    }
    const total = emptyRow(projectId, projectName, null, '全部楼栋');
    for (const r of rows.values()) {
      for (const k of [
        'unitsDue',
        'unitsVisited',
        'attempts',
        'nobodyHomeAttempts',
        'refused',
        'publicAreasDue',
        'publicAreasChecked',
        'hazardsFound',
        'hazardsClosed',
        'hazardsOverdue',
        'careDone',
        'careDue',
      ] as const)
        total[k] += r[k];
      buildingRows.push(finish(r));
    }
    projectRows.push(finish(total));
  }
  signals.sort((a, b) =>
    a.unitLabel < b.unitLabel ? -1 : a.unitLabel > b.unitLabel ? 1 : a.kind < b.kind ? -1 : 1,
  );
  return {
    quarter,
    asOf: new Date(now).toISOString(),
    projects: projectRows,
    buildings: buildingRows,
    signals,
  };
}

export async function exportCoverage(
  repo: PatrolRepository,
  input: In<'patrol', 'exportCoverage'>,
  ctx: ServiceContext,
) {
  const report = await coverage(repo, input, ctx);
  const book = new ExcelJS.Workbook();
  const columns = [
    { header: '项目', key: 'projectName', width: 14 },
    { header: '楼栋', key: 'buildingName', width: 10 },
    { header: '应巡户数', key: 'unitsDue', width: 10 },
    { header: '已巡户数', key: 'unitsVisited', width: 10 },
    { header: '覆盖率', key: 'coveragePct', width: 10 },
    { header: '上门次数', key: 'attempts', width: 10 },
    { header: '无人在家次数', key: 'nobodyHomeAttempts', width: 12 },
    { header: '无人在家率', key: 'nobodyHomePct', width: 12 },
    { header: '拒绝入户', key: 'refused', width: 10 },
    { header: '公共区域应查', key: 'publicAreasDue', width: 12 },
    { header: '公共区域已查', key: 'publicAreasChecked', width: 12 },
    { header: '发现隐患', key: 'hazardsFound', width: 10 },
    { header: '已销号', key: 'hazardsClosed', width: 10 },
    { header: '逾期未整改', key: 'hazardsOverdue', width: 12 },
    { header: '关爱走访已完成', key: 'careDone', width: 14 },
    { header: '关爱走访应完成', key: 'careDue', width: 14 },
  ];
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const addRows = (name: string, rows: Row[]) => {
    const sheet = book.addWorksheet(name);
    sheet.columns = columns;
    for (const r of rows)
      sheet.addRow({ ...r, coveragePct: pct(r.coverage), nobodyHomePct: pct(r.nobodyHomeRate) });
  };
  addRows('按项目', report.projects);
  addRows('按楼栋', report.buildings);
  const signals = book.addWorksheet('空置转租线索');
  signals.columns = [
    { header: '类型', key: 'kindLabel', width: 16 },
    { header: '项目', key: 'projectName', width: 14 },
    { header: '楼栋', key: 'buildingName', width: 10 },
    { header: '房号', key: 'unitLabel', width: 12 },
    { header: '情况', key: 'note', width: 40 },
    { header: '时间', key: 'at', width: 22 },
    { header: '依据', key: 'clause', width: 50 },
  ];
  for (const s of report.signals) signals.addRow(s);
  const hazardSheet = book.addWorksheet('隐患清单');
  hazardSheet.columns = [
    { header: '项目', key: 'projectName', width: 14 },
    { header: '位置', key: 'location', width: 24 },
    { header: '类别', key: 'category', width: 18 },
    { header: '等级', key: 'severity', width: 10 },
    { header: '描述', key: 'description', width: 40 },
    { header: '状态', key: 'status', width: 10 },
    { header: '发现时间', key: 'reportedAt', width: 22 },
    { header: '整改期限', key: 'deadline', width: 22 },
    { header: '逾期', key: 'overdue', width: 6 },
    { header: '责任方', key: 'assigneeName', width: 14 },
  ];
  const now = ctx.rt.now().getTime();
  for (const p of report.projects) {
    const list = await repo.hazardsOfProject(p.projectId);
    for (const h of list.filter((x) => x.quarter === report.quarter)) {
      hazardSheet.addRow({
        projectName: p.projectName,
        location: h.location,
        category: h.category,
        severity: HAZARD_SEVERITY_LABELS[h.severity],
        description: h.description,
        status: HAZARD_STATUS_LABELS[h.status],
        reportedAt: h.reportedAt,
        deadline: h.deadline,
        overdue: isHazardOverdue(Date.parse(h.deadline), now, h.status === 'closed') ? '是' : '',
        assigneeName: h.assigneeName ?? '',
      });
    }
  }
  const scope = input.projectId ? (report.projects[0]?.projectName ?? '') : '全部项目';
  return writeExport(ctx, {
    fileName: `${quarterLabel(report.quarter)}-${scope}-安全巡查覆盖情况.xlsx`,
    name: `patrol-coverage-${report.quarter}`,
    book,
  });
}
