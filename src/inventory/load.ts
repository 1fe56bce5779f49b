/**
 * Loads a site inventory: YAML, validated by the zod schema, its cross-references checked, and every file
 * and secret it points at read. Any problem is a HarnessInputError (exit code 2) naming the file, the line,
 * the path of the field, and what was expected. Nothing here echoes a secret, not even a YAML syntax
 * error's source excerpt.
 */
import * as path from 'node:path';
import { CORE_SCHEMA, load as loadYaml } from 'js-yaml';
import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { HarnessInputError } from '../../support/errors';
import { MaterialReader, unchanged, type FileStamp } from './material-reader';
import { SecretStore, readSecret, readText, stateContradiction, type CertificateFacts } from './materials';
import { checkReferences, type InventoryIssue } from './references';
import {
  inventorySchema,
  type Inventory,
  type InventoryCertificate,
  type InventoryServer,
  type SecretSource,
} from './schema';

export interface InventoryProblem {
  path: string;
  line?: number;
  expected: string;
}

/** Every problem found in one inventory, so that one run fixes them all. */
export class InventoryError extends HarnessInputError {
  constructor(
    readonly file: string,
    readonly problems: InventoryProblem[],
  ) {
    const first = problems[0] ?? { path: '(inventory)', expected: 'a valid inventory' };
    super(file, first.path, first.expected);
    const lines = problems
      .slice(0, 20)
      .map((p) => `  ${file}${p.line ? `:${p.line}` : ''}: ${p.path}: expected ${p.expected}`);
    const more = problems.length > 20 ? [`  ... and ${problems.length - 20} more`] : [];
    this.message = `inventory ${file} is not valid (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${[...lines, ...more].join('\n')}`;
  }
}

export interface LoadedInventory {
  file: string;
  inventory: Inventory;
  /** Private keys, passwords, phrases, JWT signing keys: by the inventory object that declared them. */
  secrets: SecretStore;
  certificates: Map<InventoryCertificate, CertificateFacts>;
  /** Trust store bundles by absolute path. */
  trustStores: Map<string, string[]>;
  resolvePath(p: string): string;
  /**
   * The line of the YAML node at a path of the inventory (or of its nearest enclosing node), so that a
   * problem found while the scenarios run can point at the line to check (src/inventory/locate.ts).
   * Absent on inventories built in memory.
   */
  lineOf?(at: (string | number)[]): number | undefined;
}

/**
 * Each inventory is loaded once per process: the masker (src/report/known-secrets.ts) and the live target
 * both load the run's inventory, and a 5 MB inventory took seconds to load (issue 14). A kept load is
 * served only for the same file text, the same values of the environment variables it read, and files
 * (secrets, keys, certificates, trust stores) unchanged since; a caller that gives its own `now` always
 * loads afresh.
 */
const loads = new Map<
  string,
  { text: string; envRead: [string, string | undefined][]; stamps: FileStamp[]; loaded: LoadedInventory }
>();

/** The inventory file's text; an unreadable file is a harness input error naming it. */
function readInventoryText(file: string): { absolute: string; text: string } {
  const absolute = path.resolve(file);
  try {
    return { absolute, text: readText(absolute) };
  } catch (error) {
    throw new HarnessInputError(
      file,
      '(file)',
      `a readable inventory file (${(error as NodeJS.ErrnoException).code ?? 'unreadable'})`,
    );
  }
}

export function loadInventory(file: string, env: NodeJS.ProcessEnv = process.env, now?: Date): LoadedInventory {
  const { absolute, text } = readInventoryText(file);
  const kept = now === undefined ? loads.get(absolute) : undefined;
  if (kept && kept.text === text && kept.envRead.every(([n, v]) => env[n] === v) && unchanged(kept.stamps))
    return kept.loaded;
  const reader = new MaterialReader();
  const envRead: [string, string | undefined][] = [];
  const reading = new Proxy(env, {
    get(target, name) {
      const value = Reflect.get(target, name) as string | undefined;
      if (typeof name === 'string') envRead.push([name, value]);
      return value;
    },
  });
  const loaded = loadText(file, absolute, text, reading, now ?? new Date(), reader);
  if (now === undefined) loads.set(absolute, { text, envRead, stamps: reader.stamps, loaded });
  return loaded;
}

export interface ParsedInventory {
  absolute: string;
  inventory: Inventory;
  lineOf(at: (string | number)[]): number | undefined;
  problem(at: (string | number)[], expected: string): InventoryProblem;
}

/**
 * An inventory's YAML, validated by the schema and its cross-references, without reading the files and
 * secrets it points at (the preflight checks those one by one). Problems throw an InventoryError.
 */
export function parseInventoryFile(file: string): ParsedInventory {
  const { absolute, text } = readInventoryText(file);
  return parseInventoryText(file, absolute, text);
}

