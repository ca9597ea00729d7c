import { layout } from './layout.js'

/*
 * Until the Settings UI arrives, these two forms are the whole browser surface: they post JSON
 * to the API and show its own error messages. Tokens come from the page's URL and are sent in
 * request bodies only.
 */
const SUBMIT = `
async function post(path, body) {
  const headers = { 'content-type': 'application/json' };
  const csrf = document.cookie.split('; ').find((c) => c.startsWith('gatehouse_csrf='));
  if (csrf) headers['x-csrf-token'] = decodeURIComponent(csrf.slice('gatehouse_csrf='.length));
  const res = await fetch(path, { method: 'POST', headers, body: JSON.stringify(body) });
  const data = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(data.error ? data.error.message : 'Request failed (' + res.status + ')');
  return data;
}
function wire(form, run) {
  const status = document.getElementById('status');
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const button = form.querySelector('button');
    button.disabled = true; status.className = 'muted'; status.textContent = 'Working…';
    try { status.className = 'ok'; status.textContent = await run(new FormData(form)); }
    catch (err) { status.className = 'error'; status.textContent = err.message; }
    finally { button.disabled = false; }
  });
}`

export function renderSetupPage(nonce: string): string {
  return layout(
    nonce,
    'Set up',
    `<h1>Set up Gatehouse</h1>
<p class="muted">Create the first organization and its owner. This link works once.</p>
<form id="setup">
<label for="org">Organization name</label><input id="org" name="org_name" required maxlength="256">
<label for="plan">Plan</label><select id="plan" name="plan"><option value="enterprise">Enterprise</option><option value="pro">Pro</option><option value="starter">Starter</option></select>
<label for="email">Your email</label><input id="email" name="email" type="email" required autocomplete="email">
<label for="password">Password (8 characters or more)</label><input id="password" name="password" type="password" required minlength="8" maxlength="1024" autocomplete="new-password">
<button type="submit">Create organization</button>
<p id="status" role="status" aria-live="polite"></p>
</form>`,
    `${SUBMIT}
const token = new URLSearchParams(location.search).get('token') || '';
history.replaceState(null, '', '/setup');
wire(document.getElementById('setup'), async (f) => {
  await post('/auth/setup', { token, org_name: f.get('org_name'), plan: f.get('plan'), email: f.get('email'), password: f.get('password') });
  return 'Done: your organization exists and you are logged in. Next: create an API key with POST /v1/api_key (see /docs).';
});`,
  )
}

export function renderInvitePage(nonce: string): string {
  return layout(
    nonce,
    'Invitation',
    `<h1>Join an organization</h1>
<p id="about" class="muted">Checking your invitation…</p>
<form id="accept" hidden>
<label for="password">Choose a password (8 characters or more)</label><input id="password" name="password" type="password" minlength="8" maxlength="1024" autocomplete="new-password">
<button type="submit">Accept invitation</button>
<p id="status" role="status" aria-live="polite"></p>
</form>`,
    `${SUBMIT}
const token = location.pathname.split('/').pop();
history.replaceState(null, '', '/invite');
const about = document.getElementById('about');
const form = document.getElementById('accept');
post('/v1/invitation/preview', { token }).then((p) => {
  about.textContent = 'You are invited to ' + p.org_name + ' as ' + p.email + '.' +
    (p.account_exists ? ' Log in as that user first, then accept.' : '');
  if (p.account_exists) document.getElementById('password').parentNode.removeChild(document.getElementById('password').previousElementSibling);
  form.hidden = false;
}, (err) => { about.className = 'error'; about.textContent = err.message; });
wire(form, async (f) => {
  const password = f.get('password');
  await post('/v1/invitation/accept', password ? { token, password } : { token });
  return 'You are a member now. Log in with POST /auth/login.';
});`,
  )
}
