import { DataSource } from 'typeorm';
import { BranchAssessmentService } from '../assessment/branch-assessment.service';
import { GROUP_UTC_OFFSET_MINUTES } from '../reports/complaint-report.service';
import {
  DEMO_COMPANIES,
  DEMO_CUSTOMER_COUNT,
  DEMO_DEPARTMENTS,
  DEMO_GROUP_DEPARTMENTS,
  DEMO_SEGMENTS,
  demoCustomerId,
  demoCustomerSegment,
  demoDepartmentId,
  demoSegmentPersonId,
  demoStaffEmployeeId,
  stableId,
  systemClock,
  Role,
  OutboxEvent,
} from '@group/shared';
import { Customer, CustomerKind } from '../customers/customer.entity';
import {
  Complaint,
  ResponseTier,
  ComplaintCategory,
  ComplaintChannel,
  ComplaintRiskLevel,
  ComplaintSeverity,
  ComplaintStatus,
  CustomerJourneyPhase,
} from '../complaints/complaint.entity';
import { complaintCode, COMPLAINT_SEQUENCE, createdEvent, initialRisk } from '../complaints/complaint.service';
import { CompensationKind, ComplaintCompensation } from '../complaints/complaint-compensation.entity';
import { ComplaintAttachment } from '../complaints/complaint-attachment.entity';
import { ComplaintEvent, ComplaintEventKind } from '../complaints/complaint-event.entity';
import { canonicalPath, ComplaintAction, TRANSITIONS } from '../complaints/complaint-workflow';
import { BusinessCalendarDay, CalendarDayKind, DEFAULT_CALENDAR_ID } from '../sla/business-calendar.entity';
import { SlaPolicy } from '../sla/sla-policy.entity';
import { SlaService } from '../sla/sla.service';
import { bumpCalendarRevision } from '../sla/calendar-revision';
import { EscalationService } from '../escalation/escalation.service';
import { seedDemoRoster } from '../roster/employee-roster';
import type { ChainOfCommand, DepartmentSuperior } from '../escalation/chain-of-command';
import { ServiceBranch, ServiceStaff } from '../branches/service-branch.entity';
import { CustomerRevisit, RevisitPlan } from '../revisits/revisit-plan.entity';
import { CodeSequence } from './code-sequence.entity';
import { demoCrm } from './seed-crm';
import { CustomerContact } from '../customers/customer-contact.entity';
import { Lead } from '../leads/lead.entity';
import { Opportunity, OpportunityStageChange } from '../opportunities/opportunity.entity';
import { GeneralAction } from '../actions/general-action.entity';
import { SalesOrder } from '../orders/sales-order.entity';

const DAY_MS = 24 * 3600 * 1000;
const HOUR_MS = 3600 * 1000;
const BATCH = 200;

const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '赵',
  '黄',
  '周',
  '吴',
  '徐',
  '孙',
  '胡',
  '朱',
  '高',
  '林',
  '何',
  '郭',
  '马',
  '罗',
  '梁',
  '宋',
  '郑',
  '谢',
  '韩',
  '唐',
  '冯',
  '于',
  '董',
  '萧',
  '程',
];
const GIVEN = [
  '建国',
  '秀英',
  '志强',
  '丽娟',
  '海燕',
  '俊杰',
  '晓明',
  '雪梅',
  '国华',
  '春兰',
  '文博',
  '婷婷',
  '子涵',
  '浩然',
  '欣怡',
  '宇航',
  '美玲',
  '德明',
  '玉兰',
  '嘉怡',
  '振华',
  '思远',
  '慧敏',
  '立新',
  '桂芳',
  '鹏飞',
  '静怡',
  '明轩',
  '红梅',
];
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
const Q = ComplaintCategory;
/** Category of each title above, same order. */
const TITLE_CATEGORIES: Record<string, ComplaintCategory[]> = {
  RESI: [Q.DELIVERY, Q.QUALITY, Q.QUALITY, Q.CONTRACT],
  COMM: [Q.CONTRACT, Q.QUALITY, Q.BILLING, Q.CONTRACT],
  CONS: [Q.SERVICE, Q.DELIVERY, Q.QUALITY, Q.SAFETY],
  PROP: [Q.SERVICE, Q.SAFETY, Q.SERVICE, Q.BILLING],
  ENGY: [Q.CONTRACT, Q.QUALITY, Q.SERVICE, Q.DELIVERY],
  TRAD: [Q.DELIVERY, Q.DELIVERY, Q.QUALITY, Q.BILLING],
  HOTL: [Q.QUALITY, Q.SERVICE, Q.SERVICE, Q.BILLING],
  SOFT: [Q.QUALITY, Q.QUALITY, Q.SERVICE, Q.CONTRACT],
  EDUT: [Q.CONTRACT, Q.BILLING, Q.QUALITY, Q.SERVICE],
  FINA: [Q.CONTRACT, Q.DELIVERY, Q.BILLING, Q.SERVICE],
};
const DETAILS = ['多次沟通未得到解决，要求尽快处理', '希望公司给出书面答复', '要求赔偿相应损失', '情绪较为激动，要求负责人回电', '希望明确处理时限', '表示如不解决将向媒体反映'];

