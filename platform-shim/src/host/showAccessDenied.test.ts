import { getHostRegistry } from './hostRegistry';
import { showAccessDenied } from './showAccessDenied';

describe('showAccessDenied', () => {
  it("shows the server's reason as a host error notification, each message once", () => {
    const registry = getHostRegistry({});
    const shown: Array<Record<string, unknown>> = [];
    registry.notifications = { show: notification => shown.push(notification) };
    showAccessDenied('this study is not part of a project you are a member of', registry);
    showAccessDenied('this study is not part of a project you are a member of', registry);
    showAccessDenied('auditors see no images without break-glass', registry);
    expect(shown.map(n => [n.type, n.message])).toEqual([
      ['error', 'this study is not part of a project you are a member of'],
      ['error', 'auditors see no images without break-glass'],
    ]);
  });
});
