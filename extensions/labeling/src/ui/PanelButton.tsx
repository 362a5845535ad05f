import type { ButtonHTMLAttributes, KeyboardEvent, MouseEvent } from 'react';
import { onActivationKey } from './activationKeys';

export interface PanelButtonProps extends Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'onClick' | 'onKeyDown' | 'type'> {
  /** Runs on a click, or on Enter or Space while the button has focus (once per key press). */
  onActivate(event: MouseEvent<HTMLButtonElement> | KeyboardEvent<HTMLButtonElement>): void;
}

/** A button of our panels and dialogs that Enter and Space run inside OHIF (see onActivationKey). */
export function PanelButton({ onActivate, disabled, ...props }: PanelButtonProps) {
  return <button {...props} type="button" disabled={disabled} onClick={onActivate} onKeyDown={onActivationKey(onActivate, disabled)} />;
}
