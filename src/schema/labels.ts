/**
 * The data dictionary: every value of the three tables (canonical key), the Chinese row and column
 * labels it comes from in each national layout (templates.md §2–§4), which layouts have it, its
 * type and unit. One source for `xxgk export --dictionary`, the exports' column types and the
 * JSON Schema's field descriptions. Light: no zod.
 */
import { APPLICANT_COLUMNS } from './keys.js';

export type Layout = '2019' | '2021';
export type FieldType = 'count' | 'signed-count' | 'amount' | 'unit';

export interface FieldInfo {
  /** Dotted canonical path, e.g. `applications.denied.stateSecret.naturalPerson`. */
  path: string;
  /** The report table: 二 主动公开, 三 申请, 四 复议诉讼. */
  table: '二' | '三' | '四';
  /** Row label as printed in each layout (with its block or group), null where the layout has no such row. */
  row: Record<Layout, string | null>;
  /** Column label as printed in each layout, null where the layout has no such column. */
  column: Record<Layout, string | null>;
  /** Layouts that print this value (a value of the other layout is always null). */
  layouts: Layout[];
  type: FieldType;
  /** Unit of the value: 件 for counts, 万元 for 2021 fees, "as printed" where the report chooses. */
  unit: string | null;
  /** Computed rather than printed (2021 三（六）total). */
  derivedIn?: Layout[];
}

const both: Layout[] = ['2019', '2021'];
const only19: Layout[] = ['2019'];
const only21: Layout[] = ['2021'];

function activeDisclosure(): FieldInfo[] {
  const out: FieldInfo[] = [];
  const add = (path: string, row: Record<Layout, string | null>, column: Record<Layout, string | null>, type: FieldType, unit: string | null) => {
    const layouts = both.filter((l) => row[l] !== null && column[l] !== null);
    out.push({ path: `activeDisclosure.${path}`, table: '二', row, column, layouts, type, unit });
  };
  const b1 = '第二十条第（一）项';
  const docs = (key: string, r19: string, r21: string) => {
    const row = { '2019': `${b1} ${r19}`, '2021': `${b1} ${r21}` };
    add(`${key}.issued`, row, { '2019': null, '2021': '本年制发件数' }, 'count', '件');
    add(`${key}.repealed`, row, { '2019': null, '2021': '本年废止件数' }, 'count', '件');
    add(`${key}.inForce`, row, { '2019': null, '2021': '现行有效件数' }, 'count', '件');
    add(`${key}.newlyMade`, row, { '2019': '本年新制作数量', '2021': null }, 'count', '件');
    add(`${key}.newlyPublished`, row, { '2019': '本年新公开数量', '2021': null }, 'count', '件');
    add(`${key}.totalPublished`, row, { '2019': '对外公开总数量', '2021': null }, 'count', '件');
  };
  docs('regulations', '规章', '规章');
  docs('normativeDocuments', '规范性文件', '行政规范性文件');
  const decisions = (key: string, block: string, label: string, in2021: boolean) => {
    const row = { '2019': `${block} ${label}`, '2021': in2021 ? `${block} ${label}` : null };
    add(`${key}.decisions`, row, { '2019': '处理决定数量', '2021': '本年处理决定数量' }, 'count', '件');
    add(`${key}.previousYearItems`, row, { '2019': '上一年项目数量', '2021': null }, 'count', '项');
    add(`${key}.change`, row, { '2019': '本年增/减', '2021': null }, 'signed-count', '项');
  };
  decisions('licensing', '第二十条第（五）项', '行政许可', true);
  decisions('otherServices', '第二十条第（五）项', '其他对外管理服务事项', false);
  decisions('penalty', '第二十条第（六）项', '行政处罚', true);
  decisions('coercion', '第二十条第（六）项', '行政强制', true);
  const fees = { '2019': '第二十条第（八）项 行政事业性收费', '2021': '第二十条第（八）项 行政事业性收费' };
  add('fees.amount', fees, { '2019': null, '2021': '本年收费金额（单位：万元）' }, 'amount', '万元');
  add('fees.unit', fees, { '2019': null, '2021': '本年收费金额（单位：万元）' }, 'unit', null);
  add('fees.previousYearItems', fees, { '2019': '上一年项目数量', '2021': null }, 'count', '项');
  add('fees.change', fees, { '2019': '本年增/减', '2021': null }, 'signed-count', '项');
  const proc = { '2019': '第二十条第（九）项 政府集中采购', '2021': null };
  add('procurement.projects', proc, { '2019': '采购项目数量', '2021': null }, 'count', '项');
  add('procurement.amount', proc, { '2019': '采购总金额', '2021': null }, 'amount', 'as printed (procurement.unit)');
  add('procurement.unit', proc, { '2019': '采购总金额', '2021': null }, 'unit', null);
  return out;
}

const APPLICANT_LABELS: Record<(typeof APPLICANT_COLUMNS)[number], string> = {
  naturalPerson: '申请人情况 · 自然人',
  commercial: '申请人情况 · 法人或其他组织 · 商业企业',
  research: '申请人情况 · 法人或其他组织 · 科研机构',
  socialWelfare: '申请人情况 · 法人或其他组织 · 社会公益组织',
  legalService: '申请人情况 · 法人或其他组织 · 法律服务机构',
  otherOrg: '申请人情况 · 法人或其他组织 · 其他',
  total: '申请人情况 · 总计',
};

