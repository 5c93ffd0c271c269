import { DEMO_SEGMENTS, demoSegmentPersonId, stableId } from '@group/shared';
import { Customer, CustomerKind } from '../customers/customer.entity';
import { CustomerContact } from '../customers/customer-contact.entity';
import { Lead } from '../leads/lead.entity';
import { Opportunity, OpportunityStageChange } from '../opportunities/opportunity.entity';
import { GeneralAction } from '../actions/general-action.entity';
import { SalesOrder } from '../orders/sales-order.entity';
import { CrmTargetType, GeneralActionStatus, GeneralActionType, LeadSource, LeadStatus, OpportunityStatus, SalesOrderStatus } from '../crm/crm-enums';
import { DEFAULT_OPPORTUNITY_STAGES } from './migrations/1764300700000-crm';

const DAY_MS = 24 * 3600 * 1000;

/** What each segment sells (lead / opportunity subjects) and a typical deal size in yuan. */
const DEALS: Record<string, { subjects: string[]; size: number }> = {
  RESI: { subjects: ['江景住宅团购', '学区房咨询', '改善型换房', '车位购买意向'], size: 1_500_000 },
  COMM: { subjects: ['临街商铺租赁', '写字楼整层租赁', '商业综合体招商', '仓储用房租赁'], size: 800_000 },
  CONS: { subjects: ['厂房施工总包', '市政道路工程', '装配式建筑分包', '旧城改造项目'], size: 12_000_000 },
  PROP: { subjects: ['小区物业外包', '写字楼保洁服务', '停车场管理', '设施设备维保'], size: 600_000 },
  ENGY: { subjects: ['屋顶光伏电站', '充电桩建设', '储能系统', '节能改造'], size: 3_000_000 },
  TRAD: { subjects: ['钢材年度采购', '进口设备代理', '建材集中采购', '大宗商品供应'], size: 5_000_000 },
  HOTL: { subjects: ['年会场地预订', '协议酒店签约', '婚宴预订', '会议套餐'], size: 300_000 },
  SOFT: { subjects: ['ERP 实施', '智慧园区平台', '数据中台建设', '运维外包服务'], size: 2_000_000 },
  EDUT: { subjects: ['企业内训平台', '在线课程采购', '校园信息化', '职业认证培训'], size: 400_000 },
  FINA: { subjects: ['供应链融资', '企业理财方案', '设备融资租赁', '保理业务'], size: 10_000_000 },
};
const SOURCES = [LeadSource.REFERRAL, LeadSource.WEBSITE, LeadSource.EVENT, LeadSource.COLD_CALL, LeadSource.SERVICE];
const CONTACTS = ['王建国', '李秀英', '张志强', '刘丽娟', '陈海燕', '杨俊杰', '赵晓明', '黄雪梅', '周国华', '吴春兰'];
const TITLES = ['采购经理', '总经理', '行政主管', '财务总监', '项目负责人'];

export interface DemoCrm {
  contacts: CustomerContact[];
  leads: Lead[];
  opportunities: Opportunity[];
  history: OpportunityStageChange[];
  actions: GeneralAction[];
  orders: SalesOrder[];
}

/**
 * A modest, realistic CRM per segment (issue #5), deterministic and relative
 * to `now`: contacts of organisation customers; four leads (one NEW and never
 * followed up for over a month, one followed up this week, one whose last
 * action is 45 days old, one converted); opportunities in several stages
 * with their stage history, one WON with its sales order, one LOST; general
 * actions, including an assigned, planned one. The follow-up compliance
 * report (CS-R25) therefore shows misses in every segment.
 */
