/**
 * `npm run seed:large [-- --scale 0.1]` (issue #9): fills the three subgraphs'
 * databases — the ones the running graph uses, from the same configuration
 * (*_DATABASE_URL or the SQLite files under data/) — with a realistic large
 * group, on top of the demo seed:
 *
 *   organization       1,000 departments, 5,000 employees
 *   customer-service   100,000 customers, 200,000 complaints with their timelines
 *                      (~3 events each), 50,000 leads + 50,000 opportunities
 *                      (with stage history) and 1,000,000 general actions
 *   marketing          100,000 customer profiles, 1,000,000 tag assignments
 *
 * (times --scale). Fast: rows are built in memory and written with multi-row
 * INSERTs (shared/src/bulk/fast-insert.ts) in transactions of 50,000 rows.
 * Every id is deterministic (stableId), so a second run finds the data there
 * and skips it. Rows are clones of demo-seed records (a complaint with its
 * whole timeline, a lead, an opportunity with its stage history...) with new
 * ids, keys, owners and dates, so they satisfy every column and rule the demo
 * data does, even as the entities grow. Progress bars on stderr.
 */
import 'reflect-metadata';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import { DatabaseConfig, DEMO_COMPANIES, DEMO_SEGMENTS, inTransaction, migrate, stableId } from '@group/shared';
import { insertEntities } from '../../shared/src/bulk/fast-insert';
import { Progress, ProgressSink } from '../../shared/src/bulk/progress';
import { loadOrganizationConfig } from '../../subgraphs/organization/src/config/env';
import { loadCustomerServiceConfig } from '../../subgraphs/customer-service/src/config/env';
import { loadMarketingConfig } from '../../subgraphs/marketing/src/config/env';
import { createOrganizationDataSource } from '../../subgraphs/organization/src/database/data-source';
import { createCustomerServiceDataSource } from '../../subgraphs/customer-service/src/database/data-source';
import { createMarketingDataSource } from '../../subgraphs/marketing/src/database/data-source';
import { seedOrganization } from '../../subgraphs/organization/src/database/seed';
import { seedCustomerService } from '../../subgraphs/customer-service/src/database/seed';
import { seedMarketing } from '../../subgraphs/marketing/src/database/seed';
import { Department } from '../../subgraphs/organization/src/departments/department.entity';
import { Employee } from '../../subgraphs/organization/src/employees/employee.entity';
import { Customer, CustomerKind } from '../../subgraphs/customer-service/src/customers/customer.entity';
import { RosterEmployee, RosterStatus } from '../../subgraphs/customer-service/src/roster/employee-roster.entity';
import { Complaint } from '../../subgraphs/customer-service/src/complaints/complaint.entity';
import { ComplaintEvent } from '../../subgraphs/customer-service/src/complaints/complaint-event.entity';
import { Lead } from '../../subgraphs/customer-service/src/leads/lead.entity';
import { Opportunity, OpportunityStageChange } from '../../subgraphs/customer-service/src/opportunities/opportunity.entity';
import { GeneralAction } from '../../subgraphs/customer-service/src/actions/general-action.entity';
import { CustomerProfile } from '../../subgraphs/marketing/src/customer-profiles/customer-profile.entity';
import { Tag } from '../../subgraphs/marketing/src/tags/tag.entity';
import { TagAssignment } from '../../subgraphs/marketing/src/tag-assignments/tag-assignment.entity';
import { level1CategoryOf } from '../../subgraphs/marketing/src/tag-categories/level1';
import { rebuildTagCoverage } from '../../subgraphs/marketing/src/tag-assignments/tag-coverage-summary';

export type SubgraphName = 'organization' | 'customer-service' | 'marketing';

export interface SeedLargeOptions {
  scale: number;
  databases: Record<SubgraphName, DatabaseConfig>;
  /** Run the (idempotent) demo seed first: the large data is cloned from it. Default true. */
  seedDemo?: boolean;
  stderr?: ProgressSink;
}

const DAY = 24 * 3600 * 1000;
const TX_ROWS = 50_000;
/** Base volumes at scale 1. */
export const VOLUMES = {
  departments: 1_000,
  employees: 5_000,
  customers: 100_000,
  complaints: 200_000,
  leads: 50_000,
  opportunities: 50_000,
  actionsPerRecord: 10,
  tagsPerCustomer: 10,
};

export const largeIds = {
  department: (i: number) => stableId('large-department', i),
  employee: (i: number) => stableId('large-employee', i),
  customer: (i: number) => stableId('large-customer', i),
  complaint: (i: number) => stableId('large-complaint', i),
  lead: (i: number) => stableId('large-lead', i),
  opportunity: (i: number) => stableId('large-opportunity', i),
};

