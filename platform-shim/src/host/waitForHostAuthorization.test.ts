import { captureHostAuthorization, waitForHostAuthorization } from './waitForHostAuthorization';
import { getHostRegistry } from './hostRegistry';

function freshRegistry() {
  return getHostRegistry({});
}

describe('waitForHostAuthorization', () => {
  it('sends no header when the host does not sign users in', async () => {
    const registry = freshRegistry();
    captureHostAuthorization({ appConfig: {} }, registry);
    await expect(waitForHostAuthorization({ registry })).resolves.toBeUndefined();
  });

  it("answers the host's current Authorization header on every call (a renewed token is used at once)", async () => {
    const registry = freshRegistry();
    let token = 'first';
    captureHostAuthorization({ appConfig: { oidc: [{}] }, servicesManager: { services: { userAuthenticationService: { getAuthorizationHeader: () => ({ Authorization: `Bearer ${token}` }) } } } }, registry);
    await expect(waitForHostAuthorization({ registry })).resolves.toEqual({ Authorization: 'Bearer first' });
    token = 'renewed';
    await expect(waitForHostAuthorization({ registry })).resolves.toEqual({ Authorization: 'Bearer renewed' });
  });

  it('waits while the host is still signing the user in, then uses their token', async () => {
    const registry = freshRegistry();
    let user: string | undefined;
    captureHostAuthorization({ appConfig: { oidc: [{}] }, servicesManager: { services: { userAuthenticationService: { getAuthorizationHeader: () => (user ? { Authorization: `Bearer ${user}` } : undefined) } } } }, registry);
    let sleeps = 0;
    const sleep = async () => {
      sleeps++;
      if (sleeps === 3) user = 'signed-in';
    };
    await expect(waitForHostAuthorization({ registry, sleep, pollMs: 10 })).resolves.toEqual({ Authorization: 'Bearer signed-in' });
    expect(sleeps).toBe(3);
  });

  it('stops waiting after maxWaitMs and sends without a token (the server then says 401)', async () => {
    const registry = freshRegistry();
    captureHostAuthorization({ appConfig: { oidc: [{}] }, servicesManager: { services: { userAuthenticationService: { getAuthorizationHeader: () => undefined } } } }, registry);
    await expect(waitForHostAuthorization({ registry, sleep: async () => undefined, pollMs: 10, maxWaitMs: 50 })).resolves.toBeUndefined();
  });
});
