import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { AppError } from '@shared/errors';
import { normalizeServicePhone, SERVICE_PHONE_MESSAGE } from '@shared/rules/contact-phone.rule';
import { roundHalfUpFen } from '@shared/rules/money';
import { validateUnitMix } from '@shared/rules/unit-mix.rule';
import { requireRole } from '../_runtime/access';
import type { BuildingDoc, UnitDoc } from '../_runtime/documents';
import type { In, ServiceContext } from '../_runtime/handler';
import { sliceFor } from '../_runtime/job-slice';
import { readUploads, sniffSheet, type UploadedFile } from '../_runtime/uploads';
import { sha256 } from '../_runtime/ids';
import { MAX_TRANSACTION_WRITES } from '../_runtime/platform-limits';
import type { AllocationRepository } from './allocation.repository';

export async function createProject(
  repo: AllocationRepository,
  input: In<'allocation', 'createProject'>,
  ctx: ServiceContext,
) {
  requireRole(ctx, 'admin');
  const servicePhone = servicePhoneOf(input.servicePhone ?? '');
  const names = input.buildings.map((b) => b.name);
  if (new Set(names).size !== names.length) {
    throw new AppError('INVALID_INPUT', '楼栋名称不能重复。', { buildings: '楼栋名称重复' });
  }
  const now = ctx.rt.now().toISOString();
  const id = await repo.addProject({
    name: input.name,
    address: input.address,
    district: '',
    createdAt: now,
    ...(servicePhone ? { servicePhone } : {}),
  });
  const buildings = [];
  for (const b of input.buildings) {
    buildings.push({
      id: await repo.addBuilding({ projectId: id, name: b.name, floors: b.floors, highRise: b.highRise }),
      name: b.name,
    });
  }
  await repo.recordAudit({
    entityType: 'project',
    entityId: id,
    action: 'created',
    actorUserId: ctx.caller.user?._id ?? 'unknown',
    at: now,
    detail: `新建项目“${input.name}”，${buildings.length} 栋楼`,
  });
  return { id, name: input.name, buildings };
}

export async function listProjects(repo: AllocationRepository, ctx: ServiceContext) {
  requireRole(ctx, 'admin');
  const out = [];
  for (const p of await repo.projects()) {
    out.push({
      id: p._id,
      name: p.name,
      address: p.address,
      servicePhone: p.servicePhone ?? '',
      units: await repo.countUnits(p._id),
      vacant: await repo.countUnits(p._id, 'vacant'),
    });
  }
  return out;
}

/** A typed 服务电话 as stored ('' for none); a number of neither form is refused with the rule's message. */
function servicePhoneOf(typed: string): string {
  if (!typed) return '';
  const phone = normalizeServicePhone(typed);
  if (!phone)
    throw new AppError('INVALID_INPUT', SERVICE_PHONE_MESSAGE, { servicePhone: SERVICE_PHONE_MESSAGE });
  return phone;
}

/**
 * The office sets a project's 服务电话 (issue #17), or clears it with ''. A number of neither form is refused
 * before anything is read; it is stored as `normalizeServicePhone` writes it. Setting the number it already
 * has writes nothing (no audit entry either).
 */
export async function setServicePhone(
  repo: AllocationRepository,
  input: In<'allocation', 'setServicePhone'>,
  ctx: ServiceContext,
) {
  requireRole(ctx, 'admin');
  const servicePhone = servicePhoneOf(input.servicePhone);
  const at = ctx.rt.now().toISOString();
  return repo.runInTransaction(async (tx) => {
    const project = await tx.project(input.projectId);
    if (!project) throw new AppError('NOT_FOUND', '没有找到该项目。');
    if ((project.servicePhone ?? '') !== servicePhone) {
      await tx.updateProject(project._id, { servicePhone });
      await tx.recordAudit({
        entityType: 'project',
        entityId: project._id,
        action: 'service_phone_set',
        actorUserId: ctx.caller.user?._id ?? 'unknown',
        at,
        detail: servicePhone ? `设置项目“${project.name}”的服务电话` : `清除项目“${project.name}”的服务电话`,
      });
    }
    return { id: project._id, name: project.name, servicePhone };
  });
}

const COLUMNS = ['楼栋', '房号', '楼层', '面积', '户型', '朝向', '市场租金'] as const;