/** A copy of an entity with some properties replaced (same class, so the metadata applies). */
function clone<E extends ObjectLiteral>(template: E, overrides: Partial<E>): E {
  return Object.assign(Object.create(Object.getPrototypeOf(template)), template, overrides);
}

/** Every Date property of `row` moved by `delta` ms (a cloned record keeps its own internal timing). */
function shiftDates<E extends ObjectLiteral>(row: E, delta: number): E {
  for (const [k, v] of Object.entries(row)) if (v instanceof Date) (row as Record<string, unknown>)[k] = new Date(v.getTime() + delta);
  return row;
}

async function open(
  create: (db: DatabaseConfig) => { dataSource: DataSource },
  db: DatabaseConfig,
  name: SubgraphName,
  seed?: (ds: DataSource) => Promise<unknown>,
): Promise<DataSource> {
  if (db.type === 'sqlite') mkdirSync(dirname(db.file), { recursive: true });
  const { dataSource } = create(db);
  await dataSource.initialize();
  // Random (UUID) keys touch pages all over the indexes: give SQLite a big page cache for the load.
  if (db.type === 'sqlite') await dataSource.query('PRAGMA cache_size = -262144');
  await migrate(dataSource, `${name}-migrations`);
  if (seed) await seed(dataSource);
  return dataSource;
}

/**
 * Generates `total` rows (each `make(i)` may return several) and writes them in
 * transactions of ~50,000 rows, with a progress bar. Skipped when the first
 * row's id already exists (a previous run).
 */
async function fill<E extends ObjectLiteral>(
  ds: DataSource,
  label: string,
  entity: EntityTarget<E>,
  total: number,
  make: (i: number) => E | E[],
  out: ProgressSink | undefined,
  counts: Record<string, number>,
): Promise<void> {
  if (total <= 0) return;
  const first = [make(0)].flat()[0];
  if (first && (await ds.getRepository(entity).existsBy(ds.getMetadata(entity).getEntityIdMap(first) as never))) {
    out?.write(`${label}: already loaded, skipped\n`);
    return;
  }
  const progress = new Progress(label, out);
  let written = 0;
  let buffer: E[] = [];
  const flush = async () => {
    const rows = buffer;
    buffer = [];
    await inTransaction(ds, (m) => insertEntities(m, entity, rows));
    written += rows.length;
  };
  for (let i = 0; i < total; i++) {
    buffer.push(...[make(i)].flat());
    if (buffer.length >= TX_ROWS) {
      await flush();
      if (i + 1 < total) progress.update(written, (i + 1) / total);
    }
  }
  if (buffer.length) await flush();
  progress.finish(written);
  counts[label] = (counts[label] ?? 0) + written;
}

