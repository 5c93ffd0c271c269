import { DataSource } from 'typeorm';
import {
  DEMO_COMPANIES,
  DEMO_CUSTOMER_COUNT,
  DEMO_DEPARTMENTS,
  DEMO_SEGMENTS,
  demoCustomerId,
  demoCustomerSegment,
  demoDepartmentId,
  demoSegmentPersonId,
  demoStaffEmployeeId,
  stableId,
  systemClock,
} from '@group/shared';
import { Customer, CustomerKind } from '../customers/customer.entity';
import { Complaint, ComplaintChannel, ComplaintSeverity, ComplaintStatus, CustomerJourneyPhase } from '../complaints/complaint.entity';
import { complaintCode, COMPLAINT_SEQUENCE } from '../complaints/complaint.service';
import { CodeSequence } from './code-sequence.entity';

const DAY_MS = 24 * 3600 * 1000;
const HOUR_MS = 3600 * 1000;
const BATCH = 200;

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '胡', '朱', '高', '林', '何', '郭', '马', '罗', '梁', '宋', '郑', '谢', '韩', '唐', '冯', '于', '董', '萧', '程'];
const GIVEN = ['建国', '秀英', '志强', '丽娟', '海燕', '俊杰', '晓明', '雪梅', '国华', '春兰', '文博', '婷婷', '子涵', '浩然', '欣怡', '宇航', '美玲', '德明', '玉兰', '嘉怡', '振华', '思远', '慧敏', '立新', '桂芳', '鹏飞', '静怡', '明轩', '红梅'];
const CITIES = ['重庆', '成都', '北京', '上海', '广州', '深圳', '杭州', '武汉', '西安', '南京', '长沙', '昆明', '贵阳'];
const BRANDS = ['恒信', '华瑞', '嘉禾', '博远', '鼎盛', '瑞丰', '宏达', '锦程', '远航', '汇通', '天成', '百川', '正泰', '中联', '新禾', '安泰', '永盛'];
const INDUSTRIES = ['科技', '贸易', '实业', '建材', '物流', '餐饮管理', '教育咨询', '医疗器械', '文化传媒', '电子', '置业', '能源'];

/** Segments whose customers are mostly organisations (B2B business). */
const B2B_SEGMENTS = new Set(['CONS', 'TRAD', 'SOFT']);

/** Typical complaint subjects per segment (domain.md §2.2: real-estate group plus the other businesses). */
const TITLES: Record<string, string[]> = {
  RESI: ['交房延期', '墙体出现裂缝', '房屋渗水漏水', '实测面积与合同不符'],
  COMM: ['商铺招商承诺未兑现', '中央空调故障影响经营', '租金发票开具延迟', '停车位分配争议'],
  CONS: ['夜间施工噪音扰民', '工期延误', '进场材料质量不达标', '施工现场存在安全隐患'],
  PROP: ['物业人员服务态度差', '电梯频繁故障', '小区保洁不到位', '物业费收费标准争议'],
  ENGY: ['光伏发电量低于承诺', '充电桩无法正常使用', '逆变器故障维修慢', '并网手续办理缓慢'],
  TRAD: ['货物延迟交付', '到货数量短缺', '产品质量与样品不符', '退货退款处理慢'],
  HOTL: ['客房卫生不达标', '预订信息丢失', '前台服务态度差', '退房结算金额有误'],
  SOFT: ['系统频繁宕机', '版本升级后数据丢失', '技术支持响应慢', '交付功能与合同约定不符'],
  EDUT: ['课程内容与宣传不符', '退费申请长期未处理', '在线学习平台卡顿', '授课老师频繁更换'],
  FINA: ['理财产品收益说明不清', '贷款审批进度缓慢', '账户扣费有误', '客服热线无法接通'],
};
const DETAILS = ['多次沟通未得到解决，要求尽快处理', '希望公司给出书面答复', '要求赔偿相应损失', '情绪较为激动，要求负责人回电', '希望明确处理时限', '表示如不解决将向媒体反映'];

/** Weighted lists, picked with `mix(index, salt)` (a different salt per field, so fields do not move in lockstep). */
const STATUS_CYCLE = [
  ComplaintStatus.CLOSED, ComplaintStatus.CLOSED, ComplaintStatus.REVISITED, ComplaintStatus.RESOLVED,
  ComplaintStatus.RESOLVED, ComplaintStatus.IN_PROGRESS, ComplaintStatus.IN_PROGRESS, ComplaintStatus.ASSIGNED,
  ComplaintStatus.ACCEPTED, ComplaintStatus.RECEIVED, ComplaintStatus.REJECTED, ComplaintStatus.CLOSED,
];
const CHANNEL_CYCLE = [
  ComplaintChannel.HOTLINE, ComplaintChannel.HOTLINE, ComplaintChannel.HOTLINE, ComplaintChannel.APP,
  ComplaintChannel.APP, ComplaintChannel.WALK_IN, ComplaintChannel.EMAIL, ComplaintChannel.SMS,
  ComplaintChannel.QQ_GROUP, ComplaintChannel.BBS, ComplaintChannel.VIDEO,
];
const SEVERITY_CYCLE = [
  ...Array<ComplaintSeverity>(6).fill(ComplaintSeverity.GENERAL),
  ...Array<ComplaintSeverity>(3).fill(ComplaintSeverity.SERIOUS),
  ComplaintSeverity.MAJOR, ComplaintSeverity.MAJOR, ComplaintSeverity.CRITICAL,
];
const PHASE_CYCLE = [CustomerJourneyPhase.AFTER_SALE, CustomerJourneyPhase.AFTER_SALE, CustomerJourneyPhase.IN_SALE, CustomerJourneyPhase.PRE_SALE, CustomerJourneyPhase.AFTER_SALE];
/** Customer service is responsible most often; any department can cause a complaint (domain.md CS-R05). */
const DEPARTMENT_CYCLE = ['CS', 'CS', ...DEMO_DEPARTMENTS.map((d) => d.code)];

