import { showAccessDenied } from './showAccessDenied.js';

/** What OHIF hands its `httpErrorHandler` for a failed DICOMweb request (dicomweb-client's error). */
interface HttpError {
  status?: number;
  response?: unknown;
}

interface HostAppConfig {
  httpErrorHandler?: (error: HttpError) => void;
}

const installed = new WeakSet<object>();

/**
 * Shows the server's reason when it refuses a DICOMweb request of the viewer (403: "this study is
 * not part of a project you are a member of"). OHIF's own data source makes those requests and,
 * on failure, only replaces the page with "not available"; it calls `appConfig.httpErrorHandler`
 * (3.13 and 3.14), so the bridge chains onto it, keeping a site's own handler.
 */
export function reportDicomwebRefusals(appConfig: HostAppConfig | undefined, show: (message: string) => void = message => showAccessDenied(message)): void {
  if (!appConfig || installed.has(appConfig)) return;
  installed.add(appConfig);
  const previous = appConfig.httpErrorHandler;
  appConfig.httpErrorHandler = error => {
    const message = error?.status === 403 ? readMessage(error.response) : undefined;
    if (message) show(message);
    previous?.(error);
  };
}

/** The `message` of the server's JSON error, whatever form the request's response took. */
function readMessage(response: unknown): string | undefined {
  let body = response;
  try {
    if (Object.prototype.toString.call(body) === '[object ArrayBuffer]') body = new TextDecoder().decode(body as ArrayBuffer);
    if (typeof body === 'string') body = JSON.parse(body);
  } catch {
    return undefined;
  }
  const message = (body as { message?: unknown } | null)?.message;
  return typeof message === 'string' && message.length > 0 ? message : undefined;
}