/** Reads the first sheet of an .xlsx or a .csv into rows of cell text (header row first). */
async function readSheet(fileName: string, bytes: Buffer): Promise<string[][]> {
  const book = new ExcelJS.Workbook();
  const sheet = /\.csv$/i.test(fileName)
    ? await book.csv.read(Readable.from([bytes.toString('utf8').replace(/^\uFEFF/, '')]))
    : (await book.xlsx.load(bytes as unknown as ArrayBuffer), book.worksheets[0]);
  if (!sheet) return [];
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = [];
    for (let c = 1; c <= COLUMNS.length; c++) {
      const v = row.getCell(c).value;
      cells.push(
        v === null || v === undefined
          ? ''
          : typeof v === 'object' && 'result' in v
            ? String(v.result)
            : String(v).trim(),
      );
    }
    rows.push(cells);
  });
  return rows;
}

/** Units written per transaction: CloudBase's transaction limit (platform-limits.ts). */
export const IMPORT_BATCH_SIZE = MAX_TRANSACTION_WRITES;
/** Refused rows listed with their reasons; the rest are counted (the answer stays under the response limit). */
export const MAX_LISTED_ROW_ERRORS = 200;
/** A cell quoted back in a reason is cut to this many characters. */
const QUOTE_MAX = 20;
const quote = (cell: string) => (cell.length > QUOTE_MAX ? `${cell.slice(0, QUOTE_MAX)}…` : cell);

/**
 * The id of an imported unit, from its project, building and room number: importing the same row again
 * (a retried call, or the same sheet after a crash between batches) always names the same document, so
 * each unit is stored once.
 */
export const importedUnitId = (projectId: string, buildingId: string, room: string): string =>
  `unit-${sha256(JSON.stringify([projectId, buildingId, room])).slice(0, 40)}`;

/**
 * Imports units from a sheet. Every row is checked first (building exists, room number unique in the
 * project and the file, floor within the building, area 10–200 m², market rent in yuan); if any row is
 * refused nothing is written and each refused row is named with its reasons. Otherwise the units are
 * written in batches of IMPORT_BATCH_SIZE, one transaction each (CloudBase's transaction limit), under
 * ids derived from project, building and room (`importedUnitId`): a unit already stored under its id
 * (an earlier attempt of the same import) is not written again, so a retry — of a lost answer, or of an
 * import cut off between batches — writes each unit exactly once. The result names the rows written and
 * the rows found already imported. The project's unit mix (Ulanqab Art. 8) is reported either way.
 */
