import { ApiError } from '../api/createApiClient';
import { classifySendFailure } from './classifySendFailure';

describe('classifySendFailure', () => {
  it.each([
    ['a network failure', new TypeError('Failed to fetch'), 5, true, { state: 'offline', action: 'retry', message: 'Server unreachable' }],
    ['a network failure while the browser is offline', new TypeError('Failed to fetch'), 5, false, { state: 'offline', action: 'retry', message: 'No network connection' }],
    ['a corrupted body (400)', new ApiError(400, 'bad_request', 'body must be JSON'), 5, true, { state: 'error', action: 'retry', message: 'Server refused the changes: body must be JSON' }],
    ['an expired sign-in (401)', new ApiError(401, 'unauthorized', 'no session'), 5, true, { state: 'error', action: 'retry' }],
    ['a server fault (503)', new ApiError(503, 'unavailable', 'maintenance'), 5, true, { state: 'error', action: 'retry', message: 'Server error, retrying: maintenance' }],
    ['a too-large batch (413)', new ApiError(413, 'too_large', 'body too large'), 5, true, { state: 'error', action: 'split' }],
    ['a too-large single event (413)', new ApiError(413, 'too_large', 'body too large'), 1, true, { state: 'error', action: 'reject' }],
  ])('%s', (_name, error, batchSize, online, expected) => {
    expect(classifySendFailure(error, batchSize, online)).toMatchObject(expected);
  });
});
