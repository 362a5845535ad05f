import type { DisplayedSeries } from '@readingroom/platform-shim';
import type { DisplaySetService, ViewportGridService } from '../types/ohif';

/** The series OHIF's viewports show now: the display sets of every viewport of the grid. */
export function readDisplayedSeries(grid: Pick<ViewportGridService, 'getState'>, displaySets: Pick<DisplaySetService, 'getDisplaySetByUID'>): DisplayedSeries[] {
  const shown: DisplayedSeries[] = [];
  for (const viewport of grid.getState().viewports.values()) {
    for (const uid of viewport.displaySetInstanceUIDs ?? []) {
      const displaySet = displaySets.getDisplaySetByUID(uid);
      if (displaySet?.StudyInstanceUID && displaySet.SeriesInstanceUID) shown.push({ StudyInstanceUID: displaySet.StudyInstanceUID, SeriesInstanceUID: displaySet.SeriesInstanceUID });
    }
  }
  return shown;
}
