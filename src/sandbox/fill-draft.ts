/**
 * Completes the inventory `npm run inventory -- init` drafted, with a definitions sandbox's facts, as the
 * QA engineer completes it for the LPAR: every value init marked FILL IN, every {env:} secret reference
 * (made a {file:} of the sandbox's own account), and the addresses of the TCPIPSERVICEs (init copies the
 * host and port the definitions give; the sandbox listens on loopback ports the OS picks). It also gives
 * the sandbox's timeouts and readings (its model options), as an inventory for a nearby site whose readings
 * are known would. Nothing else is touched, so what is rehearsed is init's own output. A marked value the
 * sandbox cannot give is an error, never a guess, unless the user filled it in (a --draft they edited).
 */
import { isMap, isScalar, isSeq, parseDocument, stringify, type Node } from 'yaml';
import { FILL_IN_COMMENT } from '../inventory/draft-yaml';
import { FILL_IN } from '../inventory/from-definitions';
import type { SandboxFacts } from './definitions-sandbox';

type Path = (string | number)[];

export function fillDraft(draftText: string, facts: SandboxFacts): string {
  const doc = parseDocument(draftText);
  if (doc.errors.length > 0) throw new Error(`the draft is not YAML: ${doc.errors[0]?.message}`);
  const marked: Path[] = [];
  walk(doc.contents, [], (at, value, comment) => {
    if ((typeof value === 'string' && value.includes(FILL_IN)) || comment?.includes(FILL_IN_COMMENT)) marked.push(at);
  });
  const inventory = doc.toJS() as Record<string, unknown>;
  for (const at of marked) {
    const given = filledIn(getIn(inventory, at));
    try {
      setIn(inventory, at, valueFor(inventory, at, facts));
    } catch (error) {
      // A value only the site can give (an APPLID server.xml does not set, say), which the user filled in
      // in the draft given with --draft: theirs stands. Left as init wrote it, it is an error.
      if (!given) throw error;
    }
  }
  for (const site of list(inventory.sites)) {
    for (const user of list(record(site.racf).users)) {
      for (const kind of ['password', 'phrase'] as const) {
        if (!isEnvReference(user[kind])) continue;
        const file = facts.secrets[String(user.id)]?.[kind];
        if (!file) throw new Error(`the sandbox has no ${kind} for ${String(user.id)}, which the draft references`);
        user[kind] = { file };
      }
    }
    for (const region of list(record(site.cics).regions)) {
      for (const service of list(region.tcpipServices)) {
        const address = facts.listeners[String(service.name)];
        if (!address) throw new Error(`the sandbox has no listener for TCPIPSERVICE ${String(service.name)}`);
        Object.assign(service, address);
      }
    }
  }
  inventory.timeouts = { ...facts.timeouts };
  // init leaves the readings out (unknown: every scenario runs); the sandbox knows its own, so a scenario
  // that assumes another reading is not applicable rather than judged against the wrong one.
  inventory.readings = { ...facts.readings, ...record(inventory.readings) };
  const filled = JSON.stringify(inventory);
  if (filled.includes(FILL_IN) || /"env":/.test(filled))
    throw new Error('the filled inventory still holds a FILL-IN value or an {env:} reference');
  return `# The draft of npm run inventory -- init, filled in for the rehearsal sandbox (src/sandbox/fill-draft.ts).\n${stringify(inventory, { lineWidth: 0 })}`;
}

/** The sandbox's value for a marked field, by where it is in the inventory. */
function valueFor(inventory: Record<string, unknown>, at: Path, facts: SandboxFacts): unknown {
  const pattern = at.map((p) => (typeof p === 'number' ? '*' : p)).join('.');
  const parent = record(getIn(inventory, at.slice(0, -1)));
  const connectionId = () => String(record(getIn(inventory, at.slice(0, at.indexOf('connections') + 2))).id);
  switch (pattern) {
    case 'responses.connectionFailure':
      return facts.responses.connectionFailure;
    case 'responses.configurationError':
      return facts.responses.configurationError;
    case 'sites.*.cics.regions.*.sysplex':
    case 'sites.*.zosConnect.servers.*.sysplex':
      return facts.sysplex;
    case 'sites.*.cics.regions.*.tcpipServices.*.host':
      return facts.listeners[String(parent.name)]?.host ?? unavailable(pattern);
    case 'sites.*.certificates.*.certificate':
    case 'sites.*.certificates.*.key':
      return (
        facts.certificates[String(parent.id)]?.[at.at(-1) as 'certificate' | 'key'] ??
        unavailable(`the files of certificate ${String(parent.id)}`)
      );
    case 'sites.*.zosConnect.servers.*.baseUrl':
      return facts.baseUrl;
    case 'sites.*.zosConnect.servers.*.trustStore':
      return facts.httpsTrustStore;
    case 'sites.*.zosConnect.servers.*.connections.*.tls.trustStore':
      return parent.trustsServerCertificate === false ? facts.lackingTrustStore : facts.cicsTrustStore;
    case 'sites.*.zosConnect.servers.*.connections.*.whoami.path':
      return facts.whoamiPath(connectionId());
    case 'sites.*.zosConnect.servers.*.connections.*.authData.secret.correct':
      return facts.authDataCorrect[connectionId()] ?? unavailable(`the authData of ${connectionId()}`);
    default:
      return unavailable(pattern);
  }
}

function unavailable(what: string): never {
  throw new Error(
    `the rehearsal sandbox cannot fill in ${what}: the definitions do not give it, so a sandbox made from them ` +
      'cannot either; fill it in the draft (npm run inventory -- init) and rehearse with --draft FILE',
  );
}

/** Whether a marked value is no longer as init left it: no FILL-IN text, not null, not an empty list. */
function filledIn(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (typeof value === 'string') return !value.includes(FILL_IN);
  return !(Array.isArray(value) && value.length === 0);
}

function walk(node: Node | null, at: Path, visit: (at: Path, value: unknown, comment?: string | null) => void): void {
  // A list or map init marked (the RACF users definitions without any, say) carries the comment itself.
  if ((isMap(node) || isSeq(node)) && node.comment) visit(at, node.toJSON(), node.comment);
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      walk(pair.value as Node | null, [...at, key], visit);
    }
  } else if (isSeq(node)) node.items.forEach((item, i) => walk(item as Node | null, [...at, i], visit));
  else if (isScalar(node)) visit(at, node.value, node.comment);
}

function getIn(value: unknown, at: Path): unknown {
  return at.reduce<unknown>((v, key) => (v as Record<string | number, unknown> | undefined)?.[key], value);
}

function setIn(value: Record<string, unknown>, at: Path, replacement: unknown): void {
  const parent = getIn(value, at.slice(0, -1)) as Record<string | number, unknown>;
  parent[at.at(-1) as string | number] = replacement;
}

type Loose = Record<string, unknown>;

function record(value: unknown): Loose {
  return typeof value === 'object' && value !== null ? (value as Loose) : {};
}

function list(value: unknown): Loose[] {
  return Array.isArray(value) ? value.map(record) : [];
}

function isEnvReference(value: unknown): boolean {
  return typeof value === 'object' && value !== null && 'env' in value;
}
