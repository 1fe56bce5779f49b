/**
 * Fail-closed on malformed definitions: random structural corruption of a valid site must never let a
 * request run. (test/model-properties.test.ts makes reads throw; here the definitions themselves are
 * wrong: a missing array, a value of the wrong type, a reference to something that is not defined.)
 *
 * A corruption the decision never reads cannot matter, so each property tracks whether the model read the
 * corrupted field, and asserts only when it did.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { decideRequest, DEFAULT_OPTIONS, type Site } from '../src/model';
import { callerOf, configs, siteOf, type Config } from './model-oracle-situations';

type Path = (string | number)[];

/** Every field of the site, by path, with its value: the places a corruption can hit. */
function fields(value: unknown, at: Path = [], out: { path: Path; value: unknown }[] = []) {
  if (!value || typeof value !== 'object') return out;
  const list = Array.isArray(value);
  for (const [key, child] of Object.entries(value)) {
    const path = [...at, list ? Number(key) : key];
    out.push({ path, value: child });
    fields(child, path, out);
  }
  return out;
}

/**
 * A deep copy of the site with the field at `path` replaced (or deleted, for `undefined`), where the
 * object holding the field reports every read of it.
 */
function corrupted(site: Site, path: Path, replacement: unknown, onRead: () => void): Site {
  const copy = structuredClone(site) as unknown as Record<string | number, unknown>;
  const key = path[path.length - 1]!;
  const parentPath = path.slice(0, -1);
  const parent = parentPath.reduce<Record<string | number, unknown>>((o, k) => o[k] as never, copy);
  if (replacement === undefined) delete parent[key];
  else parent[key] = replacement;
  const watched = new Proxy(parent, {
    get(target, k, receiver) {
      if (String(k) === String(key)) onRead();
      return Reflect.get(target, k, receiver);
    },
    has(target, k) {
      if (String(k) === String(key)) onRead();
      return Reflect.has(target, k);
    },
  });
  if (parentPath.length === 0) return watched as unknown as Site;
  const grand = parentPath.slice(0, -1).reduce<Record<string | number, unknown>>((o, k) => o[k] as never, copy);
  grand[parentPath[parentPath.length - 1]!] = watched;
  return copy as unknown as Site;
}

const decide = (site: Site, c: Config, original: Site) =>
  decideRequest(site, DEFAULT_OPTIONS, 'cics1', callerOf(c, original));

/**
 * Runs one corruption of one field and asserts: if the model read the field, the request did not run.
 * `only` picks the fields a corruption can change: picking among all fields and then discarding the runs
 * that hit a field the corruption leaves alone (fc.pre) gave the same runs, but drew about ten for each one
 * kept (most fields are scalars, the corruptions change lists), which was most of this file's time.
 */
function assertFailsClosed(
  c: Config,
  pick: number,
  replacementFor: (value: unknown) => unknown,
  only: (field: { path: Path; value: unknown }) => boolean,
) {
  const site = siteOf(c);
  const candidates = fields(site).filter(only);
  fc.pre(candidates.length > 0);
  const { path, value } = candidates[pick % candidates.length]!;
  const replacement = replacementFor(value);
  fc.pre(replacement !== value);
  let read = false;
  const decision = decide(
    corrupted(site, path, replacement, () => (read = true)),
    c,
    site,
  );
  if (read)
    assert.notEqual(
      decision.outcome,
      'ran',
      `${path.join('.')} = ${JSON.stringify(replacement) ?? 'missing'} was read and the request ran`,
    );
}

test('a missing definition the decision reads never lets the request run', () => {
  fc.assert(
    fc.property(configs, fc.nat(), (c, pick) =>
      assertFailsClosed(
        c,
        pick,
        () => undefined,
        (f) => Array.isArray(f.value),
      ),
    ),
    { numRuns: 1500 },
  );
});

