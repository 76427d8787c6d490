/**
 * The credit report document: what `GET /reports/<code>.pdf|.html` shows, as a pure function of the
 * GraphQL response of `operations/credit-report.graphql` (data and errors). Both renderers
 * (html.ts, pdf.ts) draw this model and nothing else, so the document says exactly what the graph
 * said to that caller: every value of the response appears, shown by `displayValue`, and a field the
 * gateway denied (an `UNAUTHORIZED_FIELD_OR_TYPE` error at its path) is a line saying so, never an
 * empty section. The walk is generic over the response's shape (a sector's new list appears without
 * a change here); labels only name what is known.
 */

export interface GraphQLErrorLike {
  readonly message?: string;
  readonly path?: ReadonlyArray<string | number>;
  readonly extensions?: { readonly code?: unknown };
}

export interface ReportResponse {
  readonly data?: { readonly creditReport?: unknown } | null;
  readonly errors?: readonly GraphQLErrorLike[];
}

export type Block =
  | { readonly kind: 'fields'; readonly heading: string | null; readonly rows: ReadonlyArray<readonly [label: string, value: string]> }
  | { readonly kind: 'note'; readonly text: string };

export interface Section {
  readonly title: string;
  readonly blocks: readonly Block[];
}

export interface ReportDocument {
  readonly title: string;
  readonly subtitle: string;
  readonly sections: readonly Section[];
}

export const DENIED_TEXT = '本部分内容不向当前查询者提供（无相应查询权限）';
const NONE_TEXT = '无';
const ABSENT = '—';

const SECTORS: Readonly<Record<string, string>> = {
  taxation: '税务',
  finance: '金融',
  construction: '工程建设',
  ecommerce: '电子商务',
  healthcare: '医疗卫生',
};

/** Chinese names of the fields the report selects; anything else shows its GraphQL name. */
const LABELS: Readonly<Record<string, string>> = {
  id: '编号',
  generatedAt: '生成时间',
  kind: '类别',
  institution: '查询机构',
  purpose: '查询原因',
  year: '年度',
  used: '本年已查询次数',
  freePerYear: '每年免费次数',
  freeRemaining: '剩余免费次数',
  charged: '本次为收费查询',
  code: '代码',
  codeType: '代码类型',
  name: '名称',
  status: '状态',
  establishedOn: '成立日期',
  registeredCapital: '注册资本（元）',
  address: '住所',
  region: '所在地区',
  industry: '行业',
  registrationAuthority: '登记机关',
  legalRepresentative: '法定代表人',
  sourceAuthority: '来源机构',
  documentNumber: '文书编号',
  decisionDate: '决定日期',
  actEndedOn: '行为终止日期',
  publicityEndsOn: '公示截止日期',
  objectionStatus: '异议状态',
  repairStatus: '信用修复状态',
  statement: '本人声明',
  text: '内容',
  madeAt: '声明时间',
  date: '查询日期',
  totalCount: '记录总数',
  recordsInForce: '有效记录数',
  negativeInForce: '有效失信（负面）记录数',
  underObjection: '异议中记录数',
  repaired: '已修复记录数',
  latestDecisionOn: '最近决定日期',
  worstState: '最差状态',
  reason: '事由',
  listedOn: '列入日期',
  removedOn: '移出日期',
  removalReason: '移出原因',
  amount: '金额（元）',
  amountOwed: '欠缴金额（元）',
  fineAmount: '罚款金额（元）',
  balance: '余额（元）',
  court: '法院',
  caseNumber: '案号',
  taxType: '税种',
  penalty: '处罚',
  violation: '违法行为',
  grade: '等级',
  severity: '严重程度',
  description: '描述',
  projectName: '项目名称',
  shopName: '店铺名称',
  platform: '平台',
  goods: '商品',
  taxpayerType: '纳税人类型',
  registeredOn: '登记日期',
  periodEnd: '所属期止',
  caseNature: '案件性质',
  amountInvolved: '涉案金额（元）',
  penaltyType: '处罚类型',
  institutionName: '机构名称',
  accountType: '账户类型',
  classification: '五级分类',
  overdueBucket: '逾期情况',
  creditorName: '债权人',
  debtorName: '债务人',
  guaranteeType: '担保方式',
  obligation: '生效法律文书确定的义务',
  performance: '履行情况',
  cause: '案由',
  outcome: '结果',
  category: '类别',
  validUntil: '有效期至',
  practitionerName: '姓名',
  role: '角色',
  contractAmount: '合同金额（元）',
  awardName: '奖项',
  level: '级别',
  workersAffected: '涉及人数',
  settled: '已结清',
  measure: '措施',
  ipType: '知识产权类型',
  period: '期间',
  complaints: '投诉数',
  resolved: '已解决数',
  institutionType: '机构类型',
  hospitalGrade: '医院等级',
  beds: '床位数',
  result: '结果',
  pointsDeducted: '扣分',
  paymentQualification: '医保支付资格',
  recoveredAmount: '追回金额（元）',
  suspendedMonths: '暂停月数',
};

