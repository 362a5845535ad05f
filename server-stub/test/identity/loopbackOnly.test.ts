import { loadIdentityConfig } from '../../src/identity/identityConfig.js';
import { buildTestApp } from '../helper.js';

// The development identity (everyone is one user) and the demo provider (public passwords) are
// for this machine only: a server reachable from others must use the site's provider.
describe('identities that trust anyone are refused off loopback', () => {
  it.each(['0.0.0.0', '192.168.1.20', '::', '10.0.0.5'])('IDENTITY=development on HOST=%s', async host => {
    await expect(buildTestApp({ host, identity: loadIdentityConfig({ IDENTITY: 'development' }) })).rejects.toThrow(
      `HOST=${host} is reachable from other machines, and the development identity is allowed only on loopback`,
    );
  });

  it.each(['0.0.0.0', '192.168.1.20'])('IDENTITY=demo (the default of npm start) on HOST=%s', async host => {
    await expect(buildTestApp({ host, identity: loadIdentityConfig({}) })).rejects.toThrow(
      `HOST=${host} is reachable from other machines, and the demo identity provider is allowed only on loopback`,
    );
  });

  it("the site's own provider (IDENTITY=oidc) may serve other machines", async () => {
    const identity = loadIdentityConfig({ IDENTITY: 'oidc', OIDC_ISSUER: 'https://login.example.org/realms/radiology', OIDC_AUDIENCE: 'readingroom-api', OIDC_CLIENT_ID: 'readingroom-viewer' });
    const t = await buildTestApp({ host: '0.0.0.0', identity });
    expect(t.app.identityMode).toBe('oidc');
    await t.close();
  });
});
