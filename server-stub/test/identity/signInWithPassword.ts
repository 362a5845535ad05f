import { createHash, randomBytes } from 'node:crypto';

export interface SignInOptions {
  issuer: string;
  clientId: string;
  /** The viewer's callback, as registered with the provider. */
  redirectUri: string;
  scope: string;
  username: string;
  password: string;
}

export interface Tokens {
  access_token: string;
  refresh_token?: string;
  id_token?: string;
  expires_in: number;
}

/**
 * Signs in through the provider's real pages, as a browser would: authorization request with
 * PKCE (S256), the sign-in form, the redirect back with a code, the token request. Cookies are
 * kept between the steps; nothing of the provider is bypassed.
 */
export async function signInWithPassword(options: SignInOptions): Promise<Tokens> {
  const discovery = (await (await fetch(`${options.issuer}/.well-known/openid-configuration`)).json()) as { authorization_endpoint: string; token_endpoint: string };
  const verifier = randomBytes(32).toString('base64url');
  const state = randomBytes(16).toString('base64url');
  const authorize = new URL(discovery.authorization_endpoint);
  authorize.search = new URLSearchParams({
    client_id: options.clientId,
    redirect_uri: options.redirectUri,
    response_type: 'code',
    scope: options.scope,
    state,
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  }).toString();

  const browser = createCookieBrowser();
  let location = await browser.followUntil(authorize.href, url => url.includes('/interaction/'));
  const form = await browser.get(location);
  const action = /action="([^"]+)"/.exec(await form.text())?.[1];
  if (!action) throw new Error('the sign-in page has no form');
  const posted = await browser.request(new URL(action.replace(/&amp;/g, '&'), location).href, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ username: options.username, password: options.password }).toString(),
  });
  if (posted.status !== 303) throw new Error(`sign-in refused (${posted.status})`);
  location = await browser.followUntil(new URL(posted.headers.get('location')!, location).href, url => url.startsWith(options.redirectUri));
  const callback = new URL(location);
  if (callback.searchParams.get('state') !== state) throw new Error(`callback without the state: ${callback.search}`);
  const code = callback.searchParams.get('code');
  if (!code) throw new Error(`no code in the callback: ${callback.searchParams.get('error_description') ?? callback.search}`);

  const token = await fetch(discovery.token_endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: options.redirectUri, client_id: options.clientId, code_verifier: verifier }).toString(),
  });
  if (!token.ok) throw new Error(`token request failed: ${token.status} ${await token.text()}`);
  return (await token.json()) as Tokens;
}

function createCookieBrowser() {
  const cookies = new Map<string, string>();
  const request = async (url: string, init: RequestInit = {}) => {
    const response = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair!.indexOf('=');
      cookies.set(pair!.slice(0, at).trim(), pair!.slice(at + 1));
    }
    return response;
  };
  return {
    request,
    get: (url: string) => request(url),
    /** Follows redirects until one points where `stop` says; answers that URL. */
    async followUntil(start: string, stop: (url: string) => boolean): Promise<string> {
      let url = start;
      for (let hops = 0; hops < 10; hops++) {
        if (stop(url)) return url;
        const response = await request(url);
        const next = response.headers.get('location');
        if (!next) throw new Error(`stopped at ${new URL(url).pathname}${new URL(url).search} with ${response.status}: ${(await response.text()).slice(0, 300)}`);
        url = new URL(next, url).href;
      }
      throw new Error('too many redirects');
    },
  };
}
