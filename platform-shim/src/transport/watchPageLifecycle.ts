type Listenable = Pick<EventTarget, 'addEventListener' | 'removeEventListener'>;

export interface PageLifecycleTarget {
  document?: Listenable & { visibilityState?: DocumentVisibilityState };
  window?: Listenable;
}

export interface PageLifecycleHandlers {
  /** The tab went to the background (the last moment a browser reliably gives on mobile). */
  hidden(): void;
  /** The page is being unloaded or frozen: only synchronous work is sure to run. */
  exiting(): void;
  /** The network came back. */
  online(): void;
}

/** Calls the handlers on visibilitychange (hidden), pagehide and online; returns the unsubscribe. */
export function watchPageLifecycle(handlers: PageLifecycleHandlers, target: PageLifecycleTarget = { document: globalThis.document, window: globalThis.window }): () => void {
  const onVisibility = () => {
    if (target.document?.visibilityState === 'hidden') handlers.hidden();
  };
  const onPageHide = () => handlers.exiting();
  const onOnline = () => handlers.online();
  target.document?.addEventListener('visibilitychange', onVisibility);
  target.window?.addEventListener('pagehide', onPageHide);
  target.window?.addEventListener('online', onOnline);
  return () => {
    target.document?.removeEventListener('visibilitychange', onVisibility);
    target.window?.removeEventListener('pagehide', onPageHide);
    target.window?.removeEventListener('online', onOnline);
  };
}
