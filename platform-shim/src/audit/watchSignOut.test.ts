import { isSignOutPath, watchSignOut } from './watchSignOut';

describe('watchSignOut', () => {
  afterEach(() => window.history.pushState({}, '', '/'));

  it("reports once when the page is left at OHIF's /logout route, not when it is left elsewhere", () => {
    const reports: number[] = [];
    const stop = watchSignOut({ onSignOut: () => reports.push(1) });
    window.history.pushState({}, '', '/labeling?StudyInstanceUIDs=1.2.3');
    window.dispatchEvent(new Event('pagehide'));
    expect(reports).toEqual([]);
    window.history.pushState({}, '', '/logout?redirect_uri=%2Flabeling');
    window.dispatchEvent(new Event('pagehide'));
    window.dispatchEvent(new Event('pagehide'));
    expect(reports).toEqual([1]);
    stop();
  });

  it('reports as the viewer navigates to /logout (Navigation API), before the page is left, and only once', () => {
    const reports: number[] = [];
    const navigation = new EventTarget();
    const navigate = (url: string) => navigation.dispatchEvent(Object.assign(new Event('navigate'), { destination: { url } }));
    const stop = watchSignOut({ onSignOut: () => reports.push(1), navigation: navigation as never });
    navigate('http://localhost/labeling?StudyInstanceUIDs=1.2.3');
    expect(reports).toEqual([]);
    navigate('http://localhost/logout?redirect_uri=%2F');
    expect(reports).toEqual([1]);
    window.history.pushState({}, '', '/logout');
    window.dispatchEvent(new Event('pagehide'));
    expect(reports).toEqual([1]);
    stop();
  });

  it('stops watching when told to', () => {
    const reports: number[] = [];
    watchSignOut({ onSignOut: () => reports.push(1) })();
    window.history.pushState({}, '', '/logout');
    window.dispatchEvent(new Event('pagehide'));
    expect(reports).toEqual([]);
  });

  it.each([
    ['/logout', true],
    ['/viewer/logout/', true],
    ['/logout-help', false],
    ['/labeling', false],
  ])('%s is the sign-out route: %s', (path, expected) => expect(isSignOutPath(path)).toBe(expected));
});
