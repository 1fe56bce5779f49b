/**
 * vendor/regexp-match-indices stands in for the package of that name under cucumber-expressions (see its
 * index.js for why). Step arguments are cut out of step text by the indices it returns, so a mistake
 * here would hand steps the wrong user, transaction or secret. These cases were worked by hand and also
 * agree with regexp-match-indices 1.0.2, the package it replaces.
 */
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';
import { CucumberExpression, ParameterTypeRegistry, RegularExpression } from '@cucumber/cucumber-expressions';

type Exec = (regexp: RegExp, text: string) => (RegExpExecArray & { indices: [number, number][] }) | null;
const exec = createRequire(__filename)('../vendor/regexp-match-indices') as Exec;

describe('native match indices for cucumber-expressions', () => {
  it('is the module cucumber-expressions loads (package.json "overrides")', () => {
    const fromExpressions = createRequire(require.resolve('@cucumber/cucumber-expressions'));
    assert.equal(fromExpressions.resolve('regexp-match-indices'), require.resolve('../vendor/regexp-match-indices'));
  });

  const cases: { regexp: RegExp; text: string; indices: ([number, number] | undefined)[] }[] = [
    {
      regexp: /^(\w+) calls (?:the )?(\w+) API$/,
      text: 'ALICE calls the whoami API',
      indices: [
        [0, 26],
        [0, 5],
        [16, 22],
      ],
    },
    { regexp: /a(b(c)?)?d/, text: 'xabd', indices: [[1, 4], [2, 3], undefined] },
    {
      regexp: /(a|(b))+/,
      text: 'ab',
      indices: [
        [0, 2],
        [1, 2],
        [1, 2],
      ],
    },
    {
      regexp: /(?<=USER=)(\w*)/,
      text: 'USER=',
      indices: [
        [5, 5],
        [5, 5],
      ],
    },
    {
      regexp: /(?<user>[A-Z]+)-(\d+)/,
      text: 'id LINKUSR-42',
      indices: [
        [3, 13],
        [3, 10],
        [11, 13],
      ],
    },
  ];
  for (const { regexp, text, indices } of cases) {
    it(`${regexp} on "${text}"`, () => {
      const match = exec(regexp, text);
      assert.ok(match);
      assert.deepEqual([...match.indices], indices);
      match.indices.forEach((span, group) => span && assert.equal(text.slice(...span), match[group]));
    });
  }

  it('returns null when nothing matches', () => assert.equal(exec(/^LINKUSR$/, 'ALICE'), null));

  it('a remembered miss is per regexp and per text: the same text still matches another regexp', () => {
    const linkUser = /^(LINKUSR)$/;
    const anyUser = /^([A-Z]+)$/;
    assert.equal(exec(linkUser, 'ALICE'), null);
    assert.equal(exec(linkUser, 'ALICE'), null, 'asked again');
    assert.deepEqual(
      [...exec(anyUser, 'ALICE')!.indices],
      [
        [0, 5],
        [0, 5],
      ],
    );
    assert.deepEqual(
      [...exec(linkUser, 'LINKUSR')!.indices],
      [
        [0, 7],
        [0, 7],
      ],
    );
  });

  it('reads and advances lastIndex like RegExp.prototype.exec for global regexps', () => {
    const regexp = /(\d)/g;
    assert.deepEqual(
      [...exec(regexp, 'a1b2')!.indices],
      [
        [1, 2],
        [1, 2],
      ],
    );
    assert.equal(regexp.lastIndex, 2);
    assert.deepEqual(
      [...exec(regexp, 'a1b2')!.indices],
      [
        [3, 4],
        [3, 4],
      ],
    );
    assert.equal(exec(regexp, 'a1b2'), null);
    assert.equal(regexp.lastIndex, 0);
  });

  it('reads and advances lastIndex like RegExp.prototype.exec for sticky regexps', () => {
    const regexp = /(\d)/y;
    regexp.lastIndex = 1;
    assert.deepEqual(
      [...exec(regexp, 'a1b2')!.indices],
      [
        [1, 2],
        [1, 2],
      ],
    );
    assert.equal(regexp.lastIndex, 2);
    assert.equal(exec(regexp, 'a1b2'), null);
    assert.equal(regexp.lastIndex, 0);
  });

  it('gives indices for a regexp that already has the d flag', () => {
    assert.deepEqual(
      [...exec(/b(c)/d, 'abc')!.indices],
      [
        [1, 3],
        [2, 3],
      ],
    );
  });

  it('matches exactly as the language does, whatever the flags and the shape of the regexp', () => {
    // Optional or repeated literals, an alternative at the top level, flags i, m and u, escapes, a class.
    const cases: [RegExp, string][] = [
      [/^abc?d$/, 'abd'],
      [/^ab+/, 'abbb'],
      [/^a{2}/, 'aa'],
      [/^ab|cd$/, 'xcd'],
      [/^(a)|b/, 'b'],
      [/^(?:a|b) step$/, 'b step'],
      [/^abc/i, 'ABC'],
      [/^b/m, 'a\nb'],
      [/^\u{1F600}?x/u, 'x'],
      [/^😀?x/u, 'x'],
      [/^😀x/u, '😀x'],
      [/^z\/OS$/, 'z/OS'],
      [/^z\/OS$/, 'zOS'],
      [/^a\.b/, 'axb'],
      [/^x\d/, 'x1'],
      [/^[|]a/, '|a'],
      [/^RACF users (.*) and (.*)$/, 'RACF users A and B'],
      [/^RACF users (.*)$/, 'RACF user A'],
    ];
    for (const [regexp, text] of cases) {
      const native = new RegExp(regexp.source, `${regexp.flags}d`).exec(text);
      const ours = exec(regexp, text);
      assert.deepEqual(
        ours && [...ours.indices],
        native && [...native.indices!],
        `${regexp} on ${JSON.stringify(text)}`,
      );
    }
  });

  it('gives cucumber-expressions the arguments of a step, including an absent optional group', () => {
    const registry = new ParameterTypeRegistry();
    const expression = new CucumberExpression('{word} may( not) attach {word}', registry);
    assert.deepEqual(
      expression.match('ALICE may attach CSMI')?.map((a) => a.getValue(null)),
      ['ALICE', 'CSMI'],
    );
    const regular = new RegularExpression(/^the IPCONN's SECURITYNAME is (blank|the region user|(\w+))$/, registry);
    const args = regular.match("the IPCONN's SECURITYNAME is LINKUSR")!;
    assert.deepEqual(
      args.map((a) => [a.group.value, a.group.start, a.group.end]),
      [['LINKUSR', 29, 36]],
    );
  });
});
