import { PanelButton } from '../ui/PanelButton';
import { buttonStyle, kbdStyle } from '../ui/theme';

/** "Classify (K)": opens the picker for a study- or series-level classification. */
export function ClassifyButton({ onClassify }: { onClassify: () => void }) {
  return (
    <PanelButton onActivate={onClassify} style={{ ...buttonStyle, marginLeft: 'auto' }} data-testid="rr-classify">
      Classify <kbd style={kbdStyle}>K</kbd>
    </PanelButton>
  );
}
