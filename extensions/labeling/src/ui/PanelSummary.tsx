import type { HTMLAttributes } from 'react';
import { onActivationKey } from './activationKeys';

/** The <summary> of a <details> in our panels: Enter and Space open and close it inside OHIF too (see onActivationKey). */
export function PanelSummary(props: Omit<HTMLAttributes<HTMLElement>, 'onKeyDown'>) {
  return (
    <summary
      {...props}
      onKeyDown={onActivationKey(event => {
        const details = event.currentTarget.parentElement;
        if (details instanceof HTMLDetailsElement) details.open = !details.open;
      })}
    />
  );
}
