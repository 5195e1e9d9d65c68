import { describe, expect, it } from 'vitest';
import { cell, paragraph, type DocumentModel, type Table } from '../src/model.js';
import { ROW_PATHS } from '../src/normalize/applications.js';
import { normalize } from '../src/normalize/index.js';
import { APPLICANT_COLUMNS } from '../src/schema/canonical.js';
import { activeTable2021, applicationsTable, reportBlocks, reviewTable } from './helpers/tables.js';

const doc = (blocks: DocumentModel['blocks']): DocumentModel => ({ format: 'docx', pages: null, producer: null, blocks });

/** Distinct value for data row i, column j: 100 + 10·i + j. */
const distinct = (i: number) => APPLICANT_COLUMNS.map((_, j) => String(100 + 10 * i + j));
const active = activeTable2021({ reg: ['1', '2', '3'], norm: ['4', '5', '6'], lic: '7', pen: '8', coe: '9', fee: '10.5' });
const review = reviewTable(['1', '2', '3', '4', '10', '5', '6', '7', '8', '26', '0', '0', '0', '1', '1']);

function get(obj: unknown, path: string): unknown {
  return path.split('.').reduce((o, k) => (o as Record<string, unknown>)[k], obj);
}

describe('normalize: 2021 layout with distinct numbers', () => {
  const out = normalize(doc(reportBlocks({ active, apps: applicationsTable('2021', distinct), review })));
  const order = ROW_PATHS.filter((p) => p !== 'otherHandling.total');

  it('reads report info and layouts', () => {
    expect(out.report).toEqual({
      title: '某某县人民政府2023年政府信息公开工作年度报告',
      organization: '某某县人民政府',
      year: 2023,
      publishedDate: '2024-01-20',
      layout: { activeDisclosure: '2021', applications: '2021' },
    });
    expect(out.sections.overview).toEqual({ title: '总体情况', text: '2023年，某某县认真贯彻落实《条例》。' });
    expect(out.sections.other).toEqual({ title: '其他需要报告的事项', text: '无。' });
  });

  it('puts every 申请 value on its row and column', () => {
    order.forEach((p, i) => {
      APPLICANT_COLUMNS.forEach((c, j) => {
        expect(get(out.applications, `${p}.${c}`), `${p}.${c}`).toBe(100 + 10 * i + j);
      });
    });
  });

  it('derives otherHandling.total from the three sub-rows and lists it', () => {
    const i = order.indexOf('otherHandling.overdueCorrection');
    APPLICANT_COLUMNS.forEach((c, j) => {
      expect(out.applications.otherHandling.total[c]).toBe(3 * (100 + j) + 10 * (3 * i + 3));
    });
    expect(out.derived).toEqual(APPLICANT_COLUMNS.map((c) => `applications.otherHandling.total.${c}`));
    expect(out.evidence['applications.otherHandling.total.naturalPerson']?.derivedFrom).toHaveLength(3);
  });

  it('reads 主动公开 and 复议诉讼 by column meaning', () => {
    expect(out.activeDisclosure.regulations).toEqual({ issued: 1, repealed: 2, inForce: 3, newlyMade: null, newlyPublished: null, totalPublished: null });
    expect(out.activeDisclosure.normativeDocuments.inForce).toBe(6);
    expect(out.activeDisclosure.licensing).toEqual({ decisions: 7, previousYearItems: null, change: null });
    expect(out.activeDisclosure.coercion.decisions).toBe(9);
    expect(out.activeDisclosure.fees).toEqual({ amount: 10.5, unit: '万元', previousYearItems: null, change: null });
    expect(out.activeDisclosure.procurement).toEqual({ projects: null, amount: null, unit: null });
    expect(out.reviewLitigation).toEqual({
      review: { upheld: 1, corrected: 2, other: 3, pending: 4, total: 10 },
      litigationDirect: { upheld: 5, corrected: 6, other: 7, pending: 8, total: 26 },
      litigationAfterReview: { upheld: 0, corrected: 0, other: 0, pending: 1, total: 1 },
    });
  });

  it('records evidence for every number and reports checks without changing numbers', () => {
    expect(out.evidence['applications.newReceived.naturalPerson']).toEqual({ page: null, text: '100', table: 1, row: 3, col: 3 });
    expect(out.evidence['reviewLitigation.review.total']).toMatchObject({ text: '10', table: 2, row: 3, col: 4 });
    const balance = out.checks.filter((c) => c.rule === 'applications.balance');
    expect(balance).toHaveLength(7);
    // 一+二 = 100+110 = 210; (七)+四 = 330+340 = 670 in column naturalPerson
    expect(balance[0]).toMatchObject({ column: 'naturalPerson', ok: false, expected: 210, actual: 670 });
    expect(out.checks.filter((c) => c.rule === 'reviewLitigation.total').map((c) => c.ok)).toEqual([true, true, true]);
    expect(out.status).toBe('ok');
  });
});

