/** Raised when the OHIF host does not provide a module our plugins need. Names what is missing. */
export class HostBridgeError extends Error {
  constructor(
    readonly missing: readonly string[],
    readonly hostVersion: string,
    readonly supportedHosts: readonly string[],
  ) {
    super(
      `ReadingRoom cannot start in this OHIF host (version ${hostVersion}): it does not provide ${missing.join(', ')}. ` +
        `Neither the official runtime globals (window['<package>']) nor OHIF 3.13 module discovery found ${missing.length === 1 ? 'it' : 'them'}. ` +
        `Supported host versions: ${supportedHosts.join(', ')}.`,
    );
    this.name = 'HostBridgeError';
  }
}
