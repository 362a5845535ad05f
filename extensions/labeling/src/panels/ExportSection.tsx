import { createApiClient, type ApiClient } from '@readingroom/platform-shim';
import { useCallback, useState } from 'react';
import type { ReadingRoomAppConfig } from '../types/ohif';
import { describeExport, describeImport } from './describeExportResults';
import { ExportSectionView, type ExportStatus, type ExportTask } from './ExportSectionView';
import { registerPanelSection, type PanelSectionProps } from './panelSections';
import { useStoreState } from './useStoreState';

export type ExportApi = Pick<ApiClient, 'exportStudyLabels' | 'importStudyLabels'>;

/**
 * The labels panel's DICOM section: export the case's labels of the active project as SR or
 * SEG (stored by the server, and sent to the site's PACS when it has one), and load them back.
 */
export function createExportSection(api: ExportApi) {
  return function ExportSection({ runtime }: PanelSectionProps) {
    const state = useStoreState(runtime.store.subscribe, runtime.store.getState);
    const [status, setStatus] = useState<ExportStatus>({ state: 'idle' });
    const { studyUid, activeProjectId } = state;
    const unavailable = !studyUid ? 'Open a case to export its labels.' : !activeProjectId ? 'Choose a project to export its labels.' : undefined;

    const run = useCallback(
      async (task: ExportTask) => {
        if (!studyUid || !activeProjectId) return;
        setStatus({ state: 'working', task });
        try {
          if (task.kind === 'export') {
            await runtime.sender.flush();
            setStatus({ state: 'done', lines: describeExport(await api.exportStudyLabels(studyUid, { projectId: activeProjectId, formats: [task.format] })) });
            return;
          }
          // Changes made here reach the server first: the newest copy of a label wins there.
          await runtime.sender.flush();
          const lines = describeImport(await api.importStudyLabels(studyUid, { projectId: activeProjectId }));
          const session = runtime.session.get();
          if (session) await session.commands.reloadLabels();
          else lines.push({ text: 'Reopen the case to see the loaded labels.', tone: 'warning' });
          setStatus({ state: 'done', lines });
        } catch (error) {
          setStatus({ state: 'failed', message: `${task.kind === 'import' ? 'Loading' : 'Export'} failed: ${(error as Error).message}` });
        }
      },
      [runtime, studyUid, activeProjectId],
    );

    return <ExportSectionView unavailable={unavailable} status={status} onRun={task => void run(task)} />;
  };
}

let registered = false;

/** Adds the DICOM section to the labels panel, once per page. */
export function registerExportSection(settings: ReadingRoomAppConfig | undefined): void {
  if (registered) return;
  registered = true;
  registerPanelSection({ id: 'dicom', title: 'DICOM', Component: createExportSection(createApiClient({ apiBase: settings?.apiBase })) });
}