describe('normalize: 2019 §三 and variations', () => {
  it('2019: （六）其他处理 is one printed row; the 2021 sub-rows are null without warnings', () => {
    const out = normalize(doc(reportBlocks({ apps: applicationsTable('2019', distinct) })));
    expect(out.report.layout.applications).toBe('2019');
    const i = ROW_PATHS.filter((p) => !['otherHandling.overdueCorrection', 'otherHandling.unpaidFees', 'otherHandling.other'].includes(p)).indexOf('otherHandling.total');
    expect(out.applications.otherHandling.total.naturalPerson).toBe(100 + 10 * i);
    expect(out.applications.otherHandling.overdueCorrection.naturalPerson).toBeNull();
    expect(out.derived).toEqual([]);
    expect(out.warnings.filter((w) => w.code === 'row-missing')).toEqual([]);
    expect(out.warnings.filter((w) => w.code === 'table-missing').map((w) => w.path)).toEqual(['activeDisclosure', 'reviewLitigation']);
    expect(out.status).toBe('partial');
  });

  it('a row with 6 value cells for 7 columns is null, never shifted', () => {
    const apps = applicationsTable('2021', distinct);
    const row = apps.rows.find((r) => r.some((c) => c.text.includes('本机关不掌握')))!;
    row.pop();
    const out = normalize(doc(reportBlocks({ active, apps, review })));
    expect(Object.values(out.applications.unableToProvide.notHeld)).toEqual(Array(7).fill(null));
    expect(out.warnings.find((w) => w.code === 'row-short')?.path).toBe('applications.unableToProvide.notHeld');
    expect(out.applications.unableToProvide.needsCreation.naturalPerson).not.toBeNull();
    expect(out.status).toBe('partial');
  });

  it('tolerates a lost group label, a group label in the first item cell, typos, 1、 numbering', () => {
    const apps = applicationsTable('2021', distinct);
    // (三) group label lost entirely: the item cells move left into column B
    const deniedFirst = apps.rows.findIndex((r) => r.some((c) => c.text === '（三）不予公开'));
    apps.rows[deniedFirst] = apps.rows[deniedFirst]!.filter((c) => c.text !== '（三）不予公开');
    // (四) label in the same cell as its first item, spanning B–C; the others keep an empty B cell
    const unableFirst = apps.rows.findIndex((r) => r.some((c) => c.text === '（四）无法提供'));
    const r0 = apps.rows[unableFirst]!;
    r0.splice(0, 2, cell('（四）无法提供 1、本机关不掌握相关政府信息', { colSpan: 2 }));
    apps.rows[unableFirst + 1]!.unshift(cell(''));
    apps.rows[unableFirst + 2]!.unshift(cell(''));
    for (const r of apps.rows) {
      for (const c of r) {
        if (c.text === '2.其他法律行政法规禁止公开') c.text = '2.其他法律行政止公开';
        if (c.text === '4.无正当理由大量反复申请') c.text = '4、无正当理由大量反复 申请';
      }
    }
    const out = normalize(doc(reportBlocks({ active, apps, review })));
    const order = ROW_PATHS.filter((p) => p !== 'otherHandling.total');
    order.forEach((p, i) => expect(get(out.applications, `${p}.total`), p).toBe(100 + 10 * i + 6));
    // without the (三) cell the 8 不予公开 rows sit one column left of the header: read in order, said
    expect(out.warnings.map((w) => w.code)).toEqual(Array(8).fill('row-realigned'));
    expect(out.warnings.map((w) => w.path)).toContain('applications.denied.stateSecret');
    expect(out.status).toBe('ok');
  });

  it('blank, "/" and "0" cells: null, null and 0', () => {
    const apps = applicationsTable('2021', (i) => (i === 0 ? ['0', '', '/', '—', '无', '０', '0'] : distinct(i)));
    const out = normalize(doc(reportBlocks({ active, apps, review })));
    expect(out.applications.newReceived).toEqual({ naturalPerson: 0, commercial: null, research: null, socialWelfare: null, legalService: null, otherOrg: 0, total: 0 });
    expect(out.evidence['applications.newReceived.otherOrg']?.text).toBe('０');
    // a null value's evidence says why: the cell printed nothing, or a dash
    expect(out.evidence['applications.newReceived.commercial']).toMatchObject({ text: '', reason: 'blank' });
    expect(out.evidence['applications.newReceived.research']).toMatchObject({ text: '/', reason: 'dash' });
    expect(out.evidence['applications.newReceived.legalService']).toMatchObject({ text: '无', reason: 'dash' });
    expect(out.status).toBe('ok');
  });

  it('an unreadable cell is null with a warning', () => {
    const apps = applicationsTable('2021', (i) => (i === 0 ? ['约5', '0', '0', '0', '0', '0', '5'] : distinct(i)));
    const out = normalize(doc(reportBlocks({ active, apps, review })));
    expect(out.applications.newReceived.naturalPerson).toBeNull();
    expect(out.warnings.find((w) => w.code === 'cell-unreadable')?.path).toBe('applications.newReceived.naturalPerson');
    expect(out.status).toBe('partial');
  });

  it('OCR cells: digits apart on one line or on two lines are null with a warning, never joined into one number', () => {
    const r = reviewTable(['1', '2', '3', '4', '10', '5', '6', '7', '8', '26', '0 1', '0', '0', '1\n0', '1']);
    // read by OCR (every cell with a confidence): "0 1" is a 0 beside a rule's remnant, not 1
    for (const row of r.rows) for (const c of row) c.confidence = 0.99;
    const out = normalize(doc(reportBlocks({ active, apps: applicationsTable('2021', distinct), review: r })));
    expect(out.reviewLitigation.litigationDirect.total).toBe(26);
    expect(out.reviewLitigation.litigationAfterReview).toEqual({ upheld: null, corrected: 0, other: 0, pending: null, total: 1 });
    const low = out.warnings.filter((w) => w.code === 'cell-low-confidence');
    expect(low.map((w) => [w.path, /digits set apart on one line|two lines of digits/.exec(w.message)?.[0]])).toEqual([
      ['reviewLitigation.litigationAfterReview.upheld', 'digits set apart on one line'],
      ['reviewLitigation.litigationAfterReview.pending', 'two lines of digits'],
    ]);
    // the same cells in a text layer ("0 1" is how some tables print 01): read as ever
    const text = normalize(doc(reportBlocks({ active, apps: applicationsTable('2021', distinct), review: reviewTable(['1', '2', '3', '4', '10', '5', '6', '7', '8', '26', '0 1', '0', '0', '1', '1']) })));
    expect(text.reviewLitigation.litigationAfterReview.upheld).toBe(1);
  });

  it('a title does not start with a mark of punctuation (a speck OCR read as ":")', () => {
    const blocks = reportBlocks({ active, apps: applicationsTable('2021', distinct), review });
    blocks[0] = paragraph(':某某县人民政府2023年政府信息公开工作年度报告');
    const out = normalize(doc(blocks));
    expect(out.report.title).toBe('某某县人民政府2023年政府信息公开工作年度报告');
    expect(out.report.organization).toBe('某某县人民政府');
  });

  it('a blank 行政复议 block: nulls there, the litigation values read', () => {
    const r = reviewTable(['', '', '', '', '', '0', '0', '0', '0', '0', '0', '0', '0', '0', '0']);
    const out = normalize(doc(reportBlocks({ active, apps: applicationsTable('2021', distinct), review: r })));
    expect(out.reviewLitigation.review).toEqual({ upheld: null, corrected: null, other: null, pending: null, total: null });
    expect(out.reviewLitigation.litigationDirect.total).toBe(0);
    expect(out.checks.filter((c) => c.rule === 'reviewLitigation.total').map((c) => c.row)).toEqual(['reviewLitigation.litigationDirect', 'reviewLitigation.litigationAfterReview']);
  });
});

