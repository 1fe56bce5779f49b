/**
 * The model judges certificates and tokens at a fixed instant (CLOCK), so its results are reproducible;
 * the sandbox's real certificates and JWTs live in real time. Real dates are the model's dates moved by a
 * whole number of days (so a certificate issued today is cached until tomorrow), and what a peer presents
 * is moved back before the model sees it.
 */
import { X509Certificate } from 'node:crypto';
import type { Certificate } from '../model';
import { certificateFacts } from '../inventory/materials';
import type { CertificateSpec } from '../pki';
import { TRUSTED_CA_DN, OTHER_CA_DN } from '../pki';
import { CLOCK } from '../targets/model/build-site';

const DAY = 86_400_000;

export class ModelTime {
  /** Real time minus model time, in whole days. */
  readonly offsetMs: number;

  /**
   * @param anchor the model's instant: the features' CLOCK, or the audit date of a site's definitions.
   */
  constructor(
    now = new Date(),
    private readonly anchor = CLOCK,
  ) {
    this.offsetMs = Math.floor((now.getTime() - Date.parse(anchor)) / DAY) * DAY;
  }

  toReal(modelIso: string): string {
    return new Date(Date.parse(modelIso) + this.offsetMs).toISOString();
  }

  toModel(realIso: string): string {
    return new Date(Date.parse(realIso) - this.offsetMs).toISOString();
  }

  /** A real instant (e.g. a JWT's exp) as the model would see it, exactly: now maps to the anchor. */
  instantToModel(realMs: number, now = Date.now()): string {
    return new Date(Date.parse(this.anchor) + (realMs - now)).toISOString();
  }

  /** What the PKI must issue for a model certificate, and who signs it. */
  specFor(cert: Certificate): { spec: CertificateSpec; issuer: 'trusted CA' | 'other CA' | 'self' } {
    const issuer = cert.subject === cert.issuer ? 'self' : cert.issuer === TRUSTED_CA_DN ? 'trusted CA' : 'other CA';
    if (issuer === 'other CA' && cert.issuer !== OTHER_CA_DN)
      throw new Error(`the test PKI has no CA named ${cert.issuer}`);
    return { spec: this.realSpec(cert), issuer };
  }

  /** The model certificate in real time: subject, validity moved by the offset, key usages. */
  realSpec(cert: Certificate): CertificateSpec {
    const extendedKeyUsage = cert.extendedKeyUsage.filter(
      (u): u is 'clientAuth' | 'serverAuth' => u === 'clientAuth' || u === 'serverAuth',
    );
    return {
      subject: cert.subject,
      notBefore: this.toReal(cert.notBefore),
      notAfter: this.toReal(cert.notAfter),
      extendedKeyUsage,
    };
  }

  /** A presented X.509 certificate as the model's Certificate. */
  modelCertificate(x509: X509Certificate): Certificate {
    const facts = certificateFacts(x509.toString());
    return {
      subject: facts.subject,
      issuer: facts.issuer,
      notBefore: this.toModel(facts.notBefore),
      notAfter: this.toModel(facts.notAfter),
      extendedKeyUsage: facts.extendedKeyUsage,
    };
  }
}
