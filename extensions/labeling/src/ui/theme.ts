/** Colours and shared styles of our UI, matched to OHIF's dark viewer. */
export const colors = {
  text: '#d8e1ef',
  muted: '#8a97ad',
  surface: '#0b1a2e',
  surfaceRaised: '#12243d',
  border: '#2b4363',
  accent: '#5acbfa',
  warning: '#f0c674',
  error: '#ff8a80',
  ok: '#5acf7a',
  focus: '#5acbfa',
} as const;

export const kbdStyle = {
  display: 'inline-block',
  minWidth: 16,
  padding: '0 4px',
  border: `1px solid ${colors.border}`,
  borderRadius: 3,
  fontSize: 11,
  lineHeight: '16px',
  textAlign: 'center',
  color: colors.muted,
  fontFamily: 'inherit',
} as const;

export const buttonStyle = {
  background: colors.surfaceRaised,
  color: colors.text,
  border: `1px solid ${colors.border}`,
  borderRadius: 4,
  padding: '3px 8px',
  fontSize: 12,
  cursor: 'pointer',
} as const;

export const primaryButtonStyle = { ...buttonStyle, background: '#1c5c8a', borderColor: colors.accent } as const;