export async function importUnits(
  repo: AllocationRepository,
  input: In<'allocation', 'importUnits'>,
  ctx: ServiceContext,
) {
  requireRole(ctx, 'admin');
  const slice = sliceFor(ctx.rt);
  const project = await repo.project(input.projectId);
  if (!project) throw new AppError('NOT_FOUND', '未找到该项目。');
  // The sheet comes through storage (the admin's own uploads/<openid>/unit-sheet/…), never in the call.
  const [sheet] = await readUploads(ctx.rt, ctx.caller.openid, 'unit-sheet', [input.fileId], sniffSheet);
  let rows: string[][];
  try {
    rows = await readSheet(input.fileName, Buffer.from((sheet as UploadedFile).bytes));
  } catch {
    throw new AppError('INVALID_INPUT', '文件无法读取：请上传 .xlsx 或 UTF-8 编码的 .csv 文件。');
  }
  const [header, ...body] = rows;
  if (!header || COLUMNS.some((c, i) => header[i] !== c)) {
    throw new AppError('INVALID_INPUT', `表头应为：${COLUMNS.join('、')}`);
  }
  if (body.length === 0) throw new AppError('INVALID_INPUT', '表格中没有房源数据。');
  if (body.length > 5000) throw new AppError('INVALID_INPUT', '一次最多导入 5000 套房源。');

  const buildings = new Map<string, BuildingDoc>(
    (await repo.buildingsOf(project._id)).map((b) => [b.name, b]),
  );
  const existing = await repo.unitsOf(project._id);
  const storedIds = new Set(existing.map((u) => u._id));
  const storedLabels = new Set(existing.map((u) => u.label));
  const sheetLabels = new Set<string>();
  const refused: { row: number; message: string }[] = [];
  const alreadyImportedRows: number[] = [];
  const toWrite: { row: number; unit: UnitDoc }[] = [];
  body.forEach((cells, i) => {
    const rowNo = i + 2;
    const [
      buildingName = '',
      room = '',
      floorText = '',
      areaText = '',
      layout = '',
      orientation = '',
      rentText = '',
    ] = cells;
    const problems: string[] = [];
    const building = buildings.get(buildingName);
    if (!building) problems.push(`楼栋“${quote(buildingName)}”不存在`);
    const floor = Number(floorText);
    if (!Number.isInteger(floor) || floor < 1 || (building && floor > building.floors)) {
      problems.push(`楼层“${quote(floorText)}”无效${building ? `（该楼共 ${building.floors} 层）` : ''}`);
    }
    const area = Number(areaText);
    if (!Number.isFinite(area) || area < 10 || area > 200)
      problems.push(`面积“${quote(areaText)}”应为 10–200 平方米`);
    const rentYuan = Number(rentText);
    if (!Number.isFinite(rentYuan) || rentYuan <= 0 || rentYuan > 100_000)
      problems.push(`市场租金“${quote(rentText)}”应为正数（元/月）`);
    if (!room) problems.push('房号不能为空');
    if (!layout) problems.push('户型不能为空');
    const label = `${buildingName}-${room}`;
    const id = building && room ? importedUnitId(project._id, building._id, room) : null;
    const already = id !== null && storedIds.has(id);
    if (room && sheetLabels.has(label)) problems.push(`房号 ${quote(label)} 在表中重复`);
    else if (room && !already && storedLabels.has(label)) problems.push(`房号 ${quote(label)} 已存在`);
    sheetLabels.add(label);
    if (problems.length) {
      refused.push({ row: rowNo, message: problems.join('；') });
      return;
    }
    if (already) {
      alreadyImportedRows.push(rowNo);
      return;
    }
    toWrite.push({
      row: rowNo,
      unit: {
        _id: id as string,
        projectId: project._id,
        buildingId: (building as BuildingDoc)._id,
        label,
        floor,
        areaM2: Math.round(area * 100) / 100,
        layout,
        orientation: orientation || '—',
        monthlyRentFen: roundHalfUpFen(rentYuan * 100),
        status: 'vacant',
      },
    });
  });

  const highRise = new Map([...buildings.values()].map((b) => [b._id, b.highRise]));
  const mixUnits = [...existing, ...toWrite.map((w) => w.unit)].map((u) => ({
    id: u.label,
    areaM2: u.areaM2,
    highRise: highRise.get(u.buildingId) ?? false,
  }));
  const mix = validateUnitMix(mixUnits, ctx.rt.policy);
  const mixView = {
    ok: mix.ok,
    violations: mix.violations,
    averageAreaM2: mix.averageAreaM2,
    mediumShare: mix.mediumShare,
  };
  const result = (writtenRows: number[], batches: number, remainingRows = 0) => ({
    done: remainingRows === 0,
    remainingRows,
    imported: writtenRows.length,
    writtenRows,
    alreadyImportedRows,
    refusedCount: refused.length,
    rowErrors: refused.slice(0, MAX_LISTED_ROW_ERRORS),
    batches,
    mix: mixView,
  });
  if (refused.length) return result([], 0);

  const writtenRows: number[] = [];
  let batches = 0;
  let next = 0;
  while (next < toWrite.length) {
    // A call stops between batches once its time budget is spent, well inside the function's timeout; the
    // page calls again and the units already stored are skipped by their ids (`remainingRows`).
    if (batches > 0 && slice.spent()) break;
    const batch = toWrite.slice(next, next + IMPORT_BATCH_SIZE);
    const written = new Set(await repo.addUnitsIfAbsent(batch.map((w) => w.unit)));
    batches++;
    next += batch.length;
    for (const w of batch) (written.has(w.unit._id) ? writtenRows : alreadyImportedRows).push(w.row);
  }
  const remainingRows = toWrite.length - next;
  alreadyImportedRows.sort((a, b) => a - b);
  if (writtenRows.length > 0) {
    await repo.recordAudit({
      entityType: 'project',
      entityId: project._id,
      action: 'units_imported',
      actorUserId: ctx.caller.user?._id ?? 'unknown',
      at: ctx.rt.now().toISOString(),
      detail: `从 ${input.fileName} 导入 ${writtenRows.length} 套房源（分 ${batches} 批写入${alreadyImportedRows.length ? `；${alreadyImportedRows.length} 套此前已导入，未重复写入` : ''}${remainingRows ? `；另有 ${remainingRows} 套待下一次调用继续` : ''}）${mix.ok ? '' : `；户型结构提示：${mix.violations.map((v) => v.message).join(' ')}`}`,
    });
  }
  return result(writtenRows, batches, remainingRows);
}
