/**
 * What the three real published PDFs in ../shared/realworld/raw print, read by eye from the
 * rendered pages (pdftoppm) and cross-checked with pdftotext -layout and shared/realworld/SOURCES.md.
 * Rows are [自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计].
 */
type R = [number, number, number, number, number, number, number];
const z: R = [0, 0, 0, 0, 0, 0, 0];
const only = (n: number): R => [n, 0, 0, 0, 0, 0, n];

export interface RealTruth {
  file: string;
  report: { title: string; organization: string; year: number; publishedDate: string | null };
  layout: { activeDisclosure: '2021' | '2019'; applications: '2021' | '2019' };
  pages: number;
  activeDisclosure: Record<string, number | string | null>;
  applications: Record<string, R | null>;
  reviewLitigation: [number[], number[], number[]];
  /** Failing checks as "rule@column-or-row". */
  failing: string[];
  /** Pages where some values were printed (evidence). */
  evidencePages: Record<string, number>;
}

const rows2019Other = (total: R) => ({ 'otherHandling.overdueCorrection': null, 'otherHandling.unpaidFees': null, 'otherHandling.other': null, 'otherHandling.total': total });

export const REAL_PDFS: RealTruth[] = [
  {
    file: 'KIROGOVCOMPARE__huaian-hongze-district-gov_2023.pdf',
    report: { title: '洪泽区人民政府2023年政府信息公开工作年度报告', organization: '洪泽区人民政府', year: 2023, publishedDate: null },
    // the locally modified 2021 template: （六）其他处理 is one row
    layout: { activeDisclosure: '2021', applications: '2019' },
    pages: 5,
    activeDisclosure: {
      'regulations.issued': 0, 'regulations.repealed': 0, 'regulations.inForce': 0,
      'normativeDocuments.issued': 0, 'normativeDocuments.repealed': 5, 'normativeDocuments.inForce': 5,
      'licensing.decisions': 550, 'penalty.decisions': 4119, 'coercion.decisions': 195,
      'fees.amount': 7730.28, 'fees.unit': '万元',
    },
    applications: {
      newReceived: only(21), carriedOver: z, granted: z, partiallyGranted: only(4),
      'denied.stateSecret': only(1), 'denied.prohibitedByLaw': z, 'denied.endangersSafety': z, 'denied.thirdPartyRights': z,
      'denied.internalAffairs': z, 'denied.processInformation': only(1), 'denied.enforcementFiles': only(1), 'denied.administrativeQuery': z,
      'unableToProvide.notHeld': only(10), 'unableToProvide.needsCreation': only(3), 'unableToProvide.unclearAfterCorrection': z,
      'notProcessed.petition': only(1), 'notProcessed.duplicate': z, 'notProcessed.publication': z, 'notProcessed.excessive': z, 'notProcessed.confirmation': z,
      ...rows2019Other(z),
      totalHandled: only(21), carriedForward: z,
    },
    reviewLitigation: [[10, 1, 0, 0, 0], [0, 0, 0, 0, 0], [5, 0, 0, 0, 0]],
    failing: ['reviewLitigation.total@reviewLitigation.review', 'reviewLitigation.total@reviewLitigation.litigationAfterReview'],
    evidencePages: {
      'activeDisclosure.licensing.decisions': 2, 'activeDisclosure.fees.amount': 3,
      'applications.newReceived.naturalPerson': 3, 'applications.unableToProvide.needsCreation.total': 3,
      'applications.unableToProvide.unclearAfterCorrection.total': 4, 'applications.totalHandled.total': 4,
      'reviewLitigation.review.upheld': 4,
    },
  },
  {
    file: 'KIROGOVCOMPARE__huaian-hongze-district-gov_2024.pdf',
    report: { title: '淮安市洪泽区人民政府2024年政府信息公开工作年度报告', organization: '淮安市洪泽区人民政府', year: 2024, publishedDate: null },
    layout: { activeDisclosure: '2021', applications: '2019' },
    pages: 5,
    activeDisclosure: {
      'regulations.issued': 0, 'regulations.repealed': 0, 'regulations.inForce': 0,
      'normativeDocuments.issued': 3, 'normativeDocuments.repealed': 0, 'normativeDocuments.inForce': 8,
      'licensing.decisions': 9487, 'penalty.decisions': 2776, 'coercion.decisions': 84,
      'fees.amount': 7545, 'fees.unit': '万元',
    },
    applications: {
      newReceived: only(95), carriedOver: z, granted: only(50), partiallyGranted: only(9),
      'denied.stateSecret': z, 'denied.prohibitedByLaw': z, 'denied.endangersSafety': only(1), 'denied.thirdPartyRights': z,
      'denied.internalAffairs': z, 'denied.processInformation': only(1), 'denied.enforcementFiles': only(1), 'denied.administrativeQuery': z,
      'unableToProvide.notHeld': only(31), 'unableToProvide.needsCreation': only(1), 'unableToProvide.unclearAfterCorrection': z,
      'notProcessed.petition': only(1), 'notProcessed.duplicate': z, 'notProcessed.publication': z, 'notProcessed.excessive': z, 'notProcessed.confirmation': z,
      ...rows2019Other(z),
      totalHandled: only(95), carriedForward: z,
    },
    reviewLitigation: [[1, 1, 0, 0, 2], [1, 0, 0, 0, 1], [2, 0, 1, 0, 3]],
    failing: [],
    evidencePages: {
      'activeDisclosure.licensing.decisions': 2, 'activeDisclosure.penalty.decisions': 3,
      'applications.unableToProvide.notHeld.naturalPerson': 3, 'applications.unableToProvide.needsCreation.naturalPerson': 4,
      'reviewLitigation.litigationAfterReview.total': 4,
    },
  },
  {
    file: 'govnianbao__huaian-city-gov_2024.pdf',
    report: { title: '淮安市人民政府2024年政府信息公开工作年度报告', organization: '淮安市人民政府', year: 2024, publishedDate: null },
    layout: { activeDisclosure: '2021', applications: '2021' },
    pages: 6,
    activeDisclosure: {
      'regulations.issued': 1, 'regulations.repealed': 0, 'regulations.inForce': 11,
      'normativeDocuments.issued': 8, 'normativeDocuments.repealed': 26, 'normativeDocuments.inForce': 66,
      'licensing.decisions': 447228, 'penalty.decisions': 3985758, 'coercion.decisions': 88283,
      'fees.amount': 96171.6, 'fees.unit': '万元',
    },
    applications: {
      newReceived: [3001, 53, 0, 0, 61, 4, 3119], carriedOver: only(34),
      granted: [1288, 21, 0, 0, 50, 3, 1362], partiallyGranted: [447, 7, 0, 0, 0, 0, 454],
      'denied.stateSecret': only(2), 'denied.prohibitedByLaw': [30, 1, 0, 0, 0, 0, 31], 'denied.endangersSafety': only(5),
      'denied.thirdPartyRights': only(6), 'denied.internalAffairs': [7, 1, 0, 0, 0, 0, 8], 'denied.processInformation': only(12),
      'denied.enforcementFiles': only(9), 'denied.administrativeQuery': only(105),
      'unableToProvide.notHeld': [746, 12, 0, 0, 10, 1, 769], 'unableToProvide.needsCreation': only(11), 'unableToProvide.unclearAfterCorrection': only(1),
      'notProcessed.petition': [56, 6, 0, 0, 0, 0, 62], 'notProcessed.duplicate': only(25), 'notProcessed.publication': z,
      'notProcessed.excessive': z, 'notProcessed.confirmation': only(1),
      'otherHandling.overdueCorrection': [67, 3, 0, 0, 1, 0, 71], 'otherHandling.unpaidFees': only(6), 'otherHandling.other': [108, 2, 0, 0, 0, 0, 110],
      // derived: the sum of the three sub-rows
      'otherHandling.total': [181, 5, 0, 0, 1, 0, 187],
      totalHandled: [2932, 53, 0, 0, 61, 4, 3050], carriedForward: only(103),
    },
    reviewLitigation: [[72, 64, 178, 37, 351], [13, 4, 8, 1, 26], [12, 1, 1, 6, 20]],
    failing: [],
    evidencePages: {
      'activeDisclosure.licensing.decisions': 3, 'activeDisclosure.penalty.decisions': 4, 'activeDisclosure.fees.amount': 4,
      'applications.newReceived.total': 4, 'applications.unableToProvide.notHeld.total': 4,
      'applications.unableToProvide.needsCreation.total': 5, 'applications.totalHandled.total': 5,
      'reviewLitigation.review.total': 5,
    },
  },
];