/** Weighted lists, picked with `mix(index, salt)` (a different salt per field, so fields do not move in lockstep). */
const STATUS_CYCLE = [
  ComplaintStatus.CLOSED,
  ComplaintStatus.CLOSED,
  ComplaintStatus.REVISITED,
  ComplaintStatus.RESOLVED,
  ComplaintStatus.RESOLVED,
  ComplaintStatus.IN_PROGRESS,
  ComplaintStatus.IN_PROGRESS,
  ComplaintStatus.ASSIGNED,
  ComplaintStatus.ACCEPTED,
  ComplaintStatus.RECEIVED,
  ComplaintStatus.REJECTED,
  ComplaintStatus.CLOSED,
  ComplaintStatus.IN_PROGRESS,
  ComplaintStatus.WAITING_ON_CUSTOMER,
];
const SATISFACTION_CYCLE = [5, 4, 4, 3, 5, 2, 4, 1, 5, 3];
const NOTES: Partial<Record<ComplaintAction, string>> = {
  [ComplaintAction.REJECT]: '经核实不属于投诉受理范围，已向客户解释',
  [ComplaintAction.RESOLVE]: '已按约定完成整改并告知客户',
  [ComplaintAction.WAIT_FOR_CUSTOMER]: '等待客户提供相关凭证',
  [ComplaintAction.REVISIT]: '电话回访，客户确认问题已解决',
};

/**
 * Demo exceptions to the default calendar around the 2026 National Day
 * holiday (dates for the demo only; load the official State Council notice in
 * production).
 */
const DEMO_CALENDAR_DAYS: { date: string; kind: CalendarDayKind; name: string }[] = [
  { date: '2026-09-20', kind: CalendarDayKind.MAKE_UP_WORKDAY, name: '国庆节调休上班' },
  ...['01', '02', '05', '06', '07'].map((d) => ({ date: `2026-10-${d}`, kind: CalendarDayKind.HOLIDAY, name: '国庆节' })),
  { date: '2026-10-10', kind: CalendarDayKind.MAKE_UP_WORKDAY, name: '国庆节调休上班' },
];
const CHANNEL_CYCLE = [
  ComplaintChannel.HOTLINE,
  ComplaintChannel.HOTLINE,
  ComplaintChannel.HOTLINE,
  ComplaintChannel.APP,
  ComplaintChannel.APP,
  ComplaintChannel.WALK_IN,
  ComplaintChannel.EMAIL,
  ComplaintChannel.SMS,
  ComplaintChannel.QQ_GROUP,
  ComplaintChannel.BBS,
  ComplaintChannel.VIDEO,
];
const SEVERITY_CYCLE = [
  ...Array<ComplaintSeverity>(6).fill(ComplaintSeverity.GENERAL),
  ...Array<ComplaintSeverity>(3).fill(ComplaintSeverity.SERIOUS),
  ComplaintSeverity.MAJOR,
  ComplaintSeverity.MAJOR,
  ComplaintSeverity.CRITICAL,
];
const PHASE_CYCLE = [
  CustomerJourneyPhase.AFTER_SALE,
  CustomerJourneyPhase.AFTER_SALE,
  CustomerJourneyPhase.IN_SALE,
  CustomerJourneyPhase.PRE_SALE,
  CustomerJourneyPhase.AFTER_SALE,
];
/** Customer service is responsible most often; any department can cause a complaint (domain.md CS-R05). */
const DEPARTMENT_CYCLE = ['CS', 'CS', ...DEMO_DEPARTMENTS.map((d) => d.code)];