/** The list names, as a reader calls them. */
const LISTS: Readonly<Record<string, string>> = {
  registrations: '税务登记',
  creditRatings: '纳税信用评价',
  arrearsNotices: '欠税公告',
  majorViolations: '重大税收违法失信案件',
  penalties: '税务行政处罚',
  creditAccounts: '信贷账户',
  guarantees: '担保',
  dishonestDebtorListings: '失信被执行人名单',
  courtJudgments: '法院裁判',
  qualifications: '资质证书',
  practitioners: '注册执业人员',
  projects: '工程项目',
  goodBehaviourRecords: '良好行为记录',
  badBehaviourRecords: '不良行为记录',
  blacklistings: '建筑市场黑名单',
  wageArrearsListings: '拖欠农民工工资失信联合惩戒名单',
  shops: '网店',
  platformMeasures: '平台处置措施',
  ipNoticeOutcomes: '知识产权通知处理结果',
  counterfeitPenalties: '售假行政处罚',
  complaintStatistics: '消费投诉统计',
  practiceLicences: '执业许可',
  physicianRegistrations: '医师注册',
  periodicAssessments: '定期考核',
  insuranceStaffScores: '医保支付资格记分',
  insuranceFundViolations: '医保基金违法违规',
  abnormalOperationListings: '经营异常名录',
  seriousIllegalListings: '严重违法失信名单',
};

const OBJECTION: Readonly<Record<string, string>> = {
  NONE: '无异议',
  UNDER_OBJECTION: '异议中',
  CORRECTED: '异议成立，已更正',
  UPHELD: '异议不成立，维持',
  UNVERIFIABLE: '无法核实，已删除',
};

const REPAIR: Readonly<Record<string, string>> = {
  NONE: '未申请',
  APPLIED: '修复申请中',
  REPAIRED: '已修复',
  REJECTED: '修复申请被驳回',
};

const PURPOSES: Readonly<Record<string, string>> = {
  LOAN_APPROVAL: '贷款审批',
  POST_LOAN_MANAGEMENT: '贷后管理',
  GUARANTEE_REVIEW: '担保资格审查',
  CREDIT_CARD_APPROVAL: '信用卡审批',
  ADMINISTRATIVE_APPROVAL: '行政审批',
  SUPERVISION: '监督管理',
  JUDICIAL: '司法',
  CREDIT_RATING: '信用评级',
  SELF_QUERY: '本人查询',
};

/**
 * How a value of the response is shown: the objection, repair and purpose codes with their Chinese
 * names and the code itself, booleans as 是/否, everything else as the response has it.
 */
export function displayValue(field: string, value: string | number | boolean): string {
  if (typeof value === 'boolean') return value ? '是' : '否';
  const text = String(value);
  const named = field === 'objectionStatus' ? OBJECTION[text] : field === 'repairStatus' ? REPAIR[text] : field === 'purpose' ? PURPOSES[text] : undefined;
  return named ? `${named}（${text}）` : text;
}

type Path = ReadonlyArray<string | number>;
type Json = null | string | number | boolean | Json[] | { [key: string]: Json };

const samePath = (a: Path | undefined, b: Path) => a !== undefined && a.length === b.length && a.every((part, i) => part === b[i]);
const isObject = (value: unknown): value is { [key: string]: Json } => typeof value === 'object' && value !== null && !Array.isArray(value);
const label = (field: string) => LABELS[field] ?? field;
/** A scalar of the response as text; anything else (absent, null, an object) as the absent mark. */
const scalar = (value: unknown): string => (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : ABSENT);

class Walker {
  constructor(private readonly errors: readonly GraphQLErrorLike[]) {}

  /** Whether the gateway denied the field at `path` to this caller. */
  denied(path: Path): boolean {
    return this.errors.some((e) => e.extensions?.code === 'UNAUTHORIZED_FIELD_OR_TYPE' && samePath(e.path, path));
  }

