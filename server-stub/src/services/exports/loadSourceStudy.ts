import type { DicomJsonDataset } from '../../dicomweb/dicom/dicomJson.js';
import type { PacsClient } from '../../exports/pacs/createPacsClient.js';
import { readSourceStudy } from '../../exports/source/readSourceStudy.js';
import type { SourceStudy } from '../../exports/source/sourceTypes.js';
import { HttpError } from '../../plugins/errorHandling.js';
import type { DicomService } from '../dicom/createDicomService.js';

/**
 * The study's images as the exports need them: from the server's own store, or from the PACS
 * when the study is not stored here (a site whose viewer reads the PACS).
 */
export async function loadSourceStudy(StudyInstanceUID: string, dicomStore: Pick<DicomService, 'listMetadata'>, pacs: PacsClient | undefined, from: 'local' | 'pacs' = 'local'): Promise<SourceStudy> {
  let metadata: DicomJsonDataset[] = [];
  if (from === 'local') metadata = (await dicomStore.listMetadata({ StudyInstanceUID })).map(text => JSON.parse(text) as DicomJsonDataset);
  if (metadata.length === 0 && pacs) metadata = await pacs.readMetadata(StudyInstanceUID);
  if (metadata.length === 0) throw new HttpError(404, 'not_found', from === 'pacs' ? 'The PACS has no instances of this study' : 'No instances of this study are stored');
  return readSourceStudy(StudyInstanceUID, metadata);
}
