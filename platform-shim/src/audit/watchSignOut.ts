/**
 * OHIF (3.13, 3.14) signs out by going to its `/logout` route (a client-side navigation), whose
 * page then calls the identity provider's end-session redirect. The viewer reports the sign-out
 * as soon as it sees the way to that route (Navigation API, where the browser has it) or, at the
 * latest, when the page is left while at it, with a keepalive request that outlives the page
 * (the host keeps the signed-in user's token in memory until then).
 */
export function isSignOutPath(pathname: string): boolean {
  return /\/logout\/?$/.test(pathname);
}

/** The part of the Navigation API used: a navigation about to happen, with where it goes. */
interface NavigationLike {
  addEventListener(type: 'navigate', listener: (event: { destination: { url: string } }) => void): void;
  removeEventListener(type: 'navigate', listener: (event: { destination: { url: string } }) => void): void;
}

export interface SignOutWatchOptions {
  /** Called once when the viewer goes to sign out. */
  onSignOut: () => void;
  /** Where pagehide comes from and where the page is; the window by default. */
  page?: Pick<Window, 'addEventListener' | 'removeEventListener'> & { location: Pick<Location, 'pathname'> };
  /** The Navigation API; the window's by default (undefined where the browser has none). */
  navigation?: NavigationLike;
}

/** Watches for the viewer going to sign out; returns the function that stops watching. */
export function watchSignOut(options: SignOutWatchOptions): () => void {
  const page = options.page ?? globalThis.window;
  if (!page) return () => undefined;
  const navigation = options.navigation ?? (globalThis as { navigation?: NavigationLike }).navigation;
  let reported = false;
  const report = (pathname: string) => {
    if (reported || !isSignOutPath(pathname)) return;
    reported = true;
    options.onSignOut();
  };
  const onPageHide = () => report(page.location.pathname);
  const onNavigate = (event: { destination: { url: string } }) => report(new URL(event.destination.url).pathname);
  page.addEventListener('pagehide', onPageHide);
  navigation?.addEventListener('navigate', onNavigate);
  return () => {
    page.removeEventListener('pagehide', onPageHide);
    navigation?.removeEventListener('navigate', onNavigate);
  };
}
