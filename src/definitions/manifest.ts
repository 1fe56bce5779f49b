/**
 * site.yaml: what the auditor knows about the site that no definition records, and where the definition
 * files are. Paths are relative to the directory holding site.yaml.
 */
import { z } from 'zod';
import type { DefinitionSource } from '../../support/definitions-port';
import type { Diagnostics } from './diagnostics';
import { instant, readYaml } from './yaml-source';

const USERID = z
  .string()
  .regex(/^[A-Z0-9@#$]{1,8}$/, 'a RACF user ID: 1 to 8 upper-case characters from A-Z 0-9 @ # $');
const files = z
  .union([z.string().min(1), z.array(z.string().min(1)).min(1)])
  .transform((f) => (Array.isArray(f) ? f : [f]));

const schema = z
  .object({
    auditDate: z
      .string()
      .refine((t) => instant(t) !== undefined, 'an ISO date or instant, e.g. 2026-06-01 or 2026-06-01T00:00:00Z'),
    cics: z
      .object({
        regionUserid: USERID.describe('the CICS region job user ID'),
        networkid: z
          .string()
          .regex(/^[A-Z0-9@#$]{1,8}$/, 'a network ID of 1 to 8 characters')
          .optional(),
        csd: files,
        sit: z.string().min(1),
      })
      .strict(),
    /** RACF commands (batch TSO, SYSTSIN), replayed in order after any unload. */
    racf: files.optional(),
    /** IRRDBU00 database unloads: the RACF database as it stood when unloaded (irrdbu00.ts). */
    racfUnload: files.optional(),
    zosConnect: z
      .object({
        serverXml: z.string().min(1),
        /** Default: bootstrap.properties beside server.xml, when it is there (Liberty reads it from there). */
        bootstrapProperties: z.string().min(1).optional(),
        /** Default: server.env beside server.xml, when it is there. */
        serverEnv: z.string().min(1).optional(),
        /** Liberty's wlp.user.dir; default: usr when server.xml is usr/servers/<name>/server.xml. */
        wlpUserDir: z.string().min(1).optional(),
        /** Liberty's wlp.install.dir; default: the parent of wlp.user.dir when that is named usr. */
        wlpInstallDir: z.string().min(1).optional(),
        /** Liberty's server.output.dir; default: the directory of server.xml (WLP_OUTPUT_DIR unset). */
        serverOutputDir: z.string().min(1).optional(),
        sameSysplex: z.boolean(),
        program: z
          .string()
          .regex(/^[A-Z0-9@#$]{1,8}$/, 'a CICS program name of 1 to 8 characters')
          .optional(),
      })
      .strict(),
    tcpip: z
      .object({ atTlsBasicPorts: z.array(z.number().int().min(1).max(65535)).default([]) })
      .strict()
      .default({ atTlsBasicPorts: [] }),
    certificates: z.string().min(1).optional(),
    /**
     * Values of the z/OS symbols (&NAME. or &NAME) in the in-stream data of JCL members named as CSD,
     * SIT or RACF input: what the job ran with, e.g. { APPLID: CICSAOR1 }.
     */
    symbols: z
      .record(
        z
          .string()
          .regex(/^[A-Z@#$][A-Z0-9@#$]{0,7}$/, 'a z/OS symbol name: 1 to 8 upper-case characters, no ampersand'),
        z.string(),
      )
      .default({}),
  })
  .strict()
  .refine((m) => m.racf !== undefined || m.racfUnload !== undefined, {
    message: 'racf (RACF commands), racfUnload (an IRRDBU00 unload) or both',
    path: ['racf'],
  });

export type SiteManifest = z.output<typeof schema> & { auditInstant: string };

export function parseManifest(
  content: string,
  file: string,
  diagnostics: Diagnostics,
): { manifest: SiteManifest; sources: Record<string, DefinitionSource> } | undefined {
  const read = readYaml(content, file, schema, diagnostics);
  if (!read) return undefined;
  const source = (...path: (string | number)[]): DefinitionSource => ({ at: read.locate(path), attributes: {} });
  return {
    manifest: { ...read.value, auditInstant: instant(read.value.auditDate) as string },
    sources: {
      auditDate: source('auditDate'),
      regionUserid: source('cics', 'regionUserid'),
      networkid: source('cics', 'networkid'),
      sameSysplex: source('zosConnect', 'sameSysplex'),
      program: source('zosConnect', 'program'),
      atTlsBasicPorts: source('tcpip', 'atTlsBasicPorts'),
    },
  };
}
