import { ApiError } from '../api/createApiClient.js';

/**
 * What to do after a batch failed:
 * - retry: keep the events and try again after a backoff delay;
 * - split: the server found the request too large; send fewer events at once, now;
 * - reject: a single event is too large for the server; keep it aside as refused.
 */
export interface SendFailure {
  state: 'offline' | 'error';
  message: string;
  action: 'retry' | 'split' | 'reject';
}

/** Turns a failed `postEvents` into a status the user can act on and the next step. */
export function classifySendFailure(error: unknown, batchSize: number, online = true): SendFailure {
  if (!(error instanceof ApiError)) {
    return { state: 'offline', message: online ? 'Server unreachable' : 'No network connection', action: 'retry' };
  }
  if (error.status === 413) {
    return batchSize > 1
      ? { state: 'error', message: 'Server found the changes too large; sending fewer at once', action: 'split' }
      : { state: 'error', message: `Server refused a change as too large: ${error.message}`, action: 'reject' };
  }
  if (error.status === 401 || error.status === 403) {
    return { state: 'error', message: `Not allowed to save (sign in again?): ${error.message}`, action: 'retry' };
  }
  if (error.status >= 500 || error.status === 429) {
    return { state: 'error', message: `Server error, retrying: ${error.message}`, action: 'retry' };
  }
  return { state: 'error', message: `Server refused the changes: ${error.message}`, action: 'retry' };
}
