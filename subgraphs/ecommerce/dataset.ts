import { Random, addDays, addMonths, addYears, DATASET_TODAY } from '../../shared/generator/random';
import { authority, codeForName } from '../../shared/generator/authorities';
import { envelope, withEnvelope, provinceAbbr, type Row, type TableRows } from '../../shared/generator/envelope';
import type { SubjectProfile } from '../../shared/generator/subjects';
import type { DatasetPlan } from '../../shared/seed';

/**
 * E-commerce records: shops on platforms, the platforms' own measures, IP notice outcomes,
 * counterfeit penalties by market regulators, and quarterly complaint statistics.
 */

const PLATFORMS = [
  { name: '淘宝', host: 'shop{n}.taobao.com', operator: '浙江淘宝网络有限公司', division: '330106' },
  { name: '天猫', host: '{slug}.tmall.com', operator: '浙江天猫网络有限公司', division: '330106' },
  { name: '京东', host: 'mall.jd.com/index-{n}.html', operator: '北京京东叁佰陆拾度电子商务有限公司', division: '110105' },
  { name: '拼多多', host: 'mobile.yangkeduo.com/mall_page.html?mall_id={n}', operator: '上海寻梦信息技术有限公司', division: '310115' },
  { name: '抖音电商', host: 'haohuo.jinritemai.com/views/shop/index?id={n}', operator: '北京抖音信息服务有限公司', division: '110108' },
] as const;

const GOODS = ['运动鞋', '箱包', '化妆品', '手机配件', '儿童玩具', '保健食品', '服装'];
const BRANDS = ['耐克（中国）商业有限公司', '路易威登（中国）商业销售有限公司', '欧莱雅（中国）有限公司', '阿迪达斯体育（中国）有限公司', '乐高玩具（上海）有限公司'];

const TABLES = ['online_shops', 'platform_measures', 'ip_notice_outcomes', 'counterfeit_penalties', 'complaint_statistics'] as const;
type EcommerceRows = Record<(typeof TABLES)[number], Row[]>;

function participates(subject: SubjectProfile, r: Random): boolean {
  if (subject.index === 0 || subject.index === 4) return true;
  if (subject.industry === 'ONLINE_RETAIL' || subject.occupation === 'ONLINE_SELLER') return true;
  if (subject.industry === 'PHARMACY' || subject.industry === 'CONGLOMERATE') return r.chance(0.6);
  if (subject.industry === 'MANUFACTURING' || subject.industry === 'CATERING') return r.chance(0.3);
  return false;
}