/** Two customer-service branches (客户服务分部) per operating company. */
const BRANCH_CITIES = ['重庆', '成都'];
export const demoBranchId = (companyCode: string, n: 1 | 2) => stableId('service-branch', `${companyCode}-${n}`);

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
 * transaction. The employee roster gets organization's demo employees first, also on a database
 * seeded before the roster existed (only the employees missing; its repair job and organization's
 * events keep it current from then on).
 */
export async function seedCustomerService(ds: DataSource): Promise<boolean> {
  await ds.transaction((m) => seedDemoRoster(m));
  if ((await ds.getRepository(Customer).count()) > 0) return false;
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
      const path = canonicalPath(status);
      const handler = demoStaffEmployeeId(segment.companyCode, 'CS', 1 + (mix(i, 10) % 3));
      complaints.push({
        id: stableId('complaint', i),
        title,
        description: `${customer.name}反映：${title}，${pick(DETAILS, mix(i, 5))}。`,
        channel: pick(CHANNEL_CYCLE, mix(i, 6)),
        status,
        severity: pick(SEVERITY_CYCLE, mix(i, 7)),
        phase: pick(PHASE_CYCLE, mix(i, 8)),
        category: pick(TITLE_CATEGORIES[segment.code] ?? TITLE_CATEGORIES.RESI, mix(i, 2)),
        customerId: customer.id,
        responsibleDepartmentId: demoDepartmentId(segment.companyCode, pick(DEPARTMENT_CYCLE, mix(i, 9))),
        handlerId: path.includes(ComplaintAction.ASSIGN) ? handler : null,
        segmentId: segment.id,
        companyId: companyIdByCode.get(segment.companyCode) ?? null,
        branchId: demoBranchId(segment.companyCode, (1 + (mix(i, 21) % 2)) as 1 | 2),
        escalationLevel: 1,
        responseTier: ResponseTier.BRANCH,
        responseDepartmentId: demoDepartmentId(segment.companyCode, pick(DEPARTMENT_CYCLE, mix(i, 9))),
        riskLevel: initialRisk(pick(SEVERITY_CYCLE, mix(i, 7))),
        legalCase: false,
        legalDepartmentId: null,
        legalEscalatedAt: null,
        firstRespondedAt: null,
        resolvedAt: null,
        closedAt: null,
        firstResponseDueAt: null,
        firstResponseWarnAt: null,
        resolutionDueAt: null,
        resolutionWarnAt: null,
        slaPausedAt: null,
        slaPausedMinutes: 0,
        satisfaction: null,
        receivedAt: createdAt,
        createdAt,
        updatedAt: createdAt,
        version: 1,
      });
    }
  }
  // Codes follow creation time, as they would have been issued.
  const coded: Complaint[] = complaints
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id))
    .map((c, i) => Object.assign(new Complaint(), c, { code: complaintCode(i + 1) }));

  await ds.transaction(async (m) => {
    if ((await m.count(BusinessCalendarDay)) === 0) {
      await m.insert(
        BusinessCalendarDay,
        DEMO_CALENDAR_DAYS.map((d) => ({ ...d, calendarId: DEFAULT_CALENDAR_ID })),
      );
      await bumpCalendarRevision(m);
    }
    const sla = new SlaService();
    const calendar = await sla.calendar(m, null);
    const policies = new Map((await m.find(SlaPolicy)).map((p) => [p.severity, p]));
    const events: ComplaintEvent[] = [];
    const compensations: ComplaintCompensation[] = [];
    coded.forEach((c, i) => {
      Object.assign(c, sla.dueTimes(calendar, policies.get(c.severity)!, c.receivedAt, 0));
      events.push(...demoHistory(c, i, now));
      events.push(...demoRisk(c, i, compensations));
    });
    const operating = DEMO_COMPANIES.filter((c) => c.kind !== 'GROUP');
    const seededAt = new Date(now - 365 * DAY_MS);
    await m.insert(
      ServiceBranch,
      operating.flatMap((c) =>
        ([1, 2] as const).map((n) => ({
          id: demoBranchId(c.code, n),
          code: `${c.code}-${n}`,
          name: `${c.name.replace(/有限.*$|股份.*$/, '')}${BRANCH_CITIES[n - 1]}客户服务分部`,
          companyId: c.id,
          createdAt: seededAt,
          updatedAt: seededAt,
          version: 1,
        })),
      ),
    );
    // CS employee n of each company works for its branch n; the group centre's staff see every complaint.
    await m.insert(ServiceStaff, [
      ...operating.flatMap((c) => ([1, 2] as const).map((n) => ({ employeeId: demoStaffEmployeeId(c.code, 'CS', n), branchId: demoBranchId(c.code, n) }))),
      ...[1, 2, 3].map((n) => ({ employeeId: demoStaffEmployeeId('JA', 'CSC', n), branchId: null })),
    ]);
    for (let i = 0; i < customers.length; i += BATCH) await m.insert(Customer, customers.slice(i, i + BATCH));
    for (let i = 0; i < coded.length; i += BATCH) await m.insert(Complaint, coded.slice(i, i + BATCH));
    for (let i = 0; i < events.length; i += BATCH) await m.insert(ComplaintEvent, events.slice(i, i + BATCH));
    await m.insert(ComplaintCompensation, compensations);
    // Complaints from the app and by e-mail often come with a photo.
    const attachments = coded
      .filter((c, i) => (c.channel === ComplaintChannel.APP || c.channel === ComplaintChannel.EMAIL) && i % 2 === 0)
      .map((c, i) =>
        Object.assign(new ComplaintAttachment(), {
          id: stableId('complaint-attachment', i),
          complaintId: c.id,
          fileName: `${c.code}-photo.jpg`,
          contentType: 'image/jpeg',
          sizeBytes: 150_000 + (mix(i, 50) % 900_000),
          storageKey: `complaints/${c.code}/photo.jpg`,
          createdAt: c.createdAt,
        }),
      );
    for (let i = 0; i < attachments.length; i += BATCH) await m.insert(ComplaintAttachment, attachments.slice(i, i + BATCH));
    const { plans, revisits } = demoRevisits(customers, now);
    await m.insert(RevisitPlan, plans);
    await m.insert(CustomerRevisit, revisits);
    const updated = await m.update(CodeSequence, { name: COMPLAINT_SEQUENCE }, { lastNumber: coded.length });
    if (!updated.affected) await m.insert(CodeSequence, { name: COMPLAINT_SEQUENCE, lastNumber: coded.length });
    // CRM (issue #5): leads, opportunities with stage history, general actions, orders, contacts.
    const crm = demoCrm(customers, now);
    const rows: [new () => object, object[]][] = [
      [CustomerContact, crm.contacts],
      [Lead, crm.leads],
      [Opportunity, crm.opportunities],
      [OpportunityStageChange, crm.history],
      [GeneralAction, crm.actions],
      [SalesOrder, crm.orders],
    ];
    for (const [entity, list] of rows) for (let i = 0; i < list.length; i += BATCH) await m.insert(entity, list.slice(i, i + BATCH));
    for (const [name, n] of [
      ['lead', crm.leads.length],
      ['opportunity', crm.opportunities.length],
      ['sales_order', crm.orders.length],
    ] as const) {
      await m.update(CodeSequence, { name }, { lastNumber: n });
    }
  });
  // Complaints already past their targets are escalated the way production does it (one level),
  // up the demo organisation's chains of command (organization may not be up while this seeds).
  await new EscalationService(ds, systemClock, demoChainOfCommand).run();
  // The demo seed emits no events (docs/events.md): the escalation run's ComplaintChanged and
  // NotificationCreated rows are seed data, not changes anyone follows (the outbox was empty before it).
  await ds
    .getRepository(OutboxEvent)
    .createQueryBuilder()
    .delete()
    .where('type IN (:...types)', { types: ['ComplaintChanged', 'NotificationCreated'] })
    .execute();
  // Last month's branch ranking is published, as the group would at the start of a month.
  const local = new Date(now + GROUP_UTC_OFFSET_MINUTES * 60_000);
  const lastMonth = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth() - 1, 1));
  const period = `${lastMonth.getUTCFullYear()}-${String(lastMonth.getUTCMonth() + 1).padStart(2, '0')}`;
  await new BranchAssessmentService(ds, systemClock).closePeriod({ accountId: 'seed', employeeId: null, role: Role.GROUP_EXECUTIVE, segmentIds: [] }, period);
  return true;
}

