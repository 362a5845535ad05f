import * as cornerstone from '@cornerstonejs/core';
import type { ExtensionManager, OhifDisplaySet, ServicesManager } from '../types/ohif';

/** What a labeling session needs to know about the viewports, from OHIF's services. */
export interface ViewerAccess {
  imageIdsOfSeries(SeriesInstanceUID: string): string[];
  /** The active viewport, the display set it shows and its Cornerstone3D viewport. */
  activeViewport(): { viewportId: string; displaySet?: OhifDisplaySet; viewport?: cornerstone.Viewport } | undefined;
  /** Viewport ids that show a series. */
  viewportIdsShowing(SeriesInstanceUID: string): string[];
  /** Brings an image into view: in a viewport showing its series (the active one first), else in the active viewport. */
  showImage(imageId: string, SeriesInstanceUID: string | undefined): Promise<boolean>;
  renderAll(): void;
}

export function createViewerAccess({ servicesManager, extensionManager }: { servicesManager: ServicesManager; extensionManager: ExtensionManager }): ViewerAccess {
  const { displaySetService, viewportGridService, cornerstoneViewportService } = servicesManager.services;

  const displaySetsOfViewport = (viewportId: string) =>
    (viewportGridService.getState().viewports.get(viewportId)?.displaySetInstanceUIDs ?? [])
      .map(uid => displaySetService.getDisplaySetByUID(uid))
      .filter((ds): ds is OhifDisplaySet => Boolean(ds));

  const viewportIdsShowing = (SeriesInstanceUID: string) => {
    const active = viewportGridService.getActiveViewportId();
    const ids = [...viewportGridService.getState().viewports.keys()].filter(id =>
      displaySetsOfViewport(id).some(ds => ds.SeriesInstanceUID === SeriesInstanceUID),
    );
    return ids.sort((a, b) => Number(b === active) - Number(a === active));
  };

  const scrollTo = async (viewportId: string, imageId: string) => {
    const viewport = cornerstoneViewportService.getCornerstoneViewport(viewportId);
    const index = viewport?.getImageIds?.().indexOf(imageId) ?? -1;
    if (!viewport?.setImageIdIndex || index < 0) return false;
    if (viewport.getCurrentImageIdIndex?.() !== index) await viewport.setImageIdIndex(index);
    return true;
  };

  return {
    imageIdsOfSeries(SeriesInstanceUID) {
      const [dataSource] = extensionManager.getActiveDataSource();
      if (!dataSource) return [];
      return displaySetService.getDisplaySetsForSeries(SeriesInstanceUID).flatMap(ds => dataSource.getImageIdsForDisplaySet(ds) ?? []);
    },
    activeViewport() {
      const viewportId = viewportGridService.getActiveViewportId();
      if (!viewportId) return undefined;
      return { viewportId, displaySet: displaySetsOfViewport(viewportId)[0], viewport: cornerstoneViewportService.getCornerstoneViewport(viewportId) };
    },
    viewportIdsShowing,
    async showImage(imageId, SeriesInstanceUID) {
      const showing = SeriesInstanceUID ? viewportIdsShowing(SeriesInstanceUID) : [];
      for (const viewportId of showing) if (await scrollTo(viewportId, imageId)) return true;
      const active = viewportGridService.getActiveViewportId();
      const displaySet = SeriesInstanceUID ? displaySetService.getDisplaySetsForSeries(SeriesInstanceUID)[0] : undefined;
      if (!active || !displaySet) return false;
      // The series is not on screen: put it in the active viewport, then scroll once it is there.
      viewportGridService.setDisplaySetsForViewport({ viewportId: active, displaySetInstanceUIDs: [displaySet.displaySetInstanceUID] });
      for (let attempt = 0; attempt < 20; attempt++) {
        await new Promise(resolve => setTimeout(resolve, 100));
        if (await scrollTo(active, imageId)) return true;
      }
      return false;
    },
    renderAll() {
      cornerstone.getRenderingEngines()?.forEach(engine => engine.render());
    },
  };
}
