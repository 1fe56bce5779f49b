/** A small, valid site for unit tests: everything allowed, so a test changes one thing and sees its effect. */
import { DEFAULT_OPTIONS, type ModelOptions, type Site } from '../src/model';
import { buildSite } from '../src/targets/model/build-site';
import { emptySituation, type Situation } from '../support/target-port';

export function site(change: (s: Situation) => void = () => {}): Site {
  const situation = emptySituation();
  situation.users.ALICE = {};
  situation.users.LINKUSR = {};
  situation.zosConnect.sameSysplex = true;
  change(situation);
  return buildSite(situation);
}

export function options(changes: Partial<ModelOptions> = {}): ModelOptions {
  return { ...DEFAULT_OPTIONS, ...changes };
}
