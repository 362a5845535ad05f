import { LABELING_SHORTCUTS, describeShortcut, matchShortcut } from './labelingKeymap';

const key = (k: string, mods: Partial<KeyboardEvent> = {}) => ({ key: k, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...mods });

// OHIF's default hotkeys (core/src/defaults/hotkeyBindings.ts) that a plain letter must not shadow.
const OHIF_KEYS = ['z', '+', '-', '=', 'r', 'l', 'h', 'v', 'c', 'i', '.', ',', 'n', ']', '[', 'e', 'b', 'a', '1', '2', '3', '4'];

describe('labeling keymap', () => {
  it('maps keys to commands, case-insensitively, with exact modifiers', () => {
    expect(matchShortcut(key('D'))?.command).toEqual({ kind: 'tool', geometry: 'length' });
    expect(matchShortcut(key('z', { ctrlKey: true }))?.command).toEqual({ kind: 'undoDelete' });
    expect(matchShortcut(key('z', { metaKey: true }))?.command).toEqual({ kind: 'undoDelete' });
    expect(matchShortcut(key('d', { ctrlKey: true }))).toBeUndefined();
    expect(matchShortcut(key('Enter'))).toBeUndefined();
  });

  it("keeps OHIF's own hotkeys working", () => {
    const plain = LABELING_SHORTCUTS.filter(s => !s.ctrl && !s.alt && !s.shift).map(s => s.key);
    expect(plain.filter(k => OHIF_KEYS.includes(k))).toEqual([]);
  });

  it('has one command per key', () => {
    const keys = LABELING_SHORTCUTS.map(describeShortcut);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toContain('Ctrl+Enter');
  });
});