  /** Any other error at `path` (a subgraph that failed there): its message, shown instead of the value. */
  failed(path: Path): string | null {
    const error = this.errors.find((e) => e.extensions?.code !== 'UNAUTHORIZED_FIELD_OR_TYPE' && samePath(e.path, path));
    return error ? `本部分暂不可用（${typeof error.extensions?.code === 'string' ? error.extensions.code : 'ERROR'}）` : null;
  }

  /**
   * The fields of an object at `path`, and the fields denied there: the gateway removes a denied
   * field before planning, so it may be absent from the data and known only by its error.
   */
  entries(value: { [key: string]: Json }, path: Path): Array<[string, Json]> {
    const entries: Array<[string, Json]> = Object.entries(value);
    for (const error of this.errors) {
      const at = error.path;
      if (error.extensions?.code !== 'UNAUTHORIZED_FIELD_OR_TYPE' || !at || at.length !== path.length + 1 || !path.every((part, i) => at[i] === part)) continue;
      const field = at[path.length];
      if (typeof field === 'string' && !(field in value)) entries.push([field, null]);
    }
    return entries;
  }

  /** The rows of an object's leaves, nested objects and lists flattened under their parent's label. */
  rows(value: { [key: string]: Json }, path: Path, prefix = ''): Array<[string, string]> {
    const rows: Array<[string, string]> = [];
    for (const [field, child] of this.entries(value, path)) {
      if (field === '__typename') continue;
      const here = [...path, field];
      const name = prefix ? `${prefix}·${label(field)}` : label(field);
      if (child === null) {
        rows.push([name, this.denied(here) ? DENIED_TEXT : (this.failed(here) ?? ABSENT)]);
      } else if (Array.isArray(child)) {
        if (child.length === 0) rows.push([name, NONE_TEXT]);
        child.forEach((item, i) => {
          if (isObject(item)) rows.push(...this.rows(item, [...here, i], `${name}${i + 1}`));
          else if (item !== null) rows.push([name, displayValue(field, item as string | number | boolean)]);
        });
      } else if (isObject(child)) {
        rows.push(...this.rows(child, here, name));
      } else {
        rows.push([name, displayValue(field, child)]);
      }
    }
    return rows;
  }

  /** One block per record of a connection (`{ totalCount, nodes }`), or the line that says why there is none. */
  list(heading: string, connection: Json | undefined, path: Path): Block[] {
    if (connection === null || connection === undefined) return [{ kind: 'note', text: `${heading}：${this.unavailable(path)}` }];
    if (!isObject(connection)) return [];
    const nodes = Array.isArray(connection.nodes) ? connection.nodes : [];
    const shown = typeof connection.totalCount === 'number' && connection.totalCount > nodes.length ? `，显示前 ${nodes.length} 条` : '';
    const count = typeof connection.totalCount === 'number' ? `共 ${connection.totalCount} 条${shown}` : `${nodes.length} 条`;
    const blocks: Block[] = [{ kind: 'note', text: `${heading}：${nodes.length === 0 ? NONE_TEXT : count}` }];
    nodes.forEach((node, i) => {
      if (isObject(node)) blocks.push({ kind: 'fields', heading: `${heading} 第 ${i + 1} 条`, rows: this.rows(node, [...path, 'nodes', i]) });
    });
    return blocks;
  }

  /** What a null section says: denied, failed, or simply absent. */
  unavailable(path: Path): string {
    return this.denied(path) ? DENIED_TEXT : (this.failed(path) ?? NONE_TEXT);
  }

  /** A section made of one object's fields, or the line that says why it is not there. */
  object(value: Json | undefined, path: Path, heading: string | null = null): Block[] {
    if (!isObject(value)) return [{ kind: 'note', text: `${heading ? `${heading}：` : ''}${this.unavailable(path)}` }];
    return [{ kind: 'fields', heading, rows: this.rows(value, path) }];
  }
}

const isConnection = (value: Json | undefined) => isObject(value) && Array.isArray(value.nodes);
/** A subject field that is a sector's summary (`summary` on a profile, `listingSummary` on the subject). */
const isSummaryField = (field: string) => field === 'summary' || /Summary$/.test(field);

