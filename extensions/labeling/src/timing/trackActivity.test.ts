import type { ActiveTimer } from './createActiveTimer';
import { trackActivity } from './trackActivity';

function fakeTimer() {
  const calls: string[] = [];
  const timer = {
    input: () => void calls.push('input'),
    setFocused: (focused: boolean) => void calls.push(focused ? 'focus' : 'blur'),
  } as unknown as ActiveTimer;
  return { timer, calls };
}

describe('trackActivity', () => {
  it('pauses on blur and resumes on focus', () => {
    const { timer, calls } = fakeTimer();
    const stop = trackActivity(timer);
    calls.length = 0;
    window.dispatchEvent(new Event('blur'));
    window.dispatchEvent(new Event('focus'));
    stop();
    expect(calls).toEqual(['blur', 'focus']);
  });

  it('counts keys, clicks and the wheel as input; a key or click also means the window has focus', () => {
    const { timer, calls } = fakeTimer();
    const stop = trackActivity(timer);
    calls.length = 0;
    document.body.dispatchEvent(new Event('wheel', { bubbles: true }));
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'd', bubbles: true }));
    stop();
    expect(calls).toEqual(['input', 'focus', 'input']);
  });

  it('samples pointer moves rather than counting each one', () => {
    const { timer, calls } = fakeTimer();
    const stop = trackActivity(timer);
    calls.length = 0;
    for (let i = 0; i < 20; i++) document.body.dispatchEvent(new Event('pointermove', { bubbles: true }));
    stop();
    expect(calls).toEqual(['input']);
  });

  it('stops listening when stopped', () => {
    const { timer, calls } = fakeTimer();
    trackActivity(timer)();
    calls.length = 0;
    window.dispatchEvent(new Event('blur'));
    document.body.dispatchEvent(new Event('wheel', { bubbles: true }));
    expect(calls).toEqual([]);
  });
});
