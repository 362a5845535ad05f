import { ConfigError } from '../../config.js';
import { parseDatabaseUrl } from './openDatabase.js';

describe('parseDatabaseUrl', () => {
  it.each([
    ['/var/lib/readingroom/readingroom.sqlite', { dialect: 'sqlite', path: '/var/lib/readingroom/readingroom.sqlite' }],
    ['data/readingroom.sqlite', { dialect: 'sqlite', path: 'data/readingroom.sqlite' }],
    ['sqlite:/tmp/a.sqlite', { dialect: 'sqlite', path: '/tmp/a.sqlite' }],
    ['sqlite:///tmp/a.sqlite', { dialect: 'sqlite', path: '/tmp/a.sqlite' }],
    [':memory:', { dialect: 'sqlite', path: ':memory:' }],
    ['C:\\data\\rr.sqlite', { dialect: 'sqlite', path: 'C:\\data\\rr.sqlite' }],
    ['postgres://rr@db.example:5432/readingroom', { dialect: 'postgres', url: 'postgres://rr@db.example:5432/readingroom' }],
    ['postgresql://rr@db/readingroom?sslmode=require', { dialect: 'postgres', url: 'postgresql://rr@db/readingroom?sslmode=require' }],
  ])('%s', (url, target) => {
    expect(parseDatabaseUrl(url)).toEqual(target);
  });

  it.each(['mysql://root@localhost/rr', 'http://example/db', 'sqlite:', ''])('refuses %j with a ConfigError', url => {
    expect(() => parseDatabaseUrl(url)).toThrow(ConfigError);
  });

  it('names what it supports', () => {
    expect(() => parseDatabaseUrl('mysql://root:secret@localhost/rr')).toThrow(/"mysql:" is not supported: use a SQLite file path .* or postgres:\/\//);
  });
});
