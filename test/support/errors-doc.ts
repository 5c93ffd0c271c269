/**
 * docs/errors.md: every error reason a client can receive, for client teams. Each GraphQL error
 * carries `extensions.code` (the kind: BAD_USER_INPUT, FORBIDDEN, NOT_FOUND, CONFLICT, ...) and
 * `extensions.reason` (stable, specific). Read from the source itself (no list to keep in step):
 * every call of the shared error factories (`badInput`, `conflict`, `forbidden`, `notFound`,
 * `unauthenticated` (its standard messages from TOKEN_MESSAGES), `new DomainError(kind, reason, ...)`)
 * with a literal reason, with its message,
 * the aggregate (folder) and the functions that raise it. An aggregate's reasons live in its
 * `<aggregate>.errors.ts` (`export const gridErrors = { codeTaken: (code) => conflict(...) }`,
 * thrown as `errors.codeTaken(...)` by importing `gridErrors as errors`): a factory there counts
 * where it is used, i.e. the operations calling it, not where it is defined. Kept current by
 * test/errors-doc.test.ts; regenerate with `npm run errors:doc`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import { TOKEN_MESSAGES, TokenProblem } from '../../shared/src/errors';

export const REPO_ROOT = path.resolve(__dirname, '../..');
export const ERRORS_DOC_PATH = path.join(REPO_ROOT, 'docs/errors.md');

const KIND_OF: Record<string, string> = { badInput: 'BAD_USER_INPUT', conflict: 'CONFLICT', forbidden: 'FORBIDDEN' };

export interface ErrorSite {
  part: string;
  aggregate: string;
  file: string;
  reason: string;
  kind: string;
  message: string;
  where: string;
}

function walk(dir: string, out: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (['node_modules', 'dist', 'data', 'testing', 'migrations', 'bench'].includes(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') && !entry.name.endsWith('.d.ts')) out.push(full);
  }
  return out;
}

/** A literal's text; a template keeps its placeholders as `{…}`. */
function text(node: ts.Expression | undefined): string | undefined {
  if (!node) return undefined;
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) return node.head.text + node.templateSpans.map((s) => `{${s.expression.getText()}}` + s.literal.text).join('');
  return undefined;
}

/**
 * Options that hand a refusal to a shared mechanism (`idempotentCreate(..., { onUniqueViolation: () => conflict(...) })`,
 * `citeResolution(..., { refusal: errors.boardApprovalRequired })`): not a place; the operation around them is.
 */
const TOOLKIT_OPTIONS = new Set(['onUniqueViolation', 'refusal']);

/** The name of the method, function or property the call sits in ("where it is raised"). */
function enclosingName(node: ts.Node): string {
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
    if (ts.isPropertyAssignment(n) && TOOLKIT_OPTIONS.has(n.name.getText())) continue;
    if ((ts.isMethodDeclaration(n) || ts.isFunctionDeclaration(n) || ts.isPropertyAssignment(n) || ts.isPropertyDeclaration(n)) && n.name) return n.name.getText();
    if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name)) return n.name.text;
  }
  return '(module)';
}

const isErrorsFile = (file: string) => file.endsWith('.errors.ts');

/** In an `<aggregate>.errors.ts`, the factory (`file#key` of the exported catalogue's property) a node sits in. */
function factoryOf(node: ts.Node, file: string): string | undefined {
  for (let n: ts.Node | undefined = node; n?.parent; n = n.parent) {
    if (ts.isPropertyAssignment(n) && ts.isObjectLiteralExpression(n.parent) && ts.isVariableDeclaration(n.parent.parent)) return `${file}#${n.name.getText()}`;
  }
  return undefined;
}

