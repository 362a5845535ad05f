import { bindLabelingKeys } from './bindLabelingKeys';
import type { LabelingCommand } from './labelingKeymap';

function setup(result = true) {
  const run = jest.fn((_command: LabelingCommand) => result);
  const stop = bindLabelingKeys(run);
  const onDocument = jest.fn();
  document.addEventListener('keydown', onDocument);
  const press = (target: Element, key: string, init: KeyboardEventInit = {}) =>
    target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init }));
  return { run, onDocument, press, stop: () => (stop(), document.removeEventListener('keydown', onDocument)) };
}

afterEach(() => (document.body.innerHTML = ''));

describe('bindLabelingKeys', () => {
  it('runs a shortcut from the viewer and keeps it from OHIF’s hotkeys', () => {
    const { run, onDocument, press, stop } = setup();
    const viewport = document.body.appendChild(document.createElement('div'));
    expect(press(viewport, 'd')).toBe(false); // default prevented
    expect(run).toHaveBeenCalledWith({ kind: 'tool', geometry: 'length' });
    expect(onDocument).not.toHaveBeenCalled();
    stop();
  });

  it('lets a key through when its command does not apply now (e.g. Ctrl+Z with nothing to undo)', () => {
    const { onDocument, press, stop } = setup(false);
    press(document.body.appendChild(document.createElement('div')), 'z', { ctrlKey: true });
    expect(onDocument).toHaveBeenCalledTimes(1);
    stop();
  });

  const withAttribute = (name: string, value: string) => () => {
    const element = document.createElement('div');
    element.setAttribute(name, value);
    return element;
  };

  it.each([
    ['a text field', () => document.createElement('input')],
    ['the picker dialog', withAttribute('role', 'dialog')],
    ['the labels list', withAttribute('data-rr-keys', 'own')],
  ])('leaves keys typed in %s alone', (_name, make) => {
    const { run, press, stop } = setup();
    const zone = document.body.appendChild(make());
    const target = zone.tagName === 'INPUT' ? zone : zone.appendChild(document.createElement('span'));
    press(target, 'd');
    expect(run).not.toHaveBeenCalled();
    stop();
  });
});
