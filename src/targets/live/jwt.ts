/**
 * JWT bearer tokens for HTTP callers, signed with jose: with the key z/OS Connect trusts (valid or already
 * expired), or with a key made for this run that nobody trusts. Tokens are secrets: never attached.
 */
import { SignJWT, generateKeyPair, importPKCS8, type CryptoKey } from 'jose';
import type { InventoryServer } from '../../inventory/schema';

type JwtConfig = NonNullable<InventoryServer['jwt']>;
import type { JwtValidity } from '../../../support/target-port';

export type { JwtValidity };

export class JwtMinter {
  private trusted?: Promise<CryptoKey>;
  private untrusted?: Promise<CryptoKey>;

  constructor(
    private readonly config: JwtConfig,
    private readonly signingKeyPem: string,
  ) {}

  async mint(subject: string, validity: JwtValidity, now = new Date()): Promise<string> {
    const seconds = Math.floor(now.getTime() / 1000);
    const [issuedAt, expiresAt] =
      validity === 'expired' ? [seconds - 2 * 3600, seconds - 3600] : [seconds, seconds + this.config.lifetimeSeconds];
    const key = validity === 'untrusted signature' ? await this.untrustedKey() : await this.trustedKey();
    let jwt = new SignJWT({})
      .setProtectedHeader({
        alg: this.config.algorithm,
        typ: 'JWT',
        ...(this.config.keyId ? { kid: this.config.keyId } : {}),
      })
      .setIssuer(validity === 'another issuer' ? anotherIssuer(this.config.issuer) : this.config.issuer)
      .setSubject(subject)
      .setIssuedAt(issuedAt)
      .setExpirationTime(expiresAt);
    if (this.config.audience) jwt = jwt.setAudience(this.config.audience);
    return jwt.sign(key);
  }

  private trustedKey(): Promise<CryptoKey> {
    return (this.trusted ??= importPKCS8(this.signingKeyPem, this.config.algorithm));
  }

  private untrustedKey(): Promise<CryptoKey> {
    return (this.untrusted ??= generateKeyPair(this.config.algorithm).then((pair) => pair.privateKey));
  }
}

/** An issuer z/OS Connect is not configured for, made from the trusted one so that it differs from it (R56). */
export function anotherIssuer(issuer: string): string {
  return `${issuer.replace(/\/+$/, '')}/another-issuer`;
}
