/**
 * The certificate inventory: what the definitions name only by label, described as RACDCERT LIST (for
 * certificates in RACF) or keytool -list -v (for z/OS Connect's key and trust stores) shows it. Each
 * entry is identified by its label and either its RACF owner (a user ID, CERTAUTH or SITE) or the id
 * of the server.xml keyStore that holds it.
 */
import { z } from 'zod';
import type { Certificate } from '../model';
import type { DefinitionSource } from '../../support/definitions-port';
import type { Diagnostics } from './diagnostics';
import { looksLikeDn, toCommaDn } from './dn';
import { instant, readYaml } from './yaml-source';

const DN = z
  .string()
  .refine(looksLikeDn, 'a distinguished name such as CN=name.O=org.C=GB (RACF style) or CN=name,O=org,C=GB');
const WHEN = z.string().refine((t) => instant(t) !== undefined, 'an ISO date or instant');

const entry = z
  .object({
    label: z.string().min(1),
    racfOwner: z
      .string()
      .regex(/^([A-Z0-9@#$]{1,8}|CERTAUTH|SITE)$/, 'a RACF user ID, CERTAUTH or SITE')
      .optional(),
    keystore: z.string().min(1).optional(),
    subject: DN,
    issuer: DN,
    notBefore: WHEN,
    notAfter: WHEN,
    extendedKeyUsage: z.array(z.enum(['clientAuth', 'serverAuth', 'codeSigning', 'emailProtection'])).default([]),
    /** keytool's PrivateKeyEntry: the store holds the private key, so the server can present it. */
    privateKey: z.boolean().default(false),
  })
  .strict()
  .refine((e) => (e.racfOwner === undefined) !== (e.keystore === undefined), 'exactly one of racfOwner and keystore');

const schema = z.object({ certificates: z.array(entry) }).strict();

export interface InventoryCertificate extends Certificate {
  label: string;
  privateKey: boolean;
  racfOwner?: string;
  keystore?: string;
}

export interface CertificateInventory {
  certificates: InventoryCertificate[];
  sources: Record<string, DefinitionSource>;
}

export function parseCertificateInventory(
  content: string,
  file: string,
  diagnostics: Diagnostics,
): CertificateInventory | undefined {
  const read = readYaml(content, file, schema, diagnostics);
  if (!read) return undefined;
  const sources: Record<string, DefinitionSource> = {};
  const certificates = read.value.certificates.map((e, i): InventoryCertificate => {
    const subject = toCommaDn(e.subject);
    sources[subject] ??= { at: read.locate(['certificates', i]), attributes: {} };
    return {
      label: e.label,
      privateKey: e.privateKey,
      ...(e.racfOwner ? { racfOwner: e.racfOwner } : {}),
      ...(e.keystore ? { keystore: e.keystore } : {}),
      subject,
      issuer: toCommaDn(e.issuer),
      notBefore: instant(e.notBefore) as string,
      notAfter: instant(e.notAfter) as string,
      extendedKeyUsage: e.extendedKeyUsage,
    };
  });
  return { certificates, sources };
}

export function inRacf(
  inventory: CertificateInventory | undefined,
  owner: string,
  label: string,
): InventoryCertificate | undefined {
  return inventory?.certificates.find((c) => c.racfOwner === owner && c.label === label);
}

export function inKeystore(inventory: CertificateInventory | undefined, keystore: string): InventoryCertificate[] {
  return inventory?.certificates.filter((c) => c.keystore === keystore) ?? [];
}
