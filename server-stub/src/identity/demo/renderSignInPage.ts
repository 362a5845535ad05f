import { escapeHtml } from './createDemoProvider.js';
import { DEMO_PASSWORD, DEMO_USERS } from './demoUsers.js';

/** The demo provider's sign-in form, listing its demo users (they are public). */
export function renderSignInPage(options: { action: string; problem?: string; username?: string }): string {
  const rows = DEMO_USERS.map(u => `<tr><td><code>${escapeHtml(u.username)}</code></td><td>${escapeHtml(u.displayName)}</td><td>${u.roles.join(', ')}</td></tr>`).join('');
  const problem = options.problem ? `<p role="alert" class="problem">${escapeHtml(options.problem)}</p>` : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sign in · ReadingRoom demo</title>
<style>
body{font:16px system-ui,sans-serif;background:#0b1220;color:#e6e9ef;display:flex;justify-content:center;padding:3rem 1rem}
main{max-width:34rem;width:100%}h1{font-size:1.4rem}label{display:block;margin:.8rem 0 .2rem}
input{width:100%;padding:.5rem;font-size:1rem;border-radius:4px;border:1px solid #566;background:#111a2c;color:inherit}
button{margin-top:1rem;padding:.6rem 1.4rem;font-size:1rem;border:0;border-radius:4px;background:#3b82f6;color:#fff;cursor:pointer}
.problem{background:#5b1d1d;padding:.6rem;border-radius:4px}table{border-collapse:collapse;margin-top:.5rem;font-size:.9rem}
td,th{padding:.2rem .6rem;text-align:left;border-bottom:1px solid #334}.note{color:#9aa4b5;font-size:.9rem}
</style></head>
<body><main>
<h1>Sign in to ReadingRoom</h1>
<p class="note">Demo identity provider. For a real site, point ReadingRoom at your own provider (docs/identity.md).</p>
${problem}
<form method="post" action="${escapeHtml(options.action)}" autocomplete="off">
<label for="username">Username</label><input id="username" name="username" required autofocus value="${escapeHtml(options.username ?? '')}">
<label for="password">Password</label><input id="password" name="password" type="password" required>
<button type="submit">Sign in</button>
</form>
<h2 style="font-size:1.1rem;margin-top:2rem">Demo users</h2>
<p class="note">Every demo user's password is <code>${escapeHtml(DEMO_PASSWORD)}</code>. All names are invented.</p>
<table><thead><tr><th>Username</th><th>Name</th><th>Role</th></tr></thead><tbody>${rows}</tbody></table>
</main></body></html>`;
}
