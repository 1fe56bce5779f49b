/**
 * Checks that what one part of an inventory names exists in another: IPCONNs name TCPIPSERVICEs,
 * connections name regions and certificates, users named as link users or owners are declared, and no
 * budget of bad passwords could revoke an account the inventory does not offer for revocation.
 */
import type { Inventory, InventorySite } from './schema';

export interface InventoryIssue {
  path: (string | number)[];
  expected: string;
}

export function checkReferences(inventory: Inventory): InventoryIssue[] {
  const issues: InventoryIssue[] = [];
  inventory.sites.forEach((site, s) =>
    checkSite(site, ['sites', s], inventory.limits.badPasswordAttemptsPerAccount, issues),
  );
  duplicates(
    inventory.sites.map((x) => x.name),
    ['sites'],
    'name',
    'a site name used once',
    issues,
  );
  return issues;
}

function checkSite(
  site: InventorySite,
  at: (string | number)[],
  defaultBudget: number,
  issues: InventoryIssue[],
): void {
  const users = new Set(site.racf.users.map((u) => u.id));
  const userRef = (id: string | null | undefined, path: (string | number)[]) => {
    if (id && !users.has(id)) issues.push({ path, expected: `a user declared in racf.users (${id} is not)` });
  };
  duplicates(
    site.racf.users.map((u) => u.id),
    [...at, 'racf', 'users'],
    'id',
    'a user ID declared once',
    issues,
  );
  site.racf.users.forEach((u, i) => {
    const budget = u.badPasswordBudget ?? defaultBudget;
    if (budget >= site.racf.revokeAfter && !u.revocable) {
      issues.push({
        path: [...at, 'racf', 'users', i, 'badPasswordBudget'],
        expected: `fewer than revokeAfter (${site.racf.revokeAfter}) bad-password attempts, or revocable: true (budget is ${budget})`,
      });
    }
  });
  const certificates = new Set(site.certificates.map((c) => c.id));
  duplicates(
    site.certificates.map((c) => c.id),
    [...at, 'certificates'],
    'id',
    'a certificate id used once',
    issues,
  );
  site.certificates.forEach((c, i) => {
    userRef(c.mappedTo, [...at, 'certificates', i, 'mappedTo']);
    if (c.registeredAsTrusted && c.state !== 'self-signed') {
      issues.push({
        path: [...at, 'certificates', i, 'registeredAsTrusted'],
        expected: 'registeredAsTrusted only on a self-signed certificate',
      });
    }
  });
  duplicates(
    site.cics.regions.map((r) => r.applid),
    [...at, 'cics', 'regions'],
    'applid',
    'a region APPLID used once',
    issues,
  );
  site.cics.regions.forEach((region, r) => {
    const rat = [...at, 'cics', 'regions', r];
    userRef(region.defaultUser, [...rat, 'defaultUser']);
    userRef(region.regionUser, [...rat, 'regionUser']);
    const services = new Set(region.tcpipServices.map((t) => t.name));
    duplicates(
      region.tcpipServices.map((t) => t.name),
      [...rat, 'tcpipServices'],
      'name',
      'a TCPIPSERVICE name used once',
      issues,
    );
    duplicates(
      region.ipconns.map((i) => `${i.networkid}.${i.applid}`),
      [...rat, 'ipconns'],
      'applid',
      'one IPCONN per APPLID and NETWORKID (R7)',
      issues,
    );
    region.ipconns.forEach((ipconn, i) => {
      if (!services.has(ipconn.tcpipService)) {
        issues.push({
          path: [...rat, 'ipconns', i, 'tcpipService'],
          expected: `a TCPIPSERVICE of region ${region.applid} (one of ${[...services].join(', ')})`,
        });
      }
      userRef(ipconn.securityName, [...rat, 'ipconns', i, 'securityName']);
    });
  });
  site.zosConnect.servers.forEach((server, v) => {
    const vat = [...at, 'zosConnect', 'servers', v];
    userRef(server.startedTaskUser, [...vat, 'startedTaskUser']);
    duplicates(
      server.connections.map((c) => c.id),
      [...vat, 'connections'],
      'id',
      'a connection id used once',
      issues,
    );
    server.connections.forEach((conn, c) => {
      const cat = [...vat, 'connections', c];
      const region = site.cics.regions.find((r) => r.applid === conn.region);
      if (!region) {
        issues.push({
          path: [...cat, 'region'],
          expected: `the APPLID of a region of site ${site.name} (one of ${site.cics.regions.map((r) => r.applid).join(', ')})`,
        });
      } else if (!region.tcpipServices.some((t) => t.name === conn.tcpipService)) {
        issues.push({
          path: [...cat, 'tcpipService'],
          expected: `a TCPIPSERVICE of region ${region.applid} (one of ${region.tcpipServices.map((t) => t.name).join(', ')})`,
        });
      }
      if (conn.tls !== 'none') {
        if (conn.tls.clientCertificate !== null && !certificates.has(conn.tls.clientCertificate)) {
          issues.push({
            path: [...cat, 'tls', 'clientCertificate'],
            expected: `the id of a certificate of site ${site.name}`,
          });
        }
        if (!conn.tls.trustsServerCertificate && conn.tls.trustStore === undefined) {
          issues.push({
            path: [...cat, 'tls', 'trustStore'],
            expected: 'the trust store file (trustsServerCertificate: false is only observable through it)',
          });
        }
      }
      if (conn.tls !== 'none' && conn.tls.clientCertificate !== null) {
        const cert = site.certificates.find(
          (x) => x.id === (conn.tls as { clientCertificate: string }).clientCertificate,
        );
        if (cert && !cert.key)
          issues.push({
            path: [...at, 'certificates', site.certificates.indexOf(cert), 'key'],
            expected: 'the private key file of a certificate a connection presents',
          });
        if (cert && !cert.use.includes('ipic'))
          issues.push({
            path: [...cat, 'tls', 'clientCertificate'],
            expected: `a certificate whose use includes ipic`,
          });
      }
      userRef(conn.authData?.user, [...cat, 'authData', 'user']);
      if (
        conn.transid !== undefined &&
        conn.transidUsage === 'EIB_AND_MIRROR' &&
        region &&
        !region.transactions.some((t) => t.transid === conn.transid)
      ) {
        issues.push({
          path: [...cat, 'transid'],
          expected: `a transaction declared in region ${region.applid}'s transactions`,
        });
      }
    });
  });
}

function duplicates(
  values: string[],
  path: (string | number)[],
  field: string,
  expected: string,
  issues: InventoryIssue[],
): void {
  const seen = new Set<string>();
  values.forEach((value, i) => {
    if (seen.has(value)) issues.push({ path: [...path, i, field], expected: `${expected} (${value} repeats)` });
    seen.add(value);
  });
}
