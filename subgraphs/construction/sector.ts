import path from 'node:path';
import { defineRecordSector } from '../../shared/subgraph/sector';
import { enumValues } from '../../shared/subgraph/sdl';
import { publicRows, allOf, WHILE_PUBLICITY_LASTS, type RecordList } from '../../shared/records';
import { CREATE_RECORD_KEY_V1 } from '../../shared/migrations/v1';
import { recordLifeCycleV2 } from '../../shared/migrations/v2';
import { migrationsIn } from '../../shared/migrations/folder';
import { amount, bool, date, integer, oneOf, text } from '../../shared/ingest/fields';
import { inOrder } from '../../shared/ingest/spec';
import { constructionDataset } from './dataset';

const values = (enumName: string) => enumValues(__dirname, enumName);

const LISTS = {
  qualifications: {
    recordType: 'QualificationCertificate',
    table: 'qualification_certificates',
    ingest: {
      fields: {
        certificateNumber: text({ max: 40 }),
        category: oneOf('QualificationCategory', values('QualificationCategory')),
        grade: oneOf('QualificationGrade', values('QualificationGrade')),
        scope: text({ max: 200 }),
        validUntil: date(),
      },
      rules: [inOrder('decisionDate', 'validUntil')],
      negative: 'false',
      describe: (r) => `建筑业企业资质证书 ${String(r.certificateNumber)}：${String(r.category)} ${String(r.grade)}，有效期至 ${String(r.validUntil)}`,
    },
  },
  practitioners: {
    recordType: 'RegisteredPractitioner',
    table: 'registered_practitioners',
    ingest: {
      fields: {
        practitionerName: text({ max: 60 }),
        registrationNumber: text({ max: 40 }),
        category: oneOf('PractitionerCategory', values('PractitionerCategory')),
        specialty: text({ max: 60 }),
        employerName: text({ max: 200 }),
        validUntil: date(),
      },
      rules: [inOrder('decisionDate', 'validUntil')],
      negative: 'false',
      describe: (r) => `注册执业人员 ${String(r.practitionerName)}（注册号 ${String(r.registrationNumber)}，${String(r.category)}），有效期至 ${String(r.validUntil)}`,
    },
  },
  projects: {
    recordType: 'ConstructionProject',
    table: 'construction_projects',
    ingest: {
      fields: {
        projectCode: text({ max: 40 }),
        projectName: text({ max: 200 }),
        role: oneOf('ProjectRole', values('ProjectRole')),
        contractAmount: amount(),
        location: text({ max: 200 }),
        startedOn: date(),
        completedOn: date({ required: false }),
        status: oneOf('ProjectStatus', values('ProjectStatus')),
      },
      rules: [
        inOrder('startedOn', 'completedOn'),
        (r) => (r.status === 'COMPLETED' && r.completedOn === null ? { field: 'completedOn', reason: 'is required for a COMPLETED project' } : null),
        (r) => (typeof r.status === 'string' && r.status !== 'COMPLETED' && typeof r.completedOn === 'string' ? { field: 'completedOn', reason: `is given for a project ${r.status}` } : null),
      ],
      negative: 'false',
      describe: (r) => `工程项目 ${String(r.projectName)}（${String(r.projectCode)}）：${String(r.role)}，合同金额 ${String(r.contractAmount)} 元，状态 ${String(r.status)}`,
    },
  },
  goodBehaviourRecords: {
    recordType: 'GoodBehaviourRecord',
    table: 'good_behaviour_records',
    ingest: {
      fields: {
        awardName: text({ max: 200 }),
        level: oneOf('AwardLevel', values('AwardLevel')),
        projectName: text({ max: 200, required: false }),
      },
      negative: 'false',
      describe: (r) => `良好行为记录：${String(r.level)} ${String(r.awardName)}${typeof r.projectName === 'string' ? `（${r.projectName}）` : ''}`,
    },
  },
  // Severity A and B records are published for their term; C records are shared only.
  badBehaviourRecords: {
    recordType: 'BadBehaviourRecord',
    table: 'bad_behaviour_records',
    publicWhen: allOf(publicRows('severity is A or B', "severity in ('A', 'B')"), WHILE_PUBLICITY_LASTS),
    ingest: {
      fields: {
        severity: oneOf('BehaviourSeverity', values('BehaviourSeverity')),
        behaviourCode: text({ max: 20 }),
        description: text({ max: 2000 }),
        projectName: text({ max: 200, required: false }),
        penalty: text({ max: 2000 }),
      },
      negative: 'true',
      // SAMR penalty publicity Art. 13: A and B records (penalties, not light) are published for 3 years; C records are never published.
      publicityTerm: `case when severity in ('A', 'B') then decision_date + interval '3 years' end`,
      describe: (r) => `建筑市场不良行为记录（${String(r.severity)} 类，${String(r.behaviourCode)}）：${String(r.description)}；处理：${String(r.penalty)}`,
    },
  },
  blacklistings: {
    recordType: 'MarketBlacklisting',
    table: 'market_blacklistings',
    publicWhen: WHILE_PUBLICITY_LASTS,
    ingest: {
      fields: {
        reason: text({ max: 2000 }),
        listedOn: date(),
        removedOn: date({ required: false }),
      },
      rules: [inOrder('listedOn', 'removedOn')],
      negative: 'true',
      // Blacklisted until removed (or the listing's term ends); retention runs from then.
      actEnded: 'coalesce(removed_on, act_ended_on, publicity_ends_on)',
      // A listing is published until it is removed; one without a removal date for its term, one year from listing (建市规〔2017〕241号).
      publicityTerm: `coalesce(removed_on, listed_on + interval '1 year')`,
      describe: (r) => `被列入建筑市场主体黑名单（列入日期 ${String(r.listedOn)}）：${String(r.reason)}`,
    },
  },
  wageArrearsListings: {
    recordType: 'WageArrearsListing',
    table: 'wage_arrears_listings',
    publicWhen: WHILE_PUBLICITY_LASTS,
    ingest: {
      fields: {
        projectName: text({ max: 200 }),
        workersAffected: integer({ min: 1, max: 1_000_000 }),
        amountOwed: amount({ min: 0.01 }),
        listedOn: date(),
        settled: bool(),
      },
      negative: 'true',
      // Wage regulation: a wage-arrears listing is kept for 3 years from listing.
      publicityTerm: `listed_on + interval '3 years'`,
      describe: (r) => `因在${String(r.projectName)}项目拖欠 ${String(r.workersAffected)} 名农民工工资 ${String(r.amountOwed)} 元，被列入拖欠农民工工资失信联合惩戒对象名单（列入日期 ${String(r.listedOn)}）`,
    },
  },
} as const satisfies Readonly<Record<string, RecordList>>;

/** Project construction: qualifications, practitioners, projects, and the market's conduct records. */
export const constructionSector = defineRecordSector({
  name: 'construction',
  dir: __dirname,
  lists: LISTS,
  // A credit report's summary shows the gravest bad-behaviour severity the caller sees (A is the gravest).
  worstState: { list: 'badBehaviourRecords', column: 'severity', order: ['C', 'B', 'A'] },
  migrations: [...migrationsIn(path.join(__dirname, 'migrations')), CREATE_RECORD_KEY_V1, recordLifeCycleV2(Object.values(LISTS).map((l) => l.table))],
  dataset: constructionDataset,
});
