import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createPool, Pool } from 'mysql2/promise';
import { decodeCursor, encodeCursor } from '../../shared/src/graphql/pagination';

/**
 * The raw-SQL floor: what the three shapes cost with one hand-written query
 * per database and the JSON assembled by hand — no GraphQL, no gateway, no
 * ORM. It answers exactly what the gateway answers (the bench compares them).
 */
/** A query the bench measures (through the gateway and here). */
export interface Shape {
  name: 'mobile' | 'list' | 'deep' | 'report';
  query: string;
  variables: Record<string, unknown>;
}

export interface Floor {
  answer(shape: Shape): Promise<unknown>;
  /** The `after` cursor of the list page that starts halfway down the complaints (newest first): the deep shape's. */
  middleCursor(): Promise<string>;
  statementsPerAnswer: number;
  close(): Promise<void>;
}

type Db = 'organization' | 'customer-service' | 'marketing';
type Query = (db: Db, sql: string, params: unknown[]) => Promise<Record<string, any>[]>;

export async function createFloor(opts: { sqliteDir?: string; mysqlUrls?: Record<Db, string> }): Promise<Floor> {
  let query: Query;
  let close: () => Promise<void>;
  let now: () => unknown;
  /** A date as the database stores and compares it (SQLite: UTC text; MariaDB: a Date). */
  let stored: (d: Date) => unknown;
  /** A stored date read back. */
  let read: (v: unknown) => Date;
  if (opts.sqliteDir) {
    const dbs = new Map<Db, Database.Database>();
    for (const name of ['organization', 'customer-service', 'marketing'] as Db[]) {
      dbs.set(name, new Database(join(opts.sqliteDir, `${name}.sqlite`), { readonly: true }));
    }
    query = async (db, sql, params) =>
      dbs
        .get(db)!
        .prepare(sql)
        .all(...(params as never[])) as Record<string, any>[];
    close = async () => dbs.forEach((d) => d.close());
    stored = (d) => d.toISOString().replace('T', ' ').replace('Z', '');
    read = (v) => new Date(`${String(v).replace(' ', 'T')}Z`);
    now = () => stored(new Date());
  } else {
    const pools = new Map<Db, Pool>();
    for (const [name, url] of Object.entries(opts.mysqlUrls!)) pools.set(name as Db, createPool({ uri: url, connectionLimit: 10, timezone: 'Z' }));
    query = async (db, sql, params) => (await pools.get(db)!.query(sql, params))[0] as Record<string, any>[];
    close = async () => {
      await Promise.all([...pools.values()].map((p) => p.end()));
    };
    stored = (d) => d;
    read = (v) => v as Date;
    now = () => new Date();
  }

  const marks = (n: number) => Array.from({ length: n }, () => '?').join(', ');
  /** Effective tags of customers, by customer, sorted by code (as Customer.tags). */
  const tagsOf = async (customerIds: string[], fields: ('code' | 'name')[]) => {
    const byCustomer = new Map<string, Record<string, string>[]>();
    if (!customerIds.length) return byCustomer;
    const rows = await query(
      'marketing',
      `SELECT a.customer_id AS cid, ${fields.map((f) => `t.${f} AS ${f}`).join(', ')} FROM tag_assignment a JOIN tag t ON t.id = a.tag_id
       WHERE a.customer_id IN (${marks(customerIds.length)}) AND (a.expires_at IS NULL OR a.expires_at > ?) ORDER BY a.customer_id, t.code`,
      [...customerIds, now()],
    );
    for (const r of rows) {
      const tag = Object.fromEntries(fields.map((f) => [f, r[f]]));
      byCustomer.set(r.cid, [...(byCustomer.get(r.cid) ?? []), tag]);
    }
    for (const list of byCustomer.values()) list.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
    return byCustomer;
  };

  async function answer(shape: Shape): Promise<unknown> {
    if (shape.name === 'mobile') {
      const id = shape.variables.id as string;
      const [c] = await query('customer-service', 'SELECT name, kind, segment_id FROM customer WHERE id = ?', [id]);
      const [[segment], tags] = await Promise.all([query('organization', 'SELECT code, name FROM segment WHERE id = ?', [c.segment_id]), tagsOf([id], ['code', 'name'])]);
      return { customer: { name: c.name, kind: c.kind, segment: { code: segment.code, name: segment.name }, tags: tags.get(id) ?? [] } };
    }
    if (shape.name === 'list' || shape.name === 'deep') {
      // The deep page: strictly after the cursor's (created_at, id), written as the graph writes it (pagination.ts).
      const [after, afterId] = shape.name === 'deep' ? decodeCursor(shape.variables.after as string) : [];
      const complaints = await query(
        'customer-service',
        `SELECT p.code, p.title, p.status, p.customer_id AS cid, p.responsible_department_id AS did, c.name AS customer_name
         FROM complaint p JOIN customer c ON c.id = p.customer_id
         ${after ? 'WHERE p.created_at <= ? AND (p.created_at < ? OR p.id < ?)' : ''} ORDER BY p.created_at DESC, p.id DESC LIMIT 20`,
        after ? [stored(after as Date), stored(after as Date), afterId] : [],
      );
      const dids = [...new Set(complaints.map((c) => c.did).filter(Boolean))];
      const [departments, tags] = await Promise.all([
        dids.length ? query('organization', `SELECT id, name FROM department WHERE id IN (${marks(dids.length)})`, dids) : Promise.resolve([]),
        tagsOf([...new Set(complaints.map((c) => c.cid as string))], ['code']),
      ]);
      const dname = new Map(departments.map((d) => [d.id, d.name]));
      return {
        complaints: {
          edges: complaints.map((c) => ({
            node: {
              code: c.code,
              title: c.title,
              status: c.status,
              customer: { name: c.customer_name, tags: tags.get(c.cid) ?? [] },
              responsibleDepartment: c.did ? { name: dname.get(c.did) } : null,
            },
          })),
        },
      };
    }
    const departments = await query('organization', 'SELECT id, name FROM department WHERE company_id = ? ORDER BY code, id LIMIT 50', [shape.variables.company]);
    const ids = departments.map((d) => d.id);
    const complaints = ids.length
      ? await query(
          'customer-service',
          `SELECT * FROM (SELECT p.code, p.customer_id AS cid, p.responsible_department_id AS did, c.name AS customer_name,
             ROW_NUMBER() OVER (PARTITION BY p.responsible_department_id ORDER BY p.created_at DESC, p.id DESC) AS rn
           FROM complaint p JOIN customer c ON c.id = p.customer_id WHERE p.responsible_department_id IN (${marks(ids.length)})) t
           WHERE t.rn <= 100 ORDER BY t.did, t.rn`,
          ids,
        )
      : [];
    const tags = await tagsOf([...new Set(complaints.map((c) => c.cid as string))], ['code']);
    const byDept = new Map<string, Record<string, any>[]>();
    for (const c of complaints) byDept.set(c.did, [...(byDept.get(c.did) ?? []), c]);
    return {
      company: {
        departments: {
          edges: departments.map((d) => ({
            node: {
              name: d.name,
              complaints: { edges: (byDept.get(d.id) ?? []).map((c) => ({ node: { code: c.code, customer: { name: c.customer_name, tags: tags.get(c.cid) ?? [] } } })) },
            },
          })),
        },
      },
    };
  }

  async function middleCursor(): Promise<string> {
    const [{ n }] = await query('customer-service', 'SELECT COUNT(*) AS n FROM complaint', []);
    const [row] = await query('customer-service', 'SELECT created_at, id FROM complaint ORDER BY created_at DESC, id DESC LIMIT 1 OFFSET ?', [Math.floor(Number(n) / 2)]);
    return encodeCursor(read(row.created_at), row.id);
  }

  return { answer, middleCursor, statementsPerAnswer: 3, close };
}