function parseInventoryText(file: string, absolute: string, text: string): ParsedInventory {
  // Two YAML parsers: js-yaml reads a valid inventory (5 MB in a quarter of a second and 90 MB, where the
  // yaml package took 1.6 s and 330 MB; issue 14), and the yaml package's document, with every node's
  // position, gives the lines of problems: it is parsed only when the text is not valid YAML, when the
  // inventory has a problem, or when a problem found while the scenarios run asks for a line.
  // test/yaml-parsers.test.ts checks that both read every YAML file the project keeps alike.
  let located: { doc: ReturnType<typeof parseDocument>; lineCounter: LineCounter } | undefined;
  const locate = () => {
    if (!located) {
      const lineCounter = new LineCounter();
      located = { doc: parseDocument(text, { lineCounter, prettyErrors: true }), lineCounter };
    }
    return located;
  };
  let data: unknown;
  try {
    data = loadYaml(text, { schema: CORE_SCHEMA, filename: file });
  } catch {
    data = undefined;
  }
  if (data === undefined) {
    const { doc } = locate();
    if (doc.errors.length > 0) {
      throw new InventoryError(
        file,
        doc.errors.map((e) => ({
          path: '(YAML)',
          line: e.linePos?.[0]?.line,
          expected: `valid YAML (${e.code} at column ${e.linePos?.[0]?.col ?? '?'})`,
        })),
      );
    }
    // What js-yaml refused (or read as empty) and the yaml package accepts: the yaml package's reading.
    data = doc.toJS();
  }
  const lineOf = (at: (string | number)[]) => {
    const { doc, lineCounter } = locate();
    for (let n = at.length; n >= 0; n--) {
      const node = doc.getIn(at.slice(0, n), true) as { range?: [number, number, number] } | undefined;
      if (node && typeof node === 'object' && node.range) return lineCounter.linePos(node.range[0]).line;
    }
    return undefined;
  };
  const problem = (at: (string | number)[], expected: string): InventoryProblem => ({
    path: formatPath(at),
    line: lineOf(at),
    expected,
  });

  const parsed = inventorySchema.safeParse(data);
  if (!parsed.success)
    throw new InventoryError(
      file,
      parsed.error.issues.map((issue) => problem(issue.path as (string | number)[], expectedOf(issue))),
    );
  const inventory = parsed.data;
  const referenceIssues: InventoryIssue[] = checkReferences(inventory);
  if (referenceIssues.length > 0)
    throw new InventoryError(
      file,
      referenceIssues.map((i) => problem(i.path, i.expected)),
    );
  return { absolute, inventory, lineOf, problem };
}

function loadText(
  file: string,
  absolute: string,
  text: string,
  env: NodeJS.ProcessEnv,
  now: Date,
  reader: MaterialReader,
): LoadedInventory {
  const { inventory, lineOf, problem } = parseInventoryText(file, absolute, text);
  const base = path.dirname(absolute);
  const resolvePath = (p: string) => path.resolve(base, p);
  const loaded: LoadedInventory = {
    file: absolute,
    inventory,
    secrets: new SecretStore(),
    certificates: new Map(),
    trustStores: new Map(),
    resolvePath,
    lineOf,
  };
  const problems = readMaterials(loaded, env, now, problem, reader);
  if (problems.length > 0) throw new InventoryError(file, problems);
  return loaded;
}

type ProblemAt = (at: (string | number)[], expected: string) => InventoryProblem;

function readMaterials(
  loaded: LoadedInventory,
  env: NodeJS.ProcessEnv,
  now: Date,
  problem: ProblemAt,
  reader: MaterialReader,
): InventoryProblem[] {
  const problems: InventoryProblem[] = [];
  const { inventory, secrets, resolvePath } = loaded;
  const secret = (owner: object, source: SecretSource | 'none' | undefined, at: (string | number)[]) => {
    if (source === undefined || source === 'none') return;
    const result = readSecret(source, env, resolvePath, (f) => reader.text(f));
    if ('value' in result) secrets.set(owner, result.value);
    else problems.push(problem(at, result.problem));
  };
  const trustStore = (file: string | undefined, at: (string | number)[]) => {
    if (file === undefined) return;
    const absolute = resolvePath(file);
    if (loaded.trustStores.has(absolute)) return;
    try {
      loaded.trustStores.set(absolute, reader.pemBundle(absolute));
    } catch (error) {
      problems.push(problem(at, `a readable PEM bundle of CA certificates (${describeError(error)}: ${absolute})`));
    }
  };
  inventory.sites.forEach((site, s) => {
    const at = ['sites', s];
    site.racf.users.forEach((user, u) => {
      secret(user, user.password, [...at, 'racf', 'users', u, 'password']);
      secret(passwordPhraseKey(user), user.phrase, [...at, 'racf', 'users', u, 'phrase']);
    });
    site.ldap.forEach((entry, l) => secret(entry, entry.password, [...at, 'ldap', l, 'password']));
    site.certificates.forEach((cert, c) =>
      readCertificate(loaded, cert, now, [...at, 'certificates', c], problems, problem, reader),
    );
    site.zosConnect.servers.forEach((server, v) => {
      const vat = [...at, 'zosConnect', 'servers', v];
      if (server.verifyServerCertificate && server.trustStore === undefined) {
        problems.push(
          problem(
            [...vat, 'trustStore'],
            'the CA bundle for the HTTPS server certificate (or verifyServerCertificate: false)',
          ),
        );
      }
      trustStore(server.trustStore, [...vat, 'trustStore']);
      if (server.jwt) readJwtKey(loaded, server, [...vat, 'jwt', 'signingKey'], problems, problem, reader);
      server.connections.forEach((conn, c) => {
        if (conn.tls !== 'none') trustStore(conn.tls.trustStore, [...vat, 'connections', c, 'tls', 'trustStore']);
      });
    });
  });
  return problems;
}