test(
  'a missing setting never turns a refused request into one that runs',
  {
    todo:
      "known gap, reported: the model reads an absent switch as NO (region.sec, region.xtran, a transaction's " +
      'ressec) and an absent IPCONN key as "no match", so the request runs unchecked or on an autoinstalled ' +
      "IPCONN; only the site loader's schema stands between a malformed definition and the model",
  },
  () => {
    fc.assert(
      fc.property(configs, fc.nat(), (c, pick) => {
        const site = siteOf(c);
        const scalars = fields(site).filter((f) => f.value === null || typeof f.value !== 'object');
        const { path } = scalars[pick % scalars.length]!;
        const before = decide(site, c, site);
        const after = decide(
          corrupted(site, path, undefined, () => {}),
          c,
          site,
        );
        if (before.outcome !== 'ran') assert.notEqual(after.outcome, 'ran', `${path.join('.')} missing`);
      }),
      { numRuns: 1000 },
    );
  },
);

const notALists = fc.constantFrom<unknown>(null, 0, 1, true, {}, { length: 1 });
/** The one list the model reads without first calling an array method on it (see the todo below). */
const isKeyUsage = (path: Path) => path[path.length - 1] === 'extendedKeyUsage';

test('a list the decision reads, replaced by a value of another type, never lets the request run', () => {
  fc.assert(
    fc.property(configs, fc.nat(), notALists, (c, pick, wrong) =>
      assertFailsClosed(
        c,
        pick,
        () => wrong,
        (f) => Array.isArray(f.value) && !isKeyUsage(f.path),
      ),
    ),
    { numRuns: 1500 },
  );
});

test(
  "a client certificate's key usage list of the wrong type never lets the request run",
  {
    todo:
      'known gap, reported: certificateProblem (src/model/connection.ts) reads extendedKeyUsage.length, so a ' +
      'non-list without a length counts as "unrestricted" and the handshake succeeds',
  },
  () => {
    fc.assert(
      fc.property(
        configs.filter((c) => c.clientAuth || c.linkauth === 'CERTUSER'),
        fc.nat(),
        notALists,
        (c, pick, wrong) =>
          assertFailsClosed(
            c,
            pick,
            () => wrong,
            (f) => isKeyUsage(f.path),
          ),
      ),
      { numRuns: 300 },
    );
  },
);

test('a dangling reference from z/OS Connect never lets the request run', () => {
  const references = fc.constantFrom(
    // The connection element's sslCertsRef and authDataRef name elements that do not exist (R53, R54).
    (s: Site) => ({ ...s.zosConnect.connections[0]!, sslCertsRef: 'noSuchSsl' }),
    (s: Site) => ({ ...s.zosConnect.connections[0]!, authDataRef: 'noSuchAuthData' }),
  );
  fc.assert(
    fc.property(configs, references, (c, dangle) => {
      const site = siteOf(c);
      const connections = [dangle(site), ...site.zosConnect.connections.slice(1)];
      const broken = { ...site, zosConnect: { ...site.zosConnect, connections } };
      assert.notEqual(decide(broken, c, site).outcome, 'ran');
    }),
    { numRuns: 500 },
  );
});

test('a mirror transaction CICS does not define never runs the request (R48)', () => {
  fc.assert(
    fc.property(
      configs.filter((c) => c.sec),
      (c) => {
        const site = siteOf(c);
        const connections = site.zosConnect.connections.map((x) => ({ ...x, transid: 'NONE' }));
        const broken = { ...site, zosConnect: { ...site.zosConnect, connections } };
        assert.notEqual(decide(broken, c, site).outcome, 'ran');
      },
    ),
    { numRuns: 500 },
  );
});

test('a request over a connection element z/OS Connect does not define is never run', () => {
  fc.assert(
    fc.property(configs, (c) => {
      const site = siteOf(c);
      assert.notEqual(decideRequest(site, DEFAULT_OPTIONS, 'noSuchConnection', callerOf(c, site)).outcome, 'ran');
    }),
    { numRuns: 200 },
  );
});