const pick = <T>(list: readonly T[], i: number): T => list[i % list.length];

/** Deterministic stand-in for randomness: murmur3's finaliser over (index, salt). */
function mix(i: number, salt: number): number {
  let x = Math.imul(i ^ Math.imul(salt + 1, 0x9e3779b9), 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

function customerName(n: number, kind: CustomerKind): string {
  if (kind === CustomerKind.INDIVIDUAL) return pick(SURNAMES, n * 7) + pick(GIVEN, n * 11 + Math.floor(n / 10));
  return `${pick(CITIES, n * 5)}${pick(BRANDS, n * 3 + Math.floor(n / 10))}${pick(INDUSTRIES, n)}有限公司`;
}

/**
 * Demo customers and complaints for the catalogue's segments: customer n is
 * `demoCustomerId(n)` in `demoCustomerSegment(n)`, owned by that segment's
 * business staff; two thirds of them have 1–3 complaints (2 on average),
 * spread over statuses, channels, severities, phases and the last 90 days.
 * Deterministic (derived from the index). Runs only on an empty database; one
 * transaction.
 */
export async function seedCustomerService(ds: DataSource): Promise<void> {
  if ((await ds.getRepository(Customer).count()) > 0) return;
  const now = systemClock().getTime();
  const companyIdByCode = new Map(DEMO_COMPANIES.map((c) => [c.code, c.id]));

  const customers: Customer[] = [];
  const complaints: Omit<Complaint, 'code'>[] = [];
  for (let n = 0; n < DEMO_CUSTOMER_COUNT; n++) {
    const segment = demoCustomerSegment(n);
    const indexInSegment = Math.floor(n / DEMO_SEGMENTS.length);
    const kind = (B2B_SEGMENTS.has(segment.code) ? indexInSegment % 3 !== 0 : indexInSegment % 4 === 3) ? CustomerKind.ORGANIZATION : CustomerKind.INDIVIDUAL;
    const customerCreated = new Date(now - (95 + ((n * 13) % 270)) * DAY_MS - (n % 24) * HOUR_MS);
    const customer = Object.assign(new Customer(), {
      id: demoCustomerId(n),
      name: customerName(n, kind),
      kind,
      segmentId: segment.id,
      ownerId: demoSegmentPersonId(segment.code, 'staff'),
      createdAt: customerCreated,
      updatedAt: customerCreated,
      version: 1,
    });
    customers.push(customer);

    if (n % 3 === 2) continue;
    const count = 1 + (Math.floor(n / 3) % 3);
    for (let k = 0; k < count; k++) {
      const i = complaints.length;
      const status = pick(STATUS_CYCLE, mix(i, 1));
      const title = pick(TITLES[segment.code] ?? TITLES.RESI, mix(i, 2));
      // A minute within the last 90 days (at least an hour ago).
      const createdAt = new Date(now - (mix(i, 3) % (90 * 24 * 60)) * 60_000 - HOUR_MS);
      const updatedAt = status === ComplaintStatus.RECEIVED ? createdAt : new Date(Math.min(now, createdAt.getTime() + (1 + (mix(i, 4) % 96)) * HOUR_MS));
      complaints.push({
        id: stableId('complaint', i),
        title,
        description: `${customer.name}反映：${title}，${pick(DETAILS, mix(i, 5))}。`,
        channel: pick(CHANNEL_CYCLE, mix(i, 6)),
        status,
        severity: pick(SEVERITY_CYCLE, mix(i, 7)),
        phase: pick(PHASE_CYCLE, mix(i, 8)),
        customerId: customer.id,
        responsibleDepartmentId: demoDepartmentId(segment.companyCode, pick(DEPARTMENT_CYCLE, mix(i, 9))),
        handlerId: status === ComplaintStatus.RECEIVED ? null : demoStaffEmployeeId(segment.companyCode, 'CS', 1 + (mix(i, 10) % 3)),
        segmentId: segment.id,
        companyId: companyIdByCode.get(segment.companyCode) ?? null,
        createdAt,
        updatedAt,
        version: 1,
      });
    }
  }
  // Codes follow creation time, as they would have been issued.
  const coded: Complaint[] = complaints
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id))
    .map((c, i) => Object.assign(new Complaint(), c, { code: complaintCode(i + 1) }));

  await ds.transaction(async (m) => {
    for (let i = 0; i < customers.length; i += BATCH) await m.insert(Customer, customers.slice(i, i + BATCH));
    for (let i = 0; i < coded.length; i += BATCH) await m.insert(Complaint, coded.slice(i, i + BATCH));
    const updated = await m.update(CodeSequence, { name: COMPLAINT_SEQUENCE }, { lastNumber: coded.length });
    if (!updated.affected) await m.insert(CodeSequence, { name: COMPLAINT_SEQUENCE, lastNumber: coded.length });
  });
}
