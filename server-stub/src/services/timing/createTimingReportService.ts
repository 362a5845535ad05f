import type { SessionUser, TimingReport, TimingReportQuery } from '@readingroom/platform-shim';
import { HttpError } from '../../plugins/errorHandling.js';
import type { LabelingStores } from '../../stores/labeling/createLabelingStores.js';
import type { Authorize } from '../labeling/authorize.js';
import { buildTimingReport } from './buildTimingReport.js';

export interface TimingReportService {
  report(user: SessionUser, query: Omit<TimingReportQuery, 'format'>): Promise<TimingReport>;
}

/** Active labeling time for whoever pays labelers: per labeler, case, finding type and label. */
export function createTimingReportService(deps: { stores: LabelingStores; authorize: Authorize; now?: () => Date }): TimingReportService {
  return {
    async report(user, query) {
      await deps.authorize(user, 'report.timing.read', query.projectId ? { projectId: query.projectId } : {});
      const fromMs = query.from ? Date.parse(query.from) : undefined;
      const toMs = query.to ? Date.parse(query.to) : undefined;
      if (fromMs !== undefined && toMs !== undefined && toMs <= fromMs) throw new HttpError(400, 'bad_request', '"to" must be later than "from"');
      const segments = await deps.stores.timing.listSegments({
        ...(query.projectId ? { projectId: query.projectId } : {}),
        ...(query.labelerId ? { userId: query.labelerId } : {}),
        ...(fromMs !== undefined ? { fromMs } : {}),
        ...(toMs !== undefined ? { toMs } : {}),
      });
      const filters = Object.fromEntries(Object.entries({ projectId: query.projectId, labelerId: query.labelerId, from: query.from, to: query.to }).filter(([, v]) => v !== undefined));
      return buildTimingReport(segments, filters, (deps.now ?? (() => new Date()))().toISOString());
    },
  };
}