/** The report document of a response of `CreditReport`; null when the response holds no report. */
export function reportDocument(response: ReportResponse): ReportDocument | null {
  const report = response.data?.creditReport;
  if (!isObject(report)) return null;
  const walk = new Walker(response.errors ?? []);
  const root = ['creditReport'];
  const subject = isObject(report.subject) ? report.subject : null;
  const subjectPath = [...root, 'subject'];

  const requestedBy = isObject(report.requestedBy) ? report.requestedBy : {};
  const header: Array<[string, string]> = [
    ['报告编号', scalar(report.id)],
    ['生成时间', scalar(report.generatedAt)],
    ['查询者类别', scalar(requestedBy.kind)],
    ['查询机构', scalar(requestedBy.institution)],
    ['查询原因', typeof report.purpose === 'string' ? displayValue('purpose', report.purpose) : ABSENT],
  ];
  const headerBlocks: Block[] = [{ kind: 'fields', heading: null, rows: header }];
  const top = new Map(walk.entries(report, root));
  if (top.has('selfReports')) headerBlocks.push(...walk.object(report.selfReports, [...root, 'selfReports'], '本人查询次数'));

  const identity: { [key: string]: Json } = {};
  const profiles: Array<[string, Json]> = [];
  const listings: Array<[string, Json]> = [];
  const summaries: Block[] = [];
  for (const [field, value] of subject ? walk.entries(subject, subjectPath) : []) {
    if (SECTORS[field]) profiles.push([field, value]);
    else if (isSummaryField(field)) summaries.push(...walk.object(value, [...subjectPath, field], '公共信息（登记机关名录）'));
    else if (isConnection(value) || (value === null && walk.denied([...subjectPath, field]) && /Listings$/.test(field))) listings.push([field, value]);
    else identity[field] = value;
  }

  const records: Block[] = [];
  for (const [sector, profile] of profiles) {
    const path = [...subjectPath, sector];
    const name = SECTORS[sector] as string;
    if (!isObject(profile)) {
      const why = walk.unavailable(path);
      summaries.push({ kind: 'note', text: `${name}：${why}` });
      records.push({ kind: 'note', text: `${name}：${why}` });
      continue;
    }
    const fields = walk.entries(profile, path);
    const lists = fields.filter(([field]) => !isSummaryField(field));
    for (const [field, value] of fields) {
      if (isSummaryField(field)) summaries.push(...walk.object(value, [...path, field], name));
    }
    records.push({ kind: 'note', text: `【${name}】` });
    for (const [field, value] of lists) records.push(...walk.list(`${name}·${LISTS[field] ?? field}`, value, [...path, field]));
  }

  const publicInformation: Block[] = [];
  for (const [field, value] of listings) publicInformation.push(...walk.list(LISTS[field] ?? field, value, [...subjectPath, field]));

  const inquiriesPath = [...root, 'inquiries'];
  const inquiries: Block[] = Array.isArray(report.inquiries)
    ? report.inquiries.length === 0
      ? [{ kind: 'note', text: '近两年无机构查询记录' }]
      : report.inquiries.map((inquiry, i) => ({ kind: 'fields' as const, heading: `查询记录 第 ${i + 1} 条`, rows: isObject(inquiry) ? walk.rows(inquiry, [...inquiriesPath, i]) : [] }))
    : [{ kind: 'note', text: walk.unavailable(inquiriesPath) }];

  const statementPath = [...root, 'statement'];
  const statement: Block[] = isObject(report.statement)
    ? walk.object(report.statement, statementPath)
    : [{ kind: 'note', text: walk.denied(statementPath) ? DENIED_TEXT : (walk.failed(statementPath) ?? '信息主体未对本报告作出声明') }];

  const subjectName = subject && typeof subject.name === 'string' ? subject.name : '';
  return {
    title: '信用报告',
    subtitle: `${subjectName}${subjectName ? ' · ' : ''}报告编号 ${scalar(report.id)}`,
    sections: [
      { title: '报告信息', blocks: headerBlocks },
      { title: '身份信息', blocks: subject ? walk.object(identity, subjectPath) : [{ kind: 'note', text: walk.unavailable(subjectPath) }] },
      { title: '各行业信用概要', blocks: summaries.length > 0 ? summaries : [{ kind: 'note', text: NONE_TEXT }] },
      { title: '各行业有效记录', blocks: records.length > 0 ? records : [{ kind: 'note', text: NONE_TEXT }] },
      { title: '公共信息', blocks: publicInformation.length > 0 ? publicInformation : [{ kind: 'note', text: NONE_TEXT }] },
      { title: '查询记录', blocks: inquiries },
      { title: '信息主体声明', blocks: statement },
    ],
  };
}
