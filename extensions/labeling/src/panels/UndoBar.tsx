import { useEffect, useState } from 'react';
import type { LabelSnapshot } from '@readingroom/platform-shim';
import { PanelButton } from '../ui/PanelButton';
import { buttonStyle, colors, kbdStyle } from '../ui/theme';

/** "Deleted Nodule · Undo (Ctrl+Z)" for as long as the deletion can be undone. */
export function UndoBar({ undo, title, onUndo, onExpired }: { undo: { snapshot: LabelSnapshot; until: number } | undefined; title: string; onUndo: () => void; onExpired: () => void }) {
  const [, tick] = useState(0);
  useEffect(() => {
    if (!undo) return undefined;
    const timer = setTimeout(onExpired, Math.max(0, undo.until - Date.now()));
    const seconds = setInterval(() => tick(n => n + 1), 1000);
    return () => {
      clearTimeout(timer);
      clearInterval(seconds);
    };
  }, [undo, onExpired]);
  if (!undo) return null;
  const left = Math.max(0, Math.ceil((undo.until - Date.now()) / 1000));
  return (
    <div role="status" data-testid="rr-undo-bar" style={{ display: 'flex', alignItems: 'center', gap: 8, margin: '6px 0', padding: '4px 6px', borderRadius: 4, background: colors.surfaceRaised }}>
      <span style={{ flex: 1 }}>Deleted {title}</span>
      <PanelButton onActivate={onUndo} style={buttonStyle} data-testid="rr-undo">
        Undo <kbd style={kbdStyle}>Ctrl+Z</kbd> <span style={{ color: colors.muted }}>{left}s</span>
      </PanelButton>
    </div>
  );
}