/**
 * Key accounts: every sixth customer has a quarterly revisit plan, most
 * visited once or twice (satisfaction 2–5), a few of them overdue.
 */
function demoRevisits(customers: Customer[], now: number): { plans: RevisitPlan[]; revisits: CustomerRevisit[] } {
  const plans: RevisitPlan[] = [];
  const revisits: CustomerRevisit[] = [];
  customers.forEach((c, n) => {
    if (n % 6 !== 0) return;
    const created = new Date(now - (120 + (n % 60)) * DAY_MS);
    const visits = n % 4; // 0..3; the ones with 0 or 1 visit are overdue
    let last: Date | null = null;
    for (let k = 0; k < visits; k++) {
      last = new Date(created.getTime() + (k + 1) * 40 * DAY_MS);
      revisits.push(
        Object.assign(new CustomerRevisit(), {
          id: stableId('customer-revisit', `${n}-${k}`),
          planId: stableId('revisit-plan', n),
          visitedAt: last,
          visitorId: c.ownerId,
          satisfaction: 2 + (mix(n, 30 + k) % 4),
          feedback: pick(['对服务整体满意', '希望加快报修响应', '建议增加节假日客服值班', '对新推出的服务表示认可'], mix(n, 40 + k)),
        }),
      );
    }
    const base = last ?? created;
    plans.push(
      Object.assign(new RevisitPlan(), {
        id: stableId('revisit-plan', n),
        customerId: c.id,
        segmentId: c.segmentId,
        ownerId: c.ownerId,
        cadenceDays: 90,
        nextDueAt: new Date(base.getTime() + 90 * DAY_MS),
        lastRevisitAt: last,
        createdAt: created,
        updatedAt: last ?? created,
        version: 1 + visits,
      }),
    );
  });
  return { plans, revisits };
}

