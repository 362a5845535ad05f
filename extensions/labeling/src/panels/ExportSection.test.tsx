import type { ExportResponse, ImportResponse } from '@readingroom/platform-shim';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { LabelingRuntime } from '../runtime/createLabelingRuntime';
import { createValueStore } from '../runtime/createValueStore';
import { createLabelsStore, EMPTY_LABELS_STATE } from '../runtime/labelsStore';
import { createExportSection, type ExportApi } from './ExportSection';

const STUDY = '1.2.3';
const SR = { format: 'sr' as const, SOPClassUID: '1.2.840.10008.5.1.4.1.1.88.34', SOPInstanceUID: '2.25.1', SeriesInstanceUID: '2.25.2', labelIds: ['a', 'b'], size: 100 };

function setup(options: { studyUid?: string; projectId?: string; reloadLabels?: () => Promise<void> } = {}) {
  const store = createLabelsStore({ ...EMPTY_LABELS_STATE, studyUid: options.studyUid ?? STUDY, activeProjectId: options.projectId ?? 'lung' });
  const flush = jest.fn(async () => undefined);
  const session = createValueStore<unknown>(options.reloadLabels ? { commands: { reloadLabels: options.reloadLabels } } : undefined);
  const runtime = { store, sender: { flush }, session } as unknown as LabelingRuntime;
  const api = { exportStudyLabels: jest.fn<Promise<ExportResponse>, Parameters<ExportApi['exportStudyLabels']>>(), importStudyLabels: jest.fn<Promise<ImportResponse>, Parameters<ExportApi['importStudyLabels']>>() };
  const ExportSection = createExportSection(api);
  render(<ExportSection runtime={runtime} params={{} as never} />);
  return { api, flush };
}

/** The buttons are plain <button>s: in the Tab order, run by Enter and Space, named by their text. */
const button = (name: string) => screen.getByRole('button', { name }) as HTMLButtonElement;

const exportAnswer = (destinations: ExportResponse['destinations']): ExportResponse => ({
  StudyInstanceUID: STUDY,
  projectId: 'lung',
  instances: [SR],
  destinations,
  problems: [],
  skipped: [],
  complete: destinations.every(d => d.status === 'stored'),
});