/** The §三 rows: canonical path → [label, layouts]. */
const APPLICATION_ROWS: [string, string, Layout[]][] = [
  ['newReceived', '一、本年新收政府信息公开申请数量', both],
  ['carriedOver', '二、上年结转政府信息公开申请数量', both],
  ['granted', '三、本年度办理结果 （一）予以公开', both],
  ['partiallyGranted', '三、本年度办理结果 （二）部分公开（区分处理的，只计这一情形，不计其他情形）', both],
  ['denied.stateSecret', '三、本年度办理结果 （三）不予公开 1.属于国家秘密', both],
  ['denied.prohibitedByLaw', '三、本年度办理结果 （三）不予公开 2.其他法律行政法规禁止公开', both],
  ['denied.endangersSafety', '三、本年度办理结果 （三）不予公开 3.危及“三安全一稳定”', both],
  ['denied.thirdPartyRights', '三、本年度办理结果 （三）不予公开 4.保护第三方合法权益', both],
  ['denied.internalAffairs', '三、本年度办理结果 （三）不予公开 5.属于三类内部事务信息', both],
  ['denied.processInformation', '三、本年度办理结果 （三）不予公开 6.属于四类过程性信息', both],
  ['denied.enforcementFiles', '三、本年度办理结果 （三）不予公开 7.属于行政执法案卷', both],
  ['denied.administrativeQuery', '三、本年度办理结果 （三）不予公开 8.属于行政查询事项', both],
  ['unableToProvide.notHeld', '三、本年度办理结果 （四）无法提供 1.本机关不掌握相关政府信息', both],
  ['unableToProvide.needsCreation', '三、本年度办理结果 （四）无法提供 2.没有现成信息需要另行制作', both],
  ['unableToProvide.unclearAfterCorrection', '三、本年度办理结果 （四）无法提供 3.补正后申请内容仍不明确', both],
  ['notProcessed.petition', '三、本年度办理结果 （五）不予处理 1.信访举报投诉类申请', both],
  ['notProcessed.duplicate', '三、本年度办理结果 （五）不予处理 2.重复申请', both],
  ['notProcessed.publication', '三、本年度办理结果 （五）不予处理 3.要求提供公开出版物', both],
  ['notProcessed.excessive', '三、本年度办理结果 （五）不予处理 4.无正当理由大量反复申请', both],
  ['notProcessed.confirmation', '三、本年度办理结果 （五）不予处理 5.要求行政机关确认或重新出具已获取信息', both],
  ['otherHandling.overdueCorrection', '三、本年度办理结果 （六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请', only21],
  ['otherHandling.unpaidFees', '三、本年度办理结果 （六）其他处理 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请', only21],
  ['otherHandling.other', '三、本年度办理结果 （六）其他处理 3.其他', only21],
  ['otherHandling.total', '三、本年度办理结果 （六）其他处理', both],
  ['totalHandled', '三、本年度办理结果 （七）总计', both],
  ['carriedForward', '四、结转下年度继续办理', both],
];

function applications(): FieldInfo[] {
  const out: FieldInfo[] = [];
  for (const [row, label, layouts] of APPLICATION_ROWS) {
    for (const col of APPLICANT_COLUMNS) {
      const derived = row === 'otherHandling.total';
      out.push({
        path: `applications.${row}.${col}`,
        table: '三',
        row: { '2019': layouts.includes('2019') ? label : null, '2021': layouts.includes('2021') ? (derived ? `${label}（1.+2.+3.，计算所得）` : label) : null },
        column: { '2019': layouts.includes('2019') ? APPLICANT_LABELS[col] : null, '2021': layouts.includes('2021') ? APPLICANT_LABELS[col] : null },
        layouts,
        type: 'count',
        unit: '件',
        ...(derived ? { derivedIn: only21 } : {}),
      });
    }
  }
  return out;
}

function reviewLitigation(): FieldInfo[] {
  const groups: [string, string][] = [
    ['review', '行政复议'],
    ['litigationDirect', '行政诉讼 · 未经复议直接起诉'],
    ['litigationAfterReview', '行政诉讼 · 复议后起诉'],
  ];
  const cols: [string, string][] = [
    ['upheld', '结果维持'],
    ['corrected', '结果纠正'],
    ['other', '其他结果'],
    ['pending', '尚未审结'],
    ['total', '总计'],
  ];
  return groups.flatMap(([g, gl]) =>
    cols.map(([c, cl]) => ({
      path: `reviewLitigation.${g}.${c}`,
      table: '四' as const,
      row: { '2019': gl, '2021': gl },
      column: { '2019': cl, '2021': cl },
      layouts: both,
      type: 'count' as const,
      unit: '件',
    })),
  );
}

/** Every value of the three tables, in the order of the canonical JSON. */
export const FIELDS: readonly FieldInfo[] = [...activeDisclosure(), ...applications(), ...reviewLitigation()];

export const FIELD_BY_PATH: ReadonlyMap<string, FieldInfo> = new Map(FIELDS.map((f) => [f.path, f]));

/** The value at a dotted canonical path (undefined where the path does not lead to one). */
export function valueAt(obj: unknown, path: string): unknown {
  let cur = obj;
  for (const k of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[k];
  }
  return cur;
}

/** A one-line Chinese description of a field, for the JSON Schema. */
export function describeField(f: FieldInfo): string {
  const where = f.layouts
    .map((l) => `${l}: ${f.row[l]} × ${f.column[l]}`)
    .join('; ');
  const unit = f.unit ? `，单位 ${f.unit}` : '';
  return `表${f.table} ${where}${unit}${f.layouts.length === 1 ? `（仅 ${f.layouts[0]} 版式）` : ''}${f.derivedIn ? '（2021 版式为 1.+2.+3. 之和，计算所得）' : ''}`;
}