/** Uses of the catalogues' factories (`errors.codeTaken`, whatever name the import gives it): `file#key` -> the places. */
function factoryUses(files: { file: string; source: ts.SourceFile; aggregate: string }[]): Map<string, { aggregate: string; where: string }[]> {
  const uses = new Map<string, { aggregate: string; where: string }[]>();
  for (const { file, source, aggregate } of files) {
    const catalogues = new Map<string, string>(); // local name -> errors file
    for (const statement of source.statements) {
      if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier) || !statement.moduleSpecifier.text.endsWith('.errors')) continue;
      const target = path.resolve(path.dirname(file), statement.moduleSpecifier.text) + '.ts';
      const named = statement.importClause?.namedBindings;
      if (named && ts.isNamedImports(named)) for (const el of named.elements) catalogues.set(el.name.text, target);
    }
    if (!catalogues.size) continue;
    const visit = (node: ts.Node): void => {
      if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression) && catalogues.has(node.expression.text)) {
        const id = `${catalogues.get(node.expression.text)}#${node.name.text}`;
        uses.set(id, [...(uses.get(id) ?? []), { aggregate, where: enclosingName(node) }]);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return uses;
}

/** A call that builds a reason other than through notFound/unauthenticated's standard message, and whether the reason is a literal. */
function buildsReason(node: ts.Node): { literal: boolean } | undefined {
  if (ts.isCallExpression(node) && ts.isIdentifier(node.expression)) {
    const fn = node.expression.text;
    if (KIND_OF[fn]) return { literal: !!text(node.arguments[0]) };
    if (fn === 'unauthenticated' && node.arguments.length >= 2) return { literal: !!text(node.arguments[0]) };
  } else if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'DomainError') {
    return { literal: !!text(node.arguments?.[1]) };
  }
  return undefined;
}

export interface CollectedSites {
  sites: ErrorSite[];
  /** Factories of the `*.errors.ts` catalogues that nothing uses (a reason no client can receive). */
  unusedFactories: string[];
  /** Reasons built where they are thrown instead of in a catalogue, or computed (`file: REASON`). */
  inlineReasons: string[];
}

/** Where the factories themselves are defined: the one place besides the catalogues that builds a DomainError. */
const FACTORIES_FILE = path.join('shared', 'src', 'errors.ts');

