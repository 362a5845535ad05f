export interface NotificationService {
  show(notification: Record<string, unknown>): unknown;
  setServiceImplementation?: (implementation: { show?: unknown }) => unknown;
}

/**
 * Shows a notification through OHIF's own notification service. Extensions register before
 * OHIF mounts its UI, and until the UI registers the service's implementation a notification
 * is dropped; so if the viewer has not rendered yet we show it when the implementation arrives.
 */
export function showWhenNotificationsReady(
  service: NotificationService | undefined,
  notification: Record<string, unknown>,
  viewerHasRendered: () => boolean,
): void {
  if (!service) return;
  const setImplementation = service.setServiceImplementation;
  if (viewerHasRendered() || typeof setImplementation !== 'function') {
    service.show(notification);
    return;
  }
  service.setServiceImplementation = function (this: NotificationService, implementation) {
    const result = setImplementation.call(this, implementation);
    if (implementation?.show) {
      service.setServiceImplementation = setImplementation;
      service.show(notification);
    }
    return result;
  };
}
