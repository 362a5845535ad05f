import supported from './supportedHosts.json' with { type: 'json' };

export interface SupportedHost {
  version: string;
  /** npm registry dist.integrity of @ohif/app at this version. */
  integrity: string;
}

/** Every supported OHIF host; the E2E suite and the host fetcher read this list. */
export const SUPPORTED_OHIF_HOSTS: readonly SupportedHost[] = supported.hosts;
export const SUPPORTED_OHIF_VERSIONS: readonly string[] = supported.hosts.map(h => h.version);
export const DEFAULT_OHIF_VERSION: string = supported.hosts[0]!.version;