/**
 * Complaint-risk demo: a third of the open critical and major complaints are
 * legal cases (escalated to the group legal department and the group centre),
 * and one settled complaint in four got a compensation. Appends the events.
 */
function demoRisk(c: Complaint, i: number, compensations: ComplaintCompensation[]): ComplaintEvent[] {
  const events: ComplaintEvent[] = [];
  const at = c.updatedAt;
  const event = (kind: ComplaintEventKind, note: string, levels: [number, number] | null) => {
    c.version += 1;
    events.push(
      Object.assign(new ComplaintEvent(), {
        id: stableId('complaint-event', `${i}-r${c.version}`),
        complaintId: c.id,
        seq: c.version,
        kind,
        action: null,
        fromStatus: c.status,
        toStatus: c.status,
        fromLevel: levels?.[0] ?? null,
        toLevel: levels?.[1] ?? null,
        actorAccountId: null,
        actorEmployeeId: c.handlerId,
        note,
        at,
      }),
    );
  };
  const serious = c.severity === ComplaintSeverity.CRITICAL || c.severity === ComplaintSeverity.MAJOR;
  if (serious && c.status === ComplaintStatus.IN_PROGRESS && mix(i, 22) % 3 === 0) {
    Object.assign(c, {
      legalCase: true,
      legalDepartmentId: demoDepartmentId('JA', 'LEGAL'),
      legalEscalatedAt: at,
      escalationLevel: 3,
      responseTier: ResponseTier.GROUP_CENTER,
      responseDepartmentId: null,
      riskLevel: ComplaintRiskLevel.HIGH,
    });
    event(ComplaintEventKind.LEGAL_ESCALATED, 'risk HIGH; legal case; 客户已委托律师', [1, 3]);
  }
  if ((c.status === ComplaintStatus.CLOSED || c.status === ComplaintStatus.REVISITED) && mix(i, 23) % 4 === 0) {
    const money = mix(i, 24) % 2 === 0;
    const amountCents = money ? (5 + (mix(i, 25) % 60)) * 10_000 : 0;
    const row = Object.assign(new ComplaintCompensation(), {
      id: stableId('complaint-compensation', i),
      complaintId: c.id,
      kind: money ? CompensationKind.MONEY : CompensationKind.REPAIR,
      amountCents,
      description: money ? '经协商给予经济补偿' : '免费维修并延长保修期',
      actorAccountId: null,
      createdAt: at,
    });
    compensations.push(row);
    event(ComplaintEventKind.COMPENSATION_RECORDED, `${row.kind} ${(amountCents / 100).toFixed(2)} CNY: ${row.description}`, null);
  }
  return events;
}