function rowsFor(subject: SubjectProfile, r: Random): TableRows {
  const out = Object.fromEntries(TABLES.map((t) => [t, []])) as unknown as EcommerceRows;
  if (!participates(subject, r)) return out;
  const regulator = authority('MARKET_REGULATION', subject.division);
  const abbr = provinceAbbr(subject.division.province);
  const shops = subject.index === 0 ? 2 : r.int(1, 2);
  const opened: { platform: (typeof PLATFORMS)[number]; name: string }[] = [];
  for (let i = 0; i < shops; i += 1) {
    const platform = PLATFORMS[(i + r.int(0, PLATFORMS.length - 1)) % PLATFORMS.length] as (typeof PLATFORMS)[number];
    const operator = { name: platform.operator, code: codeForName(platform.operator, platform.division, '9', '1') };
    const openedOn = r.date(subject.kind === 'NATURAL_PERSON' ? '2015-01-01' : subject.establishedOn, addMonths(DATASET_TODAY, -3));
    const shopName = `${subject.name.replace(/(有限公司|股份有限公司|网店)$/, '')}${r.pick(['旗舰店', '专营店', '官方店', '小店'])}`;
    const n = r.digits(9);
    opened.push({ platform, name: shopName });
    const terminated = subject.risk === 'HIGH' && r.chance(0.3);
    out.online_shops.push(withEnvelope(envelope(subject.code, operator, null, openedOn, { actEndedOn: terminated ? addMonths(DATASET_TODAY, -r.int(1, 6)) : null }), {
      platform: platform.name,
      shop_name: shopName,
      url: `https://${platform.host.replace('{n}', n).replace('{slug}', `s${n}`)}`,
      licence_displayed: subject.risk === 'CLEAN' || r.chance(0.6),
      opened_on: openedOn,
      status: terminated ? 'CLOSED' : subject.risk === 'HIGH' && r.chance(0.3) ? 'SUSPENDED' : 'OPERATING',
    }));
  }
  const measureP = subject.index === 0 || subject.index === 4 ? 1 : subject.risk === 'HIGH' ? 0.6 : subject.risk === 'MODERATE' ? 0.25 : 0.03;
  if (r.chance(measureP)) {
    const shop = r.pick(opened);
    const operator = { name: shop.platform.operator, code: codeForName(shop.platform.operator, shop.platform.division, '9', '1') };
    const startsOn = r.date('2021-01-01', addMonths(DATASET_TODAY, -1));
    const measure = subject.risk === 'HIGH' ? r.pick(['SUSPENSION', 'TERMINATION', 'RESTRICTION'] as const) : r.pick(['WARNING', 'RESTRICTION'] as const);
    out.platform_measures.push(withEnvelope(envelope(subject.code, operator, `PM${startsOn.replaceAll('-', '')}${r.digits(6)}`, startsOn), {
      platform: shop.platform.name,
      shop_name: shop.name,
      measure,
      reason: r.pick(['售卖假冒商品', '虚假交易（刷单）', '描述不符', '未按约定时间发货', '违规推广']),
      starts_on: startsOn,
      ends_on: measure === 'TERMINATION' ? null : addDays(startsOn, measure === 'WARNING' ? 0 : r.int(7, 90)),
    }));
  }
  const ipP = subject.index === 0 || subject.index === 4 ? 1 : subject.risk === 'HIGH' ? 0.5 : subject.risk === 'MODERATE' ? 0.15 : 0.02;
  if (r.chance(ipP)) {
    const shop = r.pick(opened);
    const operator = { name: shop.platform.operator, code: codeForName(shop.platform.operator, shop.platform.division, '9', '1') };
    const decided = r.date('2021-01-01', addMonths(DATASET_TODAY, -1));
    out.ip_notice_outcomes.push(withEnvelope(envelope(subject.code, operator, `IPR${decided.replaceAll('-', '')}${r.digits(5)}`, decided), {
      platform: shop.platform.name,
      rights_holder: r.pick(BRANDS),
      ip_type: r.weighted([['TRADEMARK', 70], ['COPYRIGHT', 20], ['PATENT', 10]] as const),
      listings_affected: r.int(1, 60),
      outcome: subject.risk === 'CLEAN' ? r.pick(['RESTORED_AFTER_COUNTER_NOTICE', 'NOTICE_REJECTED'] as const) : 'LISTINGS_REMOVED',
    }));
  }
  const counterfeitP = subject.index === 0 || subject.index === 4 ? 1 : subject.risk === 'HIGH' ? 0.35 : subject.risk === 'MODERATE' ? 0.05 : 0;
  if (r.chance(counterfeitP)) {
    const decided = r.date('2020-06-01', addMonths(DATASET_TODAY, -1));
    const income = r.int(3, 500) * 1_000;
    const light = income < 20_000;
    out.counterfeit_penalties.push(withEnvelope(envelope(subject.code, regulator, `${abbr}${subject.division.code.slice(2, 6)}市监处罚〔${decided.slice(0, 4)}〕${r.int(1, 3000)}号`, decided, {
        actEndedOn: addDays(decided, -r.int(30, 200)),
        // Light penalties are published for 3 months, others for 3 years.
        publicityEndsOn: light ? addMonths(decided, 3) : addYears(decided, 3),
      }), {
      goods: `假冒注册商标的${r.pick(GOODS)}`,
      illegal_income: income.toFixed(2),
      confiscated_value: (income * (0.5 + r.next())).toFixed(2),
      fine_amount: (income * r.int(1, 5)).toFixed(2),
    }));
  }
  const quarters = ['2025Q3', '2025Q4', '2026Q1', '2026Q2'];
  for (const period of quarters) {
    const base = subject.risk === 'HIGH' ? r.int(20, 200) : subject.risk === 'MODERATE' ? r.int(5, 40) : r.int(0, 8);
    if (base === 0) continue;
    const year = Number(period.slice(0, 4));
    const q = Number(period.slice(5));
    const published = `${q === 4 ? year + 1 : year}-${String(q === 4 ? 1 : q * 3 + 1).padStart(2, '0')}-15`;
    out.complaint_statistics.push(withEnvelope(envelope(subject.code, regulator, null, published), {
      period,
      complaints: base,
      resolved: Math.round(base * (subject.risk === 'HIGH' ? 0.4 + r.next() * 0.3 : 0.8 + r.next() * 0.2)),
    }));
  }
  return out;
}

export const ecommerceDataset: DatasetPlan = {
  tables: TABLES,
  rowsFor: (subject, seed) => rowsFor(subject, new Random(seed, subject.index, 'ecommerce')),
};
