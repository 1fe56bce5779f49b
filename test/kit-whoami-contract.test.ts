/**
 * One whoami contract for the kit's program, its API and the sandbox: the COBOL copybook's field names
 * and lengths, the API's response mappings and OpenAPI schema, the inventory's default fields, and the
 * body the sandbox's z/OS Connect stand-in sends are all src/kit/whoami-contract.ts.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { parse } from 'yaml';
import { WHOAMI_FIELD_LENGTHS, WHOAMI_FIELDS, whoamiBody } from '../src/kit/whoami-contract';
import { inventorySchema } from '../src/inventory/schema';

const KIT = 'zos-kit';

/** Elementary items of the copybook (level, name, PIC length), comments (column 7 '*') left out. */
function copybookFields(text: string): { name: string; length: number }[] {
  return text
    .split('\n')
    .filter((l) => l[6] !== '*')
    .map((l) => /^\s+05\s+([A-Z0-9-]+)\s+PIC\s+X\((\d+)\)\./.exec(l.slice(0, 72)))
    .flatMap((m) => (m ? [{ name: m[1] as string, length: Number(m[2]) }] : []));
}

test('the COBOL copybook holds exactly the contract fields, at their lengths, under 01 WHOAMI', () => {
  const text = readFileSync(path.join(KIT, 'cobol', 'WHOAMICP.cpy'), 'utf8');
  assert.match(text, /^ {7}01 {2}WHOAMI\.$/m);
  assert.deepEqual(copybookFields(text), [
    { name: WHOAMI_FIELDS.userId, length: WHOAMI_FIELD_LENGTHS.userId },
    { name: WHOAMI_FIELDS.transid, length: WHOAMI_FIELD_LENGTHS.transid },
  ]);
  const program = readFileSync(path.join(KIT, 'cobol', 'WHOAMI.cbl'), 'utf8');
  assert.match(program, /EXEC CICS ASSIGN USERID\(WS-USERID\)/);
  assert.match(program, new RegExp(`MOVE WS-USERID TO ${WHOAMI_FIELDS.userId} OF WHOAMI`));
  assert.match(program, new RegExp(`MOVE EIBTRNID TO ${WHOAMI_FIELDS.transid} OF WHOAMI`));
});

test('every whoami operation maps the COMMAREA fields to a body with exactly the contract fields', () => {
  const operations = path.join(KIT, 'api', 'src', 'main', 'operations');
  const dirs = readdirSync(operations);
  assert.equal(dirs.length, 4);
  for (const dir of dirs) {
    const response = parse(readFileSync(path.join(operations, dir, 'get', 'response_200.yaml'), 'utf8'));
    const body = response.mappings[0].body.mappings as Record<string, { template: string }>[];
    assert.deepEqual(
      body.map((m) => Object.keys(m)[0]),
      [WHOAMI_FIELDS.userId, WHOAMI_FIELDS.transid],
    );
    for (const m of body) {
      const [name, mapping] = Object.entries(m)[0] as [string, { template: string }];
      assert.equal(mapping.template, `{{$zosAssetResponse.commarea.WHOAMI.${name}}}`);
    }
  }
  const openapi = parse(readFileSync(path.join(KIT, 'api', 'src', 'main', 'api', 'openapi.yaml'), 'utf8'));
  assert.deepEqual(Object.keys(openapi.components.schemas.Whoami.properties), [
    WHOAMI_FIELDS.userId,
    WHOAMI_FIELDS.transid,
  ]);
});

test("the inventory's default whoami fields and the sandbox's body are the contract", () => {
  assert.deepEqual(inventorySchema.shape.responses.parse(undefined).whoami, WHOAMI_FIELDS);
  assert.deepEqual(whoamiBody('KITUSR1', 'KITM'), { USERID: 'KITUSR1 ', TRANSID: 'KITM' });
  const server = readFileSync('src/sandbox/zos-connect-server.ts', 'utf8');
  assert.match(server, /JSON\.stringify\(whoamiBody\(decision\.taskUser, decision\.transid\)\)/);
});
