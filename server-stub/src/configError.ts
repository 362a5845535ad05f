/** A setting in the environment is wrong. Its own module: the CLI and the database layer use it without loading the whole configuration. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}
