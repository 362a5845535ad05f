import { showWhenNotificationsReady, type NotificationService } from './showWhenNotificationsReady';

/** Mimics OHIF's UINotificationService: show() is a no-op until the UI registers its implementation. */
function notificationService() {
  const shown: unknown[] = [];
  let implementation: ((n: unknown) => void) | undefined;
  const service: NotificationService = {
    show: n => implementation?.(n),
    setServiceImplementation({ show }) {
      if (show) implementation = show as (n: unknown) => void;
    },
  };
  return { service, shown, mountUi: () => service.setServiceImplementation!({ show: (n: unknown) => shown.push(n) }) };
}

describe('showWhenNotificationsReady', () => {
  it('waits for the viewer UI to register its notifications, then shows once', () => {
    const { service, shown, mountUi } = notificationService();
    showWhenNotificationsReady(service, { message: 'broken' }, () => false);
    expect(shown).toEqual([]);
    mountUi();
    expect(shown).toEqual([{ message: 'broken' }]);
    mountUi();
    service.show({ message: 'later' });
    expect(shown).toEqual([{ message: 'broken' }, { message: 'later' }]);
  });

  it('shows at once when the viewer has already rendered', () => {
    const { service, shown, mountUi } = notificationService();
    mountUi();
    showWhenNotificationsReady(service, { message: 'now' }, () => true);
    expect(shown).toEqual([{ message: 'now' }]);
  });
});