export async function seedLarge(o: SeedLargeOptions): Promise<Record<string, number>> {
  const n = (base: number) => Math.max(1, Math.round(base * o.scale));
  const out = o.stderr ?? process.stderr;
  const seedDemo = o.seedDemo ?? true;
  const counts: Record<string, number> = {};
  const now = new Date(Math.floor(Date.now() / 1000) * 1000);
  const D = n(VOLUMES.departments);
  const E = n(VOLUMES.employees);
  const C = n(VOLUMES.customers);
  const subsidiaries = DEMO_COMPANIES.filter((c) => c.kind !== 'GROUP');
  const segmentOfCustomer = (i: number) => DEMO_SEGMENTS[i % DEMO_SEGMENTS.length].id;
  const companyOf = (d: number) => subsidiaries[d % subsidiaries.length].id;

  // organization: departments and employees.
  const org = await open(createOrganizationDataSource, o.databases.organization, 'organization', seedDemo ? seedOrganization : undefined);
  try {
    const dept = await org.getRepository(Department).findOneOrFail({ where: {}, order: { id: 'ASC' } });
    const emp = await org.getRepository(Employee).findOneOrFail({ where: {}, order: { id: 'ASC' } });
    await fill(
      org,
      'departments',
      Department,
      D,
      (i) =>
        clone(dept, {
          id: largeIds.department(i),
          companyId: companyOf(i),
          parentId: null,
          code: `LG${i}`,
          name: `业务部 ${i}`,
          nameEn: `Business unit ${i}`,
          createdAt: now,
          updatedAt: now,
          version: 1,
        }),
      out,
      counts,
    );
    await fill(
      org,
      'employees',
      Employee,
      E,
      (i) =>
        clone(emp, {
          id: largeIds.employee(i),
          companyId: companyOf(i % D),
          departmentId: largeIds.department(i % D),
          managerId: null,
          name: `员工 ${i}`,
          email: `large.${i}@example.com`,
          createdAt: now,
          updatedAt: now,
          version: 1,
        }),
      out,
      counts,
    );
  } finally {
    await org.destroy();
  }

  // customer-service: customers, complaints with their timelines, leads, opportunities, general actions.
  const cs = await open(createCustomerServiceDataSource, o.databases['customer-service'], 'customer-service', seedDemo ? seedCustomerService : undefined);
  try {
    const customer = await cs.getRepository(Customer).findOneOrFail({ where: {}, order: { id: 'ASC' } });
    // The employees above on customer-service's employee roster, as organization's events would put them (owners must be on it).
    await fill(
      cs,
      'roster employees',
      RosterEmployee,
      E,
      (i) => ({
        employeeId: largeIds.employee(i),
        companyId: companyOf(i % D),
        departmentId: largeIds.department(i % D),
        segmentIdsJson: JSON.stringify(
          DEMO_SEGMENTS.filter((x) => DEMO_COMPANIES.find((c) => c.code === x.companyCode)!.id === companyOf(i % D))
            .map((x) => x.id)
            .sort(),
        ),
        status: RosterStatus.ACTIVE,
        version: 1,
        updatedAt: now,
      }),
      out,
      counts,
    );
    await fill(
      cs,
      'customers',
      Customer,
      C,
      (i) =>
        clone(customer, {
          id: largeIds.customer(i),
          name: `客户 L${i}`,
          kind: i % 4 === 0 ? CustomerKind.ORGANIZATION : CustomerKind.INDIVIDUAL,
          segmentId: segmentOfCustomer(i),
          ownerId: largeIds.employee(i % E),
          createdAt: new Date(now.getTime() - (i % 1000) * DAY),
          updatedAt: now,
          version: 1,
        }),
      out,
      counts,
    );

    // Up to 20 demo complaints with their timelines are the templates (a mix of statuses).
    const templates = await cs.getRepository(Complaint).find({ order: { id: 'ASC' }, take: 20 });
    const events = await cs.getRepository(ComplaintEvent).find({ order: { seq: 'ASC' } });
    const timeline = new Map(templates.map((t) => [t.id, events.filter((e) => e.complaintId === t.id)]));
    const P = n(VOLUMES.complaints);
    const complaint = (i: number): Complaint => {
      const t = templates[i % templates.length];
      const c = i % C;
      const delta = now.getTime() - (i % 365) * DAY - t.createdAt.getTime() - 30 * DAY;
      return shiftDates(
        clone(t, {
          id: largeIds.complaint(i),
          code: `LG${String(i).padStart(8, '0')}`,
          customerId: largeIds.customer(c),
          segmentId: segmentOfCustomer(c),
          responsibleDepartmentId: largeIds.department(i % D),
          version: 1,
        }),
        delta,
      );
    };
    await fill(cs, 'complaints', Complaint, P, complaint, out, counts);
    await fill(
      cs,
      'complaint events',
      ComplaintEvent,
      P,
      (i) => {
        const t = templates[i % templates.length];
        const delta = complaint(i).createdAt.getTime() - t.createdAt.getTime();
        return (timeline.get(t.id) ?? []).map((e) => shiftDates(clone(e, { id: stableId('large-complaint-event', `${i}-${e.seq}`), complaintId: largeIds.complaint(i) }), delta));
      },
      out,
      counts,
    );

    // CRM records, once their entities exist and the demo seed made templates.
    const lead = await cs.getRepository(Lead).findOne({ where: {}, order: { id: 'ASC' } });
    const opportunity = await cs.getRepository(Opportunity).findOne({ where: {}, order: { id: 'ASC' } });
    const action = await cs.getRepository(GeneralAction).findOne({ where: {}, order: { id: 'ASC' } });
    if (lead && opportunity && action) {
      const L = n(VOLUMES.leads);
      const O = n(VOLUMES.opportunities);
      const stages = await cs.getRepository(OpportunityStageChange).find({ where: { opportunityId: opportunity.id }, order: { seq: 'ASC' } });
      const createdAt = (i: number) => new Date(now.getTime() - (i % 400) * DAY);
      await fill(
        cs,
        'leads',
        Lead,
        L,
        (i) =>
          clone(lead, {
            id: largeIds.lead(i),
            code: `LGL${i}`,
            name: `线索 L${i}`,
            segmentId: segmentOfCustomer(i % C),
            customerId: largeIds.customer(i % C),
            ownerId: largeIds.employee(i % E),
            convertedOpportunityId: null,
            createdAt: createdAt(i),
            updatedAt: now,
            version: 1,
          }),
        out,
        counts,
      );
      await fill(
        cs,
        'opportunities',
        Opportunity,
        O,
        (i) =>
          clone(opportunity, {
            id: largeIds.opportunity(i),
            code: `LGO${i}`,
            name: `商机 L${i}`,
            segmentId: segmentOfCustomer(i % C),
            customerId: largeIds.customer(i % C),
            ownerId: largeIds.employee(i % E),
            leadId: null,
            createdAt: createdAt(i),
            updatedAt: now,
            version: 1,
          }),
        out,
        counts,
      );
      await fill(
        cs,
        'opportunity stage changes',
        OpportunityStageChange,
        stages.length ? O : 0,
        (i) =>
          stages.map((s) =>
            shiftDates(
              clone(s, { id: stableId('large-stage-change', `${i}-${s.seq}`), opportunityId: largeIds.opportunity(i) }),
              createdAt(i).getTime() - opportunity.createdAt.getTime(),
            ),
          ),
        out,
        counts,
      );
      const A = VOLUMES.actionsPerRecord;
      await fill(
        cs,
        'general actions',
        GeneralAction,
        L + O,
        (r) => {
          const isLead = r < L;
          const i = isLead ? r : r - L;
          return Array.from({ length: A }, (_, j) =>
            clone(action, {
              id: stableId('large-action', `${r}-${j}`),
              targetType: (isLead ? 'LEAD' : 'OPPORTUNITY') as GeneralAction['targetType'],
              targetId: isLead ? largeIds.lead(i) : largeIds.opportunity(i),
              customerId: largeIds.customer(i % C),
              segmentId: segmentOfCustomer(i % C),
              ownerId: largeIds.employee(i % E),
              assigneeId: largeIds.employee(i % E),
              subject: `跟进 ${j + 1}`,
              createdAt: new Date(createdAt(i).getTime() + j * 30 * DAY),
              updatedAt: now,
              version: 1,
            }),
          );
        },
        out,
        counts,
      );
    } else {
      out.write('leads/opportunities/general actions: no demo records to clone yet, skipped\n');
    }
  } finally {
    await cs.destroy();
  }

  // marketing: the customer -> segment projection and ten tags per customer.
  const mkt = await open(createMarketingDataSource, o.databases.marketing, 'marketing', seedDemo ? seedMarketing : undefined);
  try {
    await fill(
      mkt,
      'customer profiles',
      CustomerProfile,
      C,
      (i) =>
        Object.assign(new CustomerProfile(), { customerId: largeIds.customer(i), segmentId: segmentOfCustomer(i), updatedAt: now, gridId: null, tier: null, tierOverride: null }),
      out,
      counts,
    );
    const tags = await mkt.getRepository(Tag).find({ order: { code: 'ASC' } });
    const template = await mkt.getRepository(TagAssignment).findOneOrFail({ where: {}, order: { id: 'ASC' } });
    const level1 = new Map<string, string | null>();
    for (const t of tags) level1.set(t.id, await level1CategoryOf(mkt.manager, t.categoryId));
    // A step coprime with the number of tags gives each customer distinct tags.
    const gcd = (a: number, b: number): number => (b ? gcd(b, a % b) : a);
    let step = 7;
    while (gcd(step, tags.length) !== 1) step++;
    const K = Math.min(VOLUMES.tagsPerCustomer, tags.length);
    await fill(
      mkt,
      'tag assignments',
      TagAssignment,
      C,
      (i) =>
        Array.from({ length: K }, (_, j) => {
          const tag = tags[(i + j * step) % tags.length];
          return clone(template, {
            id: stableId('large-tag-assignment', `${i}-${j}`),
            tagId: tag.id,
            customerId: largeIds.customer(i),
            segmentId: segmentOfCustomer(i),
            source: template.source,
            assignedAt: new Date(now.getTime() - ((i + j) % 180) * DAY),
            expiresAt: null,
            ruleId: null,
            ruleVersion: null,
            categoryL1Id: level1.get(tag.id) ?? null,
          });
        }),
      out,
      counts,
    );
    // Bulk writes bypass the per-write maintenance of the tag coverage summary: recount it once.
    if (counts['tag assignments']) await inTransaction(mkt, (m) => rebuildTagCoverage(m));
  } finally {
    await mkt.destroy();
  }
  return counts;
}

async function main() {
  const { values } = parseArgs({ args: process.argv.slice(2), options: { scale: { type: 'string', default: '1' } } });
  const scale = Number(values.scale);
  if (!Number.isFinite(scale) || scale <= 0 || scale > 10) throw new Error('--scale must be a number in (0, 10]');
  const configs = { organization: loadOrganizationConfig(), 'customer-service': loadCustomerServiceConfig(), marketing: loadMarketingConfig() };
  const t0 = Date.now();
  const counts = await seedLarge({
    scale,
    databases: { organization: configs.organization.database, 'customer-service': configs['customer-service'].database, marketing: configs.marketing.database },
    seedDemo: configs.organization.seed && configs['customer-service'].seed && configs.marketing.seed,
  });
  console.log(JSON.stringify({ scale, seconds: Math.round((Date.now() - t0) / 100) / 10, rows: counts }));
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