/**
 * Walks complaint `c` along the canonical path to its status, with believable
 * gaps (about one in five is slow to be answered, so some breach their SLA),
 * squeezed before `now`. Fills the complaint's handling timestamps and returns
 * its timeline.
 */
function demoHistory(c: Complaint, i: number, now: number): ComplaintEvent[] {
  const path = canonicalPath(c.status);
  const gapsMs = path.map((a, k) => {
    const slow = k === 0 && mix(i, 11) % 5 === 0;
    return (slow ? 30 + (mix(i, 12) % 60) : 1 + (mix(i, 13 + k) % 30)) * HOUR_MS;
  });
  const total = gapsMs.reduce((x, y) => x + y, 0);
  const room = now - 60_000 - c.createdAt.getTime();
  const scale = total > room ? room / total : 1;
  const events: ComplaintEvent[] = [Object.assign(createdEvent(c, null, null), { id: stableId('complaint-event', `${i}-0`) })];
  let at = c.createdAt.getTime();
  let status = ComplaintStatus.RECEIVED;
  path.forEach((action, k) => {
    at += Math.floor((gapsMs[k] * scale) / 1000) * 1000;
    const when = new Date(at);
    const to = TRANSITIONS[action].to;
    if (action === ComplaintAction.ACCEPT || action === ComplaintAction.REJECT) c.firstRespondedAt = when;
    if (action === ComplaintAction.REJECT || action === ComplaintAction.CLOSE) c.closedAt = when;
    if (action === ComplaintAction.RESOLVE) c.resolvedAt = when;
    if (action === ComplaintAction.WAIT_FOR_CUSTOMER) c.slaPausedAt = when;
    if (action === ComplaintAction.REVISIT) c.satisfaction = pick(SATISFACTION_CYCLE, mix(i, 20));
    events.push(
      Object.assign(new ComplaintEvent(), {
        id: stableId('complaint-event', `${i}-${k + 1}`),
        complaintId: c.id,
        seq: k + 2,
        kind: ComplaintEventKind.TRANSITION,
        action,
        fromStatus: status,
        toStatus: to,
        fromLevel: null,
        toLevel: null,
        actorAccountId: null,
        actorEmployeeId: c.handlerId,
        note: NOTES[action] ?? null,
        at: when,
      }),
    );
    status = to;
  });
  c.updatedAt = new Date(at);
  c.version = events.length;
  return events;
}

/**
 * The chains of command of organization's demo departments (its seed: every department at the
 * top of its company, the hotline team under customer service; each department's manager, its
 * first employee, holds its head position), for the seed's own escalation run.
 */
const demoChainOfCommand: ChainOfCommand = {
  async superiors(ids) {
    const out = new Map<string, DepartmentSuperior>();
    for (const c of DEMO_COMPANIES) {
      for (const d of c.kind === 'GROUP' ? DEMO_GROUP_DEPARTMENTS : DEMO_DEPARTMENTS) out.set(demoDepartmentId(c.code, d.code), { companyId: c.id, parent: null });
      if (c.kind !== 'GROUP') {
        const cs = DEMO_DEPARTMENTS.find((d) => d.code === 'CS')!;
        out.set(demoDepartmentId(c.code, 'CS-HOTLINE'), {
          companyId: c.id,
          parent: { id: demoDepartmentId(c.code, 'CS'), name: cs.name, heads: [demoStaffEmployeeId(c.code, 'CS', 1)] },
        });
      }
    }
    return new Map(ids.flatMap((id) => (out.has(id) ? [[id, out.get(id)!] as const] : [])));
  },
};
