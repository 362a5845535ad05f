import { getHostRegistry, type HostRegistry } from './hostRegistry.js';

const shown = new WeakMap<HostRegistry, Set<string>>();

/**
 * Tells the user, through the host's own notifications, that the server refused them something
 * and why (its message names the rule: "this study is not part of a project you are a member
 * of"). The host may replace the page with a generic "not available" one; the notification stays.
 * Each distinct message is shown once per page.
 */
export function showAccessDenied(message: string, registry: HostRegistry = getHostRegistry()): void {
  const service = registry.notifications;
  if (!service) return;
  const seen = shown.get(registry) ?? new Set<string>();
  shown.set(registry, seen);
  if (seen.has(message)) return;
  seen.add(message);
  service.show({ title: 'ReadingRoom: access denied', message, type: 'error', duration: 20_000 });
}
