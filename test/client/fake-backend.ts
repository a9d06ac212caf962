import {
  CONTRACTS,
  type ActionContract,
  type ActionInput,
  type ActionName,
  type ActionOutput,
  type FunctionName,
} from '@shared/contracts';
import type { Envelope, ErrorCode } from '@shared/errors';
import { setTransport } from '../../client/services/call';
import { setUploader } from '../../client/services/upload';

/** A refusal the fake function answers with (the server's error envelope). */
export class Refusal {
  constructor(
    readonly code: ErrorCode,
    readonly message: string,
  ) {}
}

type Answer<F extends FunctionName, A extends ActionName<F>> =
  | ActionOutput<F, A>
  | Refusal
  | ((input: ActionInput<F, A>) => ActionOutput<F, A> | Refusal | Promise<ActionOutput<F, A> | Refusal>);

/**
 * The cloud functions as a page test sees them: each action answers what the test says, and both sides are
 * held to the contract: the page's input must parse with the action's input schema, the test's answer with
 * its output schema (so a fixture cannot drift from what the function really sends). Every call is recorded;
 * a call nobody answers, or that breaks the contract either way, is recorded in `unexpected` and refused. An
 * answer function that throws is a network failure (the request never reached the function).
 *
 * Files a page uploads (photos, signatures, sheets) are recorded in `uploads` and answered with a file ID of
 * the `cloud://` form; the caller's folder (`account.uploadPrefix`) is `uploads/o-page-test/` unless the test
 * answers otherwise.
 */
export function fakeBackend() {
  const answers = new Map<string, (input: unknown) => unknown>();
  const calls: { fn: string; action: string; input: Record<string, unknown> }[] = [];
  const unexpected: string[] = [];
  const uploads: { cloudPath: string; source: string; fileId: string }[] = [];
  const backend = {
    calls,
    unexpected,
    uploads,
    /** Calls of one action, their inputs in order. */
    inputsOf(fn: FunctionName, action: string) {
      return calls.filter((c) => c.fn === fn && c.action === action).map((c) => c.input);
    },
    on<F extends FunctionName, A extends ActionName<F>>(fn: F, action: A, answer: Answer<F, A>) {
      answers.set(`${fn}.${action}`, (input) =>
        typeof answer === 'function' ? (answer as (i: unknown) => unknown)(input) : (answer as unknown),
      );
      return backend;
    },
  };
  backend.on('account', 'uploadPrefix', { prefix: 'uploads/o-page-test/' });
  setUploader(async (cloudPath, source) => {
    const fileId = `cloud://fake-env.fake-bucket/${cloudPath}`;
    uploads.push({ cloudPath, source, fileId });
    return fileId;
  });
  setTransport(async (fn, event): Promise<Envelope<unknown>> => {
    const { action, ...input } = event as { action: string } & Record<string, unknown>;
    calls.push({ fn, action, input });
    const answer = answers.get(`${fn}.${action}`);
    const contract = (CONTRACTS as Record<string, Record<string, ActionContract>>)[fn]?.[action];
    if (!answer || !contract) {
      unexpected.push(`${fn}.${action}`);
      return { ok: false, error: { code: 'UNKNOWN_ACTION', message: '未知操作' } };
    }
    const checked = contract.input.safeParse(input);
    if (!checked.success) {
      unexpected.push(`${fn}.${action}: input ${JSON.stringify(checked.error.issues)}`);
      return { ok: false, error: { code: 'INVALID_INPUT', message: '输入有误' } };
    }
    const out = await answer(checked.data);
    if (out instanceof Refusal) return { ok: false, error: { code: out.code, message: out.message } };
    const parsed = contract.output.safeParse(out);
    if (!parsed.success) {
      unexpected.push(
        `${fn}.${action}: the test's answer breaks the contract ${JSON.stringify(parsed.error.issues)}`,
      );
      return { ok: false, error: { code: 'INTERNAL', message: '答复不符合约定' } };
    }
    return { ok: true, data: parsed.data };
  });
  return backend;
}