export function demoCrm(customers: Customer[], now: number): DemoCrm {
  const out: DemoCrm = { contacts: [], leads: [], opportunities: [], history: [], actions: [], orders: [] };
  const at = (daysAgo: number, hour = 10) => new Date(Math.floor((now - daysAgo * DAY_MS) / 3_600_000) * 3_600_000 - (10 - hour) * 3_600_000);
  const audit = (d: Date) => ({ createdAt: d, updatedAt: d, version: 1 });
  let leadNo = 0;
  let oppNo = 0;
  let orderNo = 0;

  DEMO_SEGMENTS.forEach((segment, s) => {
    const deal = DEALS[segment.code] ?? DEALS.RESI;
    const staff = demoSegmentPersonId(segment.code, 'staff');
    const head = demoSegmentPersonId(segment.code, 'head');
    const own = customers.filter((c) => c.segmentId === segment.id);
    own
      .filter((c) => c.kind === CustomerKind.ORGANIZATION)
      .slice(0, 3)
      .forEach((c, k) => {
        out.contacts.push(
          Object.assign(new CustomerContact(), {
            id: stableId('customer-contact', `${segment.code}-${k}`),
            customerId: c.id,
            segmentId: c.segmentId,
            name: CONTACTS[(s + k) % CONTACTS.length],
            title: TITLES[(s + k) % TITLES.length],
            phone: `1380${String(100000 + s * 1000 + k).padStart(7, '0')}`,
            email: null,
            isPrimary: true,
            ...audit(c.createdAt),
          }),
        );
      });

    const action = (key: string, type: CrmTargetType, targetId: string, customerId: string | null, doneDaysAgo: number, subject: string, extra: Partial<GeneralAction> = {}) => {
      const d = at(doneDaysAgo, 15);
      out.actions.push(
        Object.assign(new GeneralAction(), {
          id: stableId('general-action', `${segment.code}-${key}`),
          targetType: type,
          targetId,
          customerId,
          segmentId: segment.id,
          ownerId: staff,
          type: GeneralActionType.CALL,
          subject,
          notes: null,
          status: GeneralActionStatus.DONE,
          dueAt: null,
          doneAt: d,
          assigneeId: staff,
          assignedById: null,
          createdByAccountId: 'seed',
          ...audit(d),
          ...extra,
        }),
      );
      return d;
    };

    const opportunity = (k: number, customer: Customer, stageIndex: number, status: OpportunityStatus, createdDaysAgo: number, leadId: string | null) => {
      const created = at(createdDaysAgo);
      const id = stableId('opportunity', `${segment.code}-${k}`);
      const o = Object.assign(new Opportunity(), {
        id,
        code: `OP-${String(++oppNo).padStart(6, '0')}`,
        name: `${customer.name.slice(0, 8)} ${deal.subjects[k % deal.subjects.length]}`,
        amount: Math.round(deal.size * (0.6 + ((s + k * 3) % 7) / 5)),
        stage: DEFAULT_OPPORTUNITY_STAGES[0].code,
        probability: DEFAULT_OPPORTUNITY_STAGES[0].probability,
        status: OpportunityStatus.OPEN,
        expectedCloseAt: at(-30 - k * 15),
        closedAt: null as Date | null,
        closeReason: null,
        segmentId: segment.id,
        ownerId: staff,
        customerId: customer.id,
        leadId,
        lastActionAt: null as Date | null,
        ...audit(created),
      });
      // Stage history: one promotion every ~8 days up to the target stage, then won/lost.
      const moves = [...DEFAULT_OPPORTUNITY_STAGES.slice(0, stageIndex + 1).map((st, i) => ({ st, status: OpportunityStatus.OPEN, day: createdDaysAgo - i * 8 }))];
      if (status === OpportunityStatus.WON) moves.push({ st: DEFAULT_OPPORTUNITY_STAGES[DEFAULT_OPPORTUNITY_STAGES.length - 1], status, day: createdDaysAgo - moves.length * 8 });
      if (status === OpportunityStatus.LOST) moves.push({ st: moves[moves.length - 1].st, status, day: createdDaysAgo - moves.length * 8 });
      moves.forEach((mv, i) => {
        const probability = mv.status === OpportunityStatus.LOST ? 0 : mv.st.probability;
        out.history.push(
          Object.assign(new OpportunityStageChange(), {
            id: stableId('opportunity-stage-change', `${id}-${i}`),
            opportunityId: id,
            seq: i + 1,
            fromStage: i === 0 ? null : moves[i - 1].st.code,
            toStage: mv.st.code,
            toStatus: mv.status,
            probability,
            note: mv.status === OpportunityStatus.LOST ? '客户选择了竞争对手' : mv.status === OpportunityStatus.WON ? '合同已签订' : null,
            actorAccountId: 'seed',
            actorEmployeeId: staff,
            at: at(Math.max(mv.day, 1)),
          }),
        );
        Object.assign(o, { stage: mv.st.code, probability, status: mv.status, version: i + 1, updatedAt: at(Math.max(mv.day, 1)) });
      });
      if (status !== OpportunityStatus.OPEN)
        Object.assign(o, { closedAt: o.updatedAt, closeReason: status === OpportunityStatus.WON ? '方案与价格综合占优' : '客户选择了竞争对手' });
      out.opportunities.push(o);
      return o;
    };

    // Leads.
    const lead = (k: number, status: LeadStatus, createdDaysAgo: number, customer: Customer | null) => {
      const created = at(createdDaysAgo);
      const l = Object.assign(new Lead(), {
        id: stableId('lead', `${segment.code}-${k}`),
        code: `LD-${String(++leadNo).padStart(6, '0')}`,
        name: deal.subjects[k % deal.subjects.length],
        source: SOURCES[(s + k) % SOURCES.length],
        status,
        description: null,
        companyName: customer ? null : `${['重庆', '成都', '贵阳'][k % 3]}${['嘉禾', '瑞丰', '正泰'][(s + k) % 3]}实业有限公司`,
        contactName: CONTACTS[(s * 3 + k) % CONTACTS.length],
        contactPhone: `1390${String(200000 + s * 1000 + k).padStart(7, '0')}`,
        segmentId: segment.id,
        ownerId: staff,
        customerId: customer?.id ?? null,
        convertedOpportunityId: null,
        closedAt: null as Date | null,
        closeReason: null,
        lastActionAt: null as Date | null,
        ...audit(created),
      });
      out.leads.push(l);
      return l;
    };
    lead(0, LeadStatus.NEW, 40, null); // never followed up for over a month: shows in the compliance report
    const active = lead(1, LeadStatus.FOLLOWING_UP, 60, null);
    active.lastActionAt = action('l1-a', CrmTargetType.LEAD, active.id, null, 3, '电话沟通需求，客户意向未变化');
    active.version = 2;
    const stale = lead(2, LeadStatus.FOLLOWING_UP, 90, null);
    stale.lastActionAt = action('l2-a', CrmTargetType.LEAD, stale.id, null, 45, '发送产品资料');
    stale.version = 2;
    const converted = lead(3, LeadStatus.CONVERTED, 100, own[0] ?? null);

    if (own.length >= 4) {
      const o0 = opportunity(0, own[0], 2, OpportunityStatus.OPEN, 90, converted.id);
      Object.assign(converted, { convertedOpportunityId: o0.id, closedAt: o0.createdAt, version: 2 });
      o0.lastActionAt = action('o0-a', CrmTargetType.OPPORTUNITY, o0.id, own[0].id, 2, '提交方案报价', { type: GeneralActionType.VISIT });
      const o1 = opportunity(1, own[1], 3, OpportunityStatus.OPEN, 70, null);
      o1.lastActionAt = action('o1-a', CrmTargetType.OPPORTUNITY, o1.id, own[1].id, 40, '商务谈判第一轮', { type: GeneralActionType.MEETING }); // no action this month
      const o2 = opportunity(2, own[2], 0, OpportunityStatus.OPEN, 20, null);
      // Assigned by the segment head, still planned.
      action('o2-plan', CrmTargetType.OPPORTUNITY, o2.id, own[2].id, 0, '上门拜访决策人', {
        type: GeneralActionType.VISIT,
        status: GeneralActionStatus.PLANNED,
        doneAt: null,
        dueAt: at(-5, 14),
        assignedById: head,
      });
      const won = opportunity(3, own[3], 3, OpportunityStatus.WON, 120, null);
      won.lastActionAt = action('o3-a', CrmTargetType.OPPORTUNITY, won.id, own[3].id, 85, '合同签订', { type: GeneralActionType.MEETING });
      out.orders.push(
        Object.assign(new SalesOrder(), {
          id: stableId('sales-order', `${segment.code}-0`),
          code: `SO-${String(++orderNo).padStart(6, '0')}`,
          contractNumber: `${segment.code}-HT-2026-${String(s + 1).padStart(3, '0')}`,
          signedAt: won.closedAt!,
          amount: won.amount,
          status: SalesOrderStatus.ACTIVE,
          notes: null,
          segmentId: segment.id,
          customerId: won.customerId,
          opportunityId: won.id,
          ownerId: staff,
          ...audit(won.closedAt!),
        }),
      );
      if (own.length >= 5) opportunity(4, own[4], 1, OpportunityStatus.LOST, 80, null);
      action('c0-a', CrmTargetType.CUSTOMER, own[0].id, own[0].id, 10, '节日问候及关系维护', { type: GeneralActionType.MESSAGE });
    }
  });
  return out;
}