describe('the DICOM section of the labels panel', () => {
  it('exports the SR of the active project after the pending changes reached the server, and says where it is stored', async () => {
    const { api, flush } = setup();
    api.exportStudyLabels.mockResolvedValue(exportAnswer([
      { destination: 'local', SOPInstanceUID: '2.25.1', status: 'stored' },
      { destination: 'pacs', SOPInstanceUID: '2.25.1', status: 'failed', message: 'the PACS answered 503' },
    ]));
    fireEvent.click(button('Export SR'));
    await waitFor(() => expect(screen.getByTestId('rr-export-status').getAttribute('data-state')).toBe('done'));
    expect(flush.mock.invocationCallOrder[0]).toBeLessThan(api.exportStudyLabels.mock.invocationCallOrder[0]!);
    expect(api.exportStudyLabels).toHaveBeenCalledWith(STUDY, { projectId: 'lung', formats: ['sr'] });
    expect(screen.getByTestId('rr-export-status').textContent).toBe('SR with 2 labels: ReadingRoom ✓, PACS ✗ — PACS: the PACS answered 503');
  });

  it('shows a SEG that had nothing to write as such, not as a success', async () => {
    const { api } = setup();
    api.exportStudyLabels.mockResolvedValue({ ...exportAnswer([]), instances: [], skipped: [{ format: 'seg', reason: 'the study has no segmentation labels in this project' }] });
    fireEvent.click(button('Export SEG'));
    expect((await screen.findByText('SEG not written: the study has no segmentation labels in this project')).getAttribute('data-tone')).toBe('warning');
  });

  it('loads labels back and asks the session to show them', async () => {
    const reloadLabels = jest.fn(async () => undefined);
    const { api, flush } = setup({ reloadLabels });
    api.importStudyLabels.mockResolvedValue({
      StudyInstanceUID: STUDY,
      projectId: 'lung',
      source: 'local',
      instances: [{ SOPInstanceUID: '2.25.1', labelCount: 2, problems: [] }],
      labels: [
        { labelId: 'a', SOPInstanceUID: '2.25.1', outcome: 'created' },
        { labelId: 'b', SOPInstanceUID: '2.25.1', outcome: 'rejected', reason: 'does not fit schema version 1' },
      ],
    });
    fireEvent.click(button('Load from DICOM'));
    await screen.findByText('Loaded 2 labels from 1 DICOM object: 1 new, 0 changed, 0 unchanged.');
    expect(screen.getByText('A label was refused: does not fit schema version 1').getAttribute('data-tone')).toBe('error');
    expect(reloadLabels).toHaveBeenCalledTimes(1);
    expect(api.importStudyLabels).toHaveBeenCalledWith(STUDY, { projectId: 'lung' });
    expect(flush.mock.invocationCallOrder[0]).toBeLessThan(api.importStudyLabels.mock.invocationCallOrder[0]!);
    expect(api.importStudyLabels.mock.invocationCallOrder[0]).toBeLessThan(reloadLabels.mock.invocationCallOrder[0]!);
  });

  it('asks to reopen the case when no labeling session can show the loaded labels', async () => {
    const { api } = setup();
    api.importStudyLabels.mockResolvedValue({ StudyInstanceUID: STUDY, projectId: 'lung', source: 'local', instances: [], labels: [] });
    fireEvent.click(button('Load from DICOM'));
    expect((await screen.findByText('Reopen the case to see the loaded labels.')).getAttribute('data-tone')).toBe('warning');
  });

  // OHIF's hotkeys cancel Enter and Space on the document, so the buttons handle them themselves.
  it.each(['Enter', ' '])('runs on %j from the keyboard, once, without letting the key reach the host', async key => {
    const { api } = setup();
    api.exportStudyLabels.mockResolvedValue(exportAnswer([{ destination: 'local', SOPInstanceUID: '2.25.1', status: 'stored' }]));
    const hostHotkeys = jest.fn();
    document.addEventListener('keydown', hostHotkeys);
    button('Export SEG').focus();
    fireEvent.keyDown(document.activeElement!, { key });
    await waitFor(() => expect(screen.getByTestId('rr-export-status').getAttribute('data-state')).toBe('done'));
    expect(api.exportStudyLabels).toHaveBeenCalledTimes(1);
    expect(api.exportStudyLabels).toHaveBeenCalledWith(STUDY, { projectId: 'lung', formats: ['seg'] });
    expect(hostHotkeys).not.toHaveBeenCalled();
    document.removeEventListener('keydown', hostHotkeys);
  });

  it('reports a failed request as an alert and can run again', async () => {
    const { api } = setup();
    api.exportStudyLabels.mockRejectedValueOnce(new Error('Network error'));
    fireEvent.click(button('Export SR'));
    expect((await screen.findByRole('alert')).textContent).toBe('Export failed: Network error');
    expect(button('Export SR').disabled).toBe(false);
  });

  it('keeps the buttons off while one runs, and without a project', async () => {
    const { api } = setup();
    let finish: (value: ExportResponse) => void = () => undefined;
    api.exportStudyLabels.mockReturnValue(new Promise(resolve => (finish = resolve)));
    fireEvent.click(button('Export SR'));
    await waitFor(() => expect(button('Load from DICOM').disabled).toBe(true));
    await act(async () => finish(exportAnswer([{ destination: 'local', SOPInstanceUID: '2.25.1', status: 'stored' }])));
    expect(button('Load from DICOM').disabled).toBe(false);
  });

  it('says what is missing when there is no project, with the buttons off', () => {
    setup({ projectId: '' });
    screen.getByText('Choose a project to export its labels.');
    for (const name of ['Export SR', 'Export SEG', 'Load from DICOM']) expect(button(name).disabled).toBe(true);
  });
});
