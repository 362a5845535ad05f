import { ConfigError } from '../config.js';
import { loadAuditConfig } from './auditConfig.js';

const load = (env: NodeJS.ProcessEnv) => loadAuditConfig(env, '/data', '/site');

describe('loadAuditConfig: ATNA forwarding and the audit source', () => {
  it('forwards nowhere unless AUDIT_FORWARD_URL is set, and names the source by AUDIT_SOURCE_ID', () => {
    const config = load({ AUDIT_SOURCE_ID: 'rr-1', AUDIT_ENTERPRISE_SITE_ID: 'Site A' });
    expect(config.forwarding).toBeUndefined();
    expect(config.source).toEqual({ sourceId: 'rr-1', enterpriseSiteId: 'Site A' });
  });

  it('reads a TLS destination (port 6514 by default) with CA, client certificate and syslog names', () => {
    const config = load({ AUDIT_FORWARD_URL: 'tls://arr.example.org', AUDIT_FORWARD_CA_FILE: 'ca.pem', AUDIT_FORWARD_CERT_FILE: '/k/c.pem', AUDIT_FORWARD_KEY_FILE: '/k/k.pem', AUDIT_SOURCE_ID: 'rr-1' });
    expect(config.forwarding).toEqual({ protocol: 'tls', host: 'arr.example.org', port: 6514, caFile: '/site/ca.pem', certFile: '/k/c.pem', keyFile: '/k/k.pem', appName: 'readingroom', hostname: 'rr-1' });
  });

  it('takes plain TCP only with an explicit port', () => {
    expect(load({ AUDIT_FORWARD_URL: 'tcp://10.0.0.5:601', AUDIT_FORWARD_HOSTNAME: 'rr node', AUDIT_FORWARD_APP_NAME: 'rr' }).forwarding).toMatchObject({ protocol: 'tcp', port: 601, hostname: 'rr_node', appName: 'rr' });
    expect(() => load({ AUDIT_FORWARD_URL: 'tcp://10.0.0.5' })).toThrow(ConfigError);
  });

  it.each(['udp://arr:514', 'https://arr', 'arr:6514', 'tls://'])('refuses AUDIT_FORWARD_URL=%s', url => {
    expect(() => load({ AUDIT_FORWARD_URL: url })).toThrow(/AUDIT_FORWARD_URL must be tls:\/\/host:port/);
  });

  it('wants the client certificate and key together', () => {
    expect(() => load({ AUDIT_FORWARD_URL: 'tls://arr:6514', AUDIT_FORWARD_CERT_FILE: 'c.pem' })).toThrow(/go together/);
  });
});
