/**
 * What a client certificate is, in the words scenarios use (valid, expired, self-signed, ...), judged
 * against the site's key ring and audit date. A certificate with more than one flaw fits no single word,
 * so it fits no scenario that names one.
 */
import type { Certificate, Site } from '../../model';
import type { CertificateState } from '../../../support/target-port';

export function certificateState(site: Site, cert: Certificate): CertificateState | undefined {
  const flaws: CertificateState[] = [];
  if (site.clock > cert.notAfter) flaws.push('expired');
  if (site.clock < cert.notBefore) flaws.push('not yet valid');
  if (cert.subject === cert.issuer) flaws.push('self-signed');
  else if (!site.region.keyringCas.includes(cert.issuer)) flaws.push('issued by an untrusted CA');
  if (cert.extendedKeyUsage.length > 0 && !cert.extendedKeyUsage.includes('clientAuth'))
    flaws.push('without client-auth key usage');
  if (flaws.length === 0) return 'valid';
  return flaws.length === 1 ? flaws[0] : undefined;
}