/** Phrases are stored under their own key object, so one user can hold both a password and a phrase. */
const phraseKeys = new WeakMap<object, object>();
export function passwordPhraseKey(user: object): object {
  let key = phraseKeys.get(user);
  if (!key) phraseKeys.set(user, (key = {}));
  return key;
}

function readCertificate(
  loaded: LoadedInventory,
  cert: InventoryCertificate,
  now: Date,
  at: (string | number)[],
  problems: InventoryProblem[],
  problem: ProblemAt,
  reader: MaterialReader,
) {
  const file = loaded.resolvePath(cert.certificate);
  let facts: CertificateFacts;
  try {
    facts = reader.certificateFacts(reader.text(file));
  } catch (error) {
    problems.push(
      problem([...at, 'certificate'], `a readable PEM certificate file (${describeError(error)}: ${file})`),
    );
    return;
  }
  const contradiction = stateContradiction(cert.state, facts, now);
  if (contradiction)
    problems.push(
      problem(
        [...at, 'state'],
        `a state that matches the certificate file (declared ${cert.state}, but the certificate is ${contradiction})`,
      ),
    );
  loaded.certificates.set(cert, facts);
  if (cert.key === undefined) return;
  const keyFile = loaded.resolvePath(cert.key);
  try {
    const { pem, key } = reader.privateKey(keyFile);
    if (!reader.keyMatches(facts.certificatePem, pem, key)) {
      problems.push(problem([...at, 'key'], `the private key of ${cert.certificate} (${keyFile} holds another key)`));
      return;
    }
    loaded.secrets.set(cert, pem);
  } catch (error) {
    problems.push(problem([...at, 'key'], `a readable PEM private key file (${describeError(error)}: ${keyFile})`));
  }
}

function readJwtKey(
  loaded: LoadedInventory,
  server: InventoryServer,
  at: (string | number)[],
  problems: InventoryProblem[],
  problem: ProblemAt,
  reader: MaterialReader,
) {
  const jwt = server.jwt;
  if (!jwt) return;
  const file = loaded.resolvePath(jwt.signingKey);
  try {
    const { pem, key } = reader.privateKey(file);
    const family = jwt.algorithm.startsWith('ES') ? 'ec' : 'rsa';
    if (key.asymmetricKeyType !== family) {
      problems.push(
        problem(
          at,
          `an ${family.toUpperCase()} private key for ${jwt.algorithm} (the file holds ${key.asymmetricKeyType})`,
        ),
      );
      return;
    }
    loaded.secrets.set(jwt, pem);
  } catch (error) {
    problems.push(problem(at, `a readable PEM private key file (${describeError(error)}: ${file})`));
  }
}

function describeError(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  return e.code ?? e.message?.split('\n')[0] ?? 'unreadable';
}

export function formatPath(at: (string | number)[]): string {
  if (at.length === 0) return '(top level)';
  return at.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

/** zod's issue, said as what was expected (zod does not include the input, so no secret can leak). */
function expectedOf(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type': {
      const missing = /received undefined/.test(issue.message);
      return missing
        ? `${issue.expected} (the field is missing)`
        : `${issue.expected} (${issue.message.replace(/^Invalid input: /, '')})`;
    }
    case 'invalid_value':
      return `one of ${issue.values.map((v) => String(v)).join(', ')}`;
    case 'unrecognized_keys':
      return `no field named ${issue.keys.join(', ')} (misspelt, or not part of the inventory format)`;
    case 'too_small':
      return issue.origin === 'array'
        ? `at least ${issue.minimum} entr${issue.minimum === 1 ? 'y' : 'ies'}`
        : `at least ${issue.minimum}`;
    case 'too_big':
      return issue.origin === 'array' ? `at most ${issue.maximum} entries` : `at most ${issue.maximum}`;
    case 'invalid_union':
    case 'custom':
    default:
      return issue.message.replace(/^Invalid input: /, '');
  }
}