describe('normalize: sections and non-reports', () => {
  it('a sub-heading （1） inside 总体情况 is not section 二; 1、/2、 numbering is', () => {
    const blocks = [
      paragraph('鲁沙尔镇人民政府信息公开工作'),
      paragraph('年度报告'),
      paragraph('单位名称：鲁沙尔镇人民政府    单位主要负责人签名：'),
      paragraph('1、 总体情况'),
      paragraph('2022年，鲁沙尔镇在区委、区政府的坚强领导下……'),
      paragraph('（1） 主动公开政府信息情况'),
      paragraph('全年公开信息101条。'),
      paragraph(' 2、 主动公开政府信息情况'),
      active,
      paragraph('三、收到和处理政府信息公开申请情况'),
      applicationsTable('2021', distinct),
      paragraph('四、政府信息公开行政复议、行政诉讼情况'),
      review,
      paragraph('5、 存在的主要问题及改进情况'),
      paragraph('一是……'),
      paragraph('六、其他需要报告的事项'),
      paragraph('暂无其它需要报告的事项。'),
      paragraph('西宁市湟中区鲁沙尔镇人民政府'),
      paragraph('2023年1月17日'),
    ];
    const out = normalize(doc(blocks));
    expect(out.report).toMatchObject({ title: '鲁沙尔镇人民政府信息公开工作年度报告', organization: '鲁沙尔镇人民政府', year: 2022, publishedDate: '2023-01-17' });
    expect(out.sections.overview?.text).toBe('2022年，鲁沙尔镇在区委、区政府的坚强领导下……\n（1） 主动公开政府信息情况\n全年公开信息101条。');
    expect(out.sections.activeDisclosure?.title).toBe('主动公开政府信息情况');
    expect(out.sections.problems?.title).toBe('存在的主要问题及改进情况');
    expect(out.sections.other?.text).toBe('暂无其它需要报告的事项。');
  });

  it('a document that is not an annual report gets not-a-report', () => {
    const out = normalize(doc([paragraph('关于做好2024年春节期间安全生产工作的通知'), paragraph('各乡镇人民政府：现将有关事项通知如下。')]));
    expect(out.status).toBe('not-a-report');
    expect(out.error?.code).toBe('not-a-report');
    expect(out.applications.newReceived.total).toBeNull();
  });

  it('a report with no tables is partial, with a warning per missing table', () => {
    const out = normalize(doc(reportBlocks({})));
    expect(out.status).toBe('partial');
    expect(out.warnings.filter((w) => w.code === 'table-missing').map((w) => w.path)).toEqual(['activeDisclosure', 'applications', 'reviewLitigation']);
  });
});

// keep the unused import checker quiet about Table in some editors
export type { Table };

describe('a year outside the schema range', () => {
  it('"1950年" in the title is not the year covered: the year comes from elsewhere or is null, never an invalid record', () => {
    const blocks = reportBlocks({ apps: applicationsTable('2021', () => ['0', '0', '0', '0', '0', '0', '0']) });
    const title = blocks[0] as { text: string };
    title.text = '某某县人民政府1950年以来政府信息公开工作年度报告';
    const overview = blocks[2] as { text: string };
    overview.text = '1960年建县以来，某某县认真贯彻落实《条例》。';
    const out = normalize(doc(blocks));
    expect(out.report.year).toBeNull();
  });
});
