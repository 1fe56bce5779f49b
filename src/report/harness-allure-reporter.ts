/**
 * allure-cucumberjs's reporter, as the harness uses it (the masked formatter of the cucumber profiles and
 * `npm run conformance`), with three changes:
 * - every result gets the labels and link of documentation-labels.ts when its scenario starts;
 * - an outline's scenario does not get its whole Examples table attached as a CSV file: its row is already
 *   the result's parameters, and the table's 311 copies were a third of the files a model run wrote, each
 *   costing a file creation (about 0.2 s of a default-profile run on this machine; `npm run bench`);
 * - a hook is shown only when it fails, and then as a broken step of the scenario. allure-cucumberjs makes
 *   every hook a fixture ("Before", "After": two empty entries on each of the run's results, and about
 *   25 ms of a model run), and a failed Before hook left the result "skipped", which the Allure categories
 *   read as not applicable. A hook failing (a misspelt @assumes tag, say) is a harness error: broken.
 * It reads the reporter's state and calls its runtime (allure-cucumberjs 3): test/report-allure-reporter.test.ts
 * runs it against the real package.
 */
import type {
  GherkinDocument,
  Pickle,
  TestCase,
  TestCaseStarted,
  TestStep,
  TestStepFinished,
  TestStepStarted,
} from '@cucumber/messages';
import { documentationLabels, type AllureLabel, type AllureLink } from './documentation-labels';

interface StepResult {
  name: string;
  status: string;
  statusDetails: { message?: string; trace?: string };
  start: number;
}

interface HookDefinition {
  name?: string;
  uri?: string;
  line?: number;
}

/** What the harness reads of allure-cucumberjs 3's reporter and of its allure-js-commons runtime. */
interface ReporterState {
  testCaseMap: Map<string, TestCase>;
  testStepMap: Map<string, TestStep>;
  pickleMap: Map<string, Pickle>;
  documentMap: Map<string, GherkinDocument>;
  testResultUuids: Map<string, string>;
  beforeHooks: Record<string, HookDefinition>;
  afterHooks: Record<string, HookDefinition>;
  allureRuntime: {
    updateTest(uuid: string, update: (r: { labels: AllureLabel[]; links: AllureLink[] }) => void): void;
    startStep(rootUuid: string, parentStepUuid: undefined, result: StepResult): string | undefined;
    stopStep(uuid: string, opts: { stop: number }): void;
    writeAttachment(testUuid: string, stepUuid: string | null, name: string, ...rest: unknown[]): void;
  };
  onTestCaseStarted(data: TestCaseStarted): void;
  onTestStepStarted(data: TestStepStarted): void;
  onTestStepFinished(data: TestStepFinished): void;
}

type Constructor = new (...args: any[]) => object; // eslint-disable-line @typescript-eslint/no-explicit-any

const millis = (t: { seconds: number; nanos: number }) => t.seconds * 1000 + Math.floor(t.nanos / 1e6);

export function harnessAllureReporter<T extends Constructor>(Reporter: T): T {
  const Base = Reporter as unknown as new (...args: unknown[]) => ReporterState;
  class HarnessAllureReporter extends Base {
    /** When each running hook started, by test step ID: it becomes a step only if it fails. */
    private readonly hookStarts = new Map<string, number>();

    override onTestCaseStarted(data: TestCaseStarted): void {
      const runtime = this.allureRuntime;
      const writeAttachment = runtime.writeAttachment;
      runtime.writeAttachment = (testUuid, stepUuid, name, ...rest) => {
        if (stepUuid === null && /^Examples(: |$)/.test(name)) return;
        writeAttachment.call(runtime, testUuid, stepUuid, name, ...rest);
      };
      try {
        super.onTestCaseStarted(data);
      } finally {
        runtime.writeAttachment = writeAttachment;
      }
      const pickleId = this.testCaseMap.get(data.testCaseId)?.pickleId;
      const pickle = pickleId === undefined ? undefined : this.pickleMap.get(pickleId);
      const uuid = this.testResultUuids.get(data.id);
      if (!pickle || !uuid) throw new Error(`Allure reporter: no pickle or result for test case ${data.testCaseId}`);
      const { labels, links } = documentationLabels(this.documentMap.get(pickle.uri), pickle);
      this.allureRuntime.updateTest(uuid, (result) => {
        result.labels.push(...labels);
        result.links.push(...links);
      });
    }

    override onTestStepStarted(data: TestStepStarted): void {
      if (!this.testStepMap.get(data.testStepId)?.hookId) return super.onTestStepStarted(data);
      this.hookStarts.set(data.testStepId, millis(data.timestamp));
    }

    override onTestStepFinished(data: TestStepFinished): void {
      const hookId = this.testStepMap.get(data.testStepId)?.hookId;
      if (!hookId) return super.onTestStepFinished(data);
      const start = this.hookStarts.get(data.testStepId) ?? millis(data.timestamp);
      this.hookStarts.delete(data.testStepId);
      const { status, message, exception } = data.testStepResult;
      if (status === 'PASSED' || status === 'SKIPPED') return;
      const testUuid = this.testResultUuids.get(data.testCaseStartedId);
      if (!testUuid) return;
      const step = this.allureRuntime.startStep(testUuid, undefined, {
        name: `${this.hookTitle(hookId)} failed`,
        status: 'broken',
        statusDetails: { message: exception?.message ?? message ?? status, trace: exception?.stackTrace ?? message },
        start,
      });
      if (step) this.allureRuntime.stopStep(step, { stop: millis(data.timestamp) });
    }

    /** "Before hook support/hooks.ts:22", with the hook's name when it has one. */
    private hookTitle(hookId: string): string {
      const before = this.beforeHooks[hookId];
      const hook = before ?? this.afterHooks[hookId];
      const where = hook?.uri ? ` ${hook.uri}:${hook.line}` : '';
      return `${before ? 'Before' : 'After'} hook${hook?.name ? ` "${hook.name}"` : ''}${where}`;
    }
  }
  return HarnessAllureReporter as unknown as T;
}
