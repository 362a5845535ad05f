import { reportDicomwebRefusals } from './reportDicomwebRefusals';

const REASON = 'Not allowed (dicomweb.retrieve): this study is not part of a project you are a member of';
const body = JSON.stringify({ error: 'forbidden', message: REASON });

describe('reportDicomwebRefusals', () => {
  it.each([
    ['a parsed JSON response', JSON.parse(body)],
    ['a text response', body],
    ['an array buffer response', new TextEncoder().encode(body).buffer],
  ])('shows the reason of a 403 from %s', (_name, response) => {
    const shown: string[] = [];
    const appConfig: { httpErrorHandler?: (error: unknown) => void } = {};
    reportDicomwebRefusals(appConfig, message => shown.push(message));
    appConfig.httpErrorHandler!({ status: 403, response });
    expect(shown).toEqual([REASON]);
  });

  it('ignores other failures and bodies without a message, and keeps calling the host config handler', () => {
    const shown: string[] = [];
    const seenBySite: unknown[] = [];
    const appConfig: { httpErrorHandler?: (error: unknown) => void } = { httpErrorHandler: error => seenBySite.push(error) };
    reportDicomwebRefusals(appConfig, message => shown.push(message));
    reportDicomwebRefusals(appConfig, message => shown.push(`twice: ${message}`));
    const errors = [{ status: 404, response: body }, { status: 403, response: 'not json' }, { status: 403, response: { error: 'forbidden' } }, { status: 403, response: body }];
    for (const error of errors) appConfig.httpErrorHandler!(error);
    expect(shown).toEqual([REASON]);
    expect(seenBySite).toEqual(errors);
  });
});
