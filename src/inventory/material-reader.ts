/**
 * The files an inventory load reads, each read and each PEM text parsed once per load, with a stamp of
 * every file read so that a later load in the same process can tell whether its result still holds.
 *
 * Why: a large inventory names the same CA bundle, client certificate and JWT signing key from many sites
 * (the 1,150-site inventory of issue 14 names each of them dozens of times), and parsing a private key or a
 * certificate is the costliest step of a load. Parsing the same text gives the same result, so a result
 * kept by text is exact, not an approximation.
 */
import { X509Certificate, createPrivateKey, type KeyObject } from 'node:crypto';
import { statSync } from 'node:fs';
import { certificateFacts, readPemBundle, readText, type CertificateFacts } from './materials';

/** A file as it was when read: a changed size or modification time means it must be read again. */
export interface FileStamp {
  file: string;
  size: number;
  mtimeMs: number;
}

export class MaterialReader {
  private readonly texts = new Map<string, string>();
  private readonly bundles = new Map<string, string[]>();
  private readonly facts = new Map<string, CertificateFacts>();
  private readonly keys = new Map<string, KeyObject>();
  private readonly pairs = new Map<string, boolean>();
  readonly stamps: FileStamp[] = [];

  text(file: string): string {
    let text = this.texts.get(file);
    if (text === undefined) {
      this.stamp(file);
      text = readText(file);
      this.texts.set(file, text);
    }
    return text;
  }

  pemBundle(file: string): string[] {
    let bundle = this.bundles.get(file);
    if (!bundle) {
      this.stamp(file);
      bundle = readPemBundle(file);
      this.bundles.set(file, bundle);
    }
    return bundle;
  }

  certificateFacts(pem: string): CertificateFacts {
    let facts = this.facts.get(pem);
    if (!facts) {
      facts = certificateFacts(pem);
      this.facts.set(pem, facts);
    }
    return facts;
  }

  privateKey(file: string): { pem: string; key: KeyObject } {
    const pem = this.text(file);
    let key = this.keys.get(pem);
    if (!key) {
      key = createPrivateKey(pem);
      this.keys.set(pem, key);
    }
    return { pem, key };
  }

  /** Whether the key is the certificate's own (its public key matches). */
  keyMatches(certificatePem: string, keyPem: string, key: KeyObject): boolean {
    const pair = `${certificatePem}\0${keyPem}`;
    let matches = this.pairs.get(pair);
    if (matches === undefined) {
      matches = new X509Certificate(certificatePem).checkPrivateKey(key);
      this.pairs.set(pair, matches);
    }
    return matches;
  }

  private stamp(file: string): void {
    try {
      const { size, mtimeMs } = statSync(file);
      this.stamps.push({ file, size, mtimeMs });
    } catch {
      // Unreadable: the read that follows reports it, and an unreadable file fails the load (never kept).
    }
  }
}

/** Whether every file is as it was when stamped. */
export function unchanged(stamps: FileStamp[]): boolean {
  return stamps.every((s) => {
    try {
      const { size, mtimeMs } = statSync(s.file);
      return size === s.size && mtimeMs === s.mtimeMs;
    } catch {
      return false;
    }
  });
}