export function collectErrorSites(): CollectedSites {
  const roots = ['shared/src', 'gateway/src', ...fs.readdirSync(path.join(REPO_ROOT, 'subgraphs')).map((s) => `subgraphs/${s}/src`)];
  const sites: ErrorSite[] = [];
  const unusedFactories: string[] = [];
  const inlineReasons: string[] = [];
  for (const root of roots) {
    const part = root.split('/').length === 3 ? root.split('/')[1] : root.split('/')[0];
    const files = walk(path.join(REPO_ROOT, root)).map((file) => {
      const inRoot = path.relative(path.join(REPO_ROOT, root), file).split(path.sep);
      return { file, source: ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true), aggregate: inRoot.length > 1 ? inRoot[0] : '(root)' };
    });
    const uses = factoryUses(files);
    for (const { file, source, aggregate } of files) {
      const rel = path.relative(REPO_ROOT, file);
      const visit = (node: ts.Node): void => {
        let site: Omit<ErrorSite, 'part' | 'aggregate' | 'file' | 'where'> | undefined;
        if (ts.isCallExpression(node) && ts.isIdentifier(node.expression)) {
          const fn = node.expression.text;
          const [a, b] = node.arguments;
          if (KIND_OF[fn] && text(a)) site = { kind: KIND_OF[fn], reason: text(a)!, message: text(b) ?? '(computed)' };
          else if (fn === 'notFound' && text(a)) site = { kind: 'NOT_FOUND', reason: `${text(a)!.toUpperCase()}_NOT_FOUND`, message: `${text(a)} {id} was not found` };
          else if (fn === 'unauthenticated' && (!a || text(a))) {
            const reason = (a ? text(a) : 'MISSING_TOKEN') as TokenProblem;
            site = { kind: 'UNAUTHENTICATED', reason, message: b ? (text(b) ?? '(computed)') : TOKEN_MESSAGES[reason] };
          }
        } else if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'DomainError') {
          const [k, r, m] = node.arguments ?? [];
          if (text(k) && text(r)) site = { kind: text(k)!, reason: text(r)!, message: text(m) ?? '(computed)' };
        }
        const factory = site && isErrorsFile(file) ? factoryOf(node, file) : undefined;
        if (site && factory) {
          // A catalogue's factory: raised where the operations call it.
          const places = uses.get(factory) ?? [];
          if (!places.length) unusedFactories.push(`${rel}: ${factory.split('#')[1]}`);
          for (const use of places) sites.push({ ...site, part, aggregate: use.aggregate, file: rel, where: use.where });
        } else if (site) sites.push({ ...site, part, aggregate, file: rel, where: enclosingName(node) });
        // Every reason is a literal in a catalogue: one built at its throw site (literal or not), or a
        // computed one anywhere (the doc cannot list it), is refused. `notFound('Type', id)` and
        // `unauthenticated(reason)` with its standard message are the shared factories themselves.
        const built = buildsReason(node);
        if (built && rel !== FACTORIES_FILE) {
          if (!built.literal) inlineReasons.push(`${rel}: (a computed reason)`);
          else if (!isErrorsFile(file)) inlineReasons.push(`${rel}: ${site?.reason}`);
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
  }
  return { sites, unusedFactories, inlineReasons };
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\s+/g, ' ');

export function buildErrorsDoc({ sites, unusedFactories, inlineReasons } = collectErrorSites()): {
  markdown: string;
  reasons: number;
  sites: number;
  kindClashes: string[];
  unusedFactories: string[];
  inlineReasons: string[];
} {
  const byReason = new Map<string, ErrorSite[]>();
  for (const s of sites) byReason.set(s.reason, [...(byReason.get(s.reason) ?? []), s]);
  const kindClashes = [...byReason]
    .filter(([, list]) => new Set(list.map((s) => s.kind)).size > 1)
    .map(([reason, list]) => `${reason}: ${[...new Set(list.map((s) => s.kind))].join(' / ')}`);
  const lines = [
    '# Error reasons',
    '',
    '<!-- Generated by `npm run errors:doc` from the source (test/support/errors-doc.ts); test/errors-doc.test.ts keeps it current. -->',
    '',
    'Every error the graph returns has `extensions.code`, the kind a client switches on, and, for a',
    'domain rule, `extensions.reason`, a stable name for the exact rule. Codes: `BAD_USER_INPUT`',
    '(fix the input), `FORBIDDEN` (the viewer may not), `NOT_FOUND` (no such object, or not visible to',
    'the viewer: the two are indistinguishable on purpose), `CONFLICT` (the current state refuses it:',
    're-read and retry, e.g. `STALE_VERSION`), `UNAUTHENTICATED` (HTTP 401: sign in again),',
    '`LIMIT_EXCEEDED` and `UNAVAILABLE` (retryable). Messages are for people and may change; reasons',
    'do not. `{…}` marks a value filled in at run time.',
    '',
    `${byReason.size} reasons raised at ${sites.length} places.`,
    '',
  ];
  const parts = [...new Set(sites.map((s) => s.part))].sort();
  for (const part of parts) {
    lines.push(`## ${part}`, '', '| reason | code | message | raised in |', '|---|---|---|---|');
    const mine = [...byReason].filter(([, list]) => list.some((s) => s.part === part)).sort(([a], [b]) => a.localeCompare(b));
    for (const [reason, list] of mine) {
      const here = list.filter((s) => s.part === part);
      const messages = [...new Set(here.map((s) => s.message))];
      const where = [...new Set(here.map((s) => `${s.aggregate}: ${s.where}`))].sort();
      lines.push(
        `| \`${reason}\` | ${[...new Set(here.map((s) => s.kind))].join(', ')} | ${cell(messages.slice(0, 3).join(' / '))}${messages.length > 3 ? ` (+${messages.length - 3} more)` : ''} | ${cell(where.join(', '))} |`,
      );
    }
    lines.push('');
  }
  return { markdown: lines.join('\n'), reasons: byReason.size, sites: sites.length, kindClashes, unusedFactories, inlineReasons };
}

if (require.main === module) {
  const doc = buildErrorsDoc();
  fs.writeFileSync(ERRORS_DOC_PATH, doc.markdown);
  console.log(
    `docs/errors.md: ${doc.reasons} reasons at ${doc.sites} places${doc.kindClashes.length ? `; one reason under two codes: ${doc.kindClashes.join('; ')}` : ''}${doc.unusedFactories.length ? `; unused factories: ${doc.unusedFactories.join(', ')}` : ''}${doc.inlineReasons.length ? `; built inline, not in a catalogue: ${doc.inlineReasons.join(', ')}` : ''}`,
  );
}
