import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * The GraphQL IDE (GraphiQL), served by the gateway at /ide from files
 * installed with npm: it works offline, no CDN. A small sign-in form gets a
 * token through the `login` mutation and GraphiQL sends it with every
 * request. Off in production unless IDE_ENABLED=true.
 */
const ASSETS: Record<string, { pkg: string; file: string; type: string }> = {
  'react.js': { pkg: 'react', file: 'umd/react.production.min.js', type: 'text/javascript' },
  'react-dom.js': { pkg: 'react-dom', file: 'umd/react-dom.production.min.js', type: 'text/javascript' },
  'graphiql.js': { pkg: 'graphiql', file: 'graphiql.min.js', type: 'text/javascript' },
  'graphiql.css': { pkg: 'graphiql', file: 'graphiql.min.css', type: 'text/css' },
};
const cache = new Map<string, Buffer>();
const asset = (name: string) => {
  let body = cache.get(name);
  // Through package.json: the UMD files are not in the packages' "exports".
  const { pkg, file } = ASSETS[name];
  if (!body) cache.set(name, (body = readFileSync(join(dirname(require.resolve(`${pkg}/package.json`)), file))));
  return body;
};

const DEMO_ACCOUNTS = ['executive@example.com', 'sysadmin@example.com', 'head.resi@example.com', 'staff.resi@example.com', 'admin.resi@example.com'];

function page(nonce: string, showDemoAccounts: boolean): string {
  const demo = showDemoAccounts
    ? `<p class="demo">Demo accounts (password <code>demo-password</code>): ${DEMO_ACCOUNTS.map((a) => `<a href="#" data-email="${a}">${a}</a>`).join(' · ')}; and head/staff/admin.&lt;segment&gt;@example.com for the other segments.</p>`
    : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Group Graph IDE</title>
<link rel="stylesheet" href="/ide/assets/graphiql.css">
<style nonce="${nonce}">body{margin:0;height:100vh;display:flex;flex-direction:column;font-family:system-ui,sans-serif}
#bar{padding:8px 12px;border-bottom:1px solid #ddd;display:flex;gap:8px;align-items:center;flex-wrap:wrap}
#bar input{padding:4px 6px}#status{color:#555}.demo{margin:0;font-size:12px;color:#555;flex-basis:100%}#graphiql{flex:1;min-height:0}</style>
</head><body>
<form id="bar"><strong>Group Graph</strong>
<input id="email" type="email" placeholder="email" autocomplete="username" required>
<input id="password" type="password" placeholder="password" autocomplete="current-password" required>
<button id="login" type="submit">Sign in</button><span id="status">Not signed in: only <code>login</code> works.</span>${demo}</form>
<div id="graphiql"></div>
<script src="/ide/assets/react.js"></script><script src="/ide/assets/react-dom.js"></script><script src="/ide/assets/graphiql.js"></script>
<script nonce="${nonce}">
let token = sessionStorage.getItem('gg-token');
const status = document.getElementById('status');
const show = (who) => { status.textContent = who ? 'Signed in as ' + who : 'Not signed in: only login works.'; };
show(sessionStorage.getItem('gg-email'));
async function gql(body) {
  const res = await fetch('/graphql', { method: 'POST', headers: Object.assign({ 'content-type': 'application/json' }, token ? { authorization: 'Bearer ' + token } : {}), body: JSON.stringify(body) });
  return res.json();
}
document.querySelectorAll('[data-email]').forEach((a) => a.addEventListener('click', (e) => { e.preventDefault(); document.getElementById('email').value = a.dataset.email; document.getElementById('password').value = 'demo-password'; }));
document.getElementById('bar').addEventListener('submit', async (e) => {
  e.preventDefault();
  const email = document.getElementById('email').value;
  const i = { email, password: document.getElementById('password').value };
  const LOGIN = 'mutation($i: LoginInput!) { login(input: $i) { token } }';
  let r = await gql({ query: LOGIN, variables: { i } });
  // A temporary password (new or reset account) must be replaced at the first sign-in.
  const reason = r.errors && r.errors[0].extensions && r.errors[0].extensions.reason;
  if (reason === 'PASSWORD_CHANGE_REQUIRED') {
    const newPassword = window.prompt('Your password is temporary: choose a new one');
    if (newPassword) r = await gql({ query: LOGIN, variables: { i: { ...i, newPassword } } });
  }
  if (r.data && r.data.login) { token = r.data.login.token; sessionStorage.setItem('gg-token', token); sessionStorage.setItem('gg-email', email); show(email); }
  else status.textContent = 'Sign-in failed: ' + (r.errors ? r.errors[0].message : 'unknown error');
});
ReactDOM.createRoot(document.getElementById('graphiql')).render(React.createElement(GraphiQL, {
  fetcher: (params) => gql(params),
  defaultQuery: '# Sign in above, then run:\\n{\\n  me { email role segments { code name } }\\n  customers(first: 5) { totalCount edges { node { name segment { code } tags { name } } } }\\n}\\n',
}));
</script></body></html>`;
}

/** Serves /ide and its assets; returns false for any other path. */
export function serveIde(req: IncomingMessage, res: ServerResponse, pathname: string, opts: { showDemoAccounts: boolean }): boolean {
  if (req.method !== 'GET') return false;
  if (pathname === '/') {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'x-content-type-options': 'nosniff' });
    res.end('<!doctype html><title>Group Graph</title><p>GraphQL endpoint: <code>POST /graphql</code>. IDE: <a href="/ide">/ide</a>.</p>\n');
    return true;
  }
  if (pathname === '/ide' || pathname === '/ide/') {
    const nonce = randomBytes(16).toString('base64');
    const html = page(nonce, opts.showDemoAccounts);
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': `default-src 'self'; script-src 'self' 'nonce-${nonce}'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; font-src 'self' data:`,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    });
    res.end(html);
    return true;
  }
  const m = /^\/ide\/assets\/([\w.-]+)$/.exec(pathname);
  if (m && ASSETS[m[1]]) {
    res.writeHead(200, { 'content-type': `${ASSETS[m[1]].type}; charset=utf-8`, 'cache-control': 'public, max-age=86400', 'x-content-type-options': 'nosniff' });
    res.end(asset(m[1]));
    return true;
  }
  return false;
}
