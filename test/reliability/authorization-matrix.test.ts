import { CONTRACTS } from '@shared/contracts';
import { ACTION_ROWS, PERSONAS, PERSONA_PEOPLE, cellOf, type Persona } from './action-rows';
import { answerText, buildScenario, diff, type Scenario, type Snapshot } from './scenario';

/**
 * A refused call writes nothing: every action of every function × every persona who is not the object's
 * owner (no user, a tenant of another household, the manager / worker / volunteer of another project, the
 * housing office where the object is not the office's), on a valid input naming an object of someone else.
 * Each is refused as NOT_FOUND / UNAUTHENTICATED (or, for the caller's own lists, answers without anything
 * of the owner's), and every collection and every stored file is the same before and after.
 */
describe('authorization matrix: action × persona × someone else’s object', () => {
  let s: Scenario;
  let current: Snapshot;
  beforeAll(async () => {
    s = await buildScenario();
    current = await s.snapshot();
  }, 60_000);
  afterAll(() => s.close());

  it('has a row for every action of every function, and no row for an action that does not exist', () => {
    const actions = Object.entries(CONTRACTS).flatMap(([fn, a]) => Object.keys(a).map((x) => `${fn}.${x}`));
    const problems = [
      ...actions.filter((a) => !ACTION_ROWS[a]).map((a) => `no row for ${a}`),
      ...Object.keys(ACTION_ROWS)
        .filter((a) => !actions.includes(a))
        .map((a) => `row for ${a}, which no contract has`),
    ];
    expect(problems).toEqual([]);
  });

  it('says for every persona what it must get, and why wherever a persona may act', () => {
    const unclear = Object.entries(ACTION_ROWS).flatMap(([name, row]) =>
      PERSONAS.flatMap((p) => {
        const c = cellOf(row, p);
        return c === 'refuse' || c === 'hide' || (typeof c === 'object' && c.allow.trim() !== '')
          ? []
          : [`${name} × ${p}`];
      }),
    );
    expect(unclear).toEqual([]);
  });

  const cells = Object.entries(ACTION_ROWS).flatMap(([name, row]) =>
    PERSONAS.flatMap((p) => {
      const c = cellOf(row, p);
      return c === 'refuse' || c === 'hide' ? [[name, p, c] as [string, Persona, 'refuse' | 'hide']] : [];
    }),
  );

  it.each(cells)('%s × %s: %s', async (name, persona, cell) => {
    const [fn, action] = name.split('.') as [string, string];
    const row = ACTION_ROWS[name]!;
    const answer = await s.call(PERSONA_PEOPLE[persona], fn, action, row.input(s.ids));
    const after = await s.snapshot();
    const changes = diff(current, after);
    current = after;
    if (cell === 'refuse') {
      expect({ code: answer.ok ? 'ok' : answer.error.code, changes }).toEqual({
        code: expect.stringMatching(/^(NOT_FOUND|UNAUTHENTICATED)$/),
        changes: '',
      });
    } else {
      const text = await answerText(answer, s.host);
      const leaked = s.privateMarkers.filter((m) => text.includes(m));
      // An export the caller may make is a new file in their OWN folder, exports/<their openid>/ (its cells
      // are searched for the owner's markers above): their answer, not a change to anyone's data.
      const ownExports = `added file exports/${s.openid(PERSONA_PEOPLE[persona])}/`;
      const others = changes
        .split('\n')
        .filter((l) => l !== '' && !l.startsWith(ownExports))
        .join('\n');
      expect({ leaked, changes: others }).toEqual({ leaked: [], changes: '' });
    }
  });
});

/**
 * The control: each row's input names an object that exists and that its owner may act on, so that the
 * refusals above are about who is calling, not about a wrong id. The owner's call with the same input is
 * never NOT_FOUND, UNAUTHENTICATED or INVALID_INPUT (a state refusal is fine: the object was found).
 */
describe('authorization matrix control: the owner is not refused', () => {
  let s: Scenario;
  beforeAll(async () => {
    s = await buildScenario();
  }, 60_000);
  afterAll(() => s.close());

  it.each(Object.keys(ACTION_ROWS))('%s', async (name) => {
    const [fn, action] = name.split('.') as [string, string];
    const row = ACTION_ROWS[name]!;
    const answer = await s.call(row.owner, fn, action, row.input(s.ids));
    const code = answer.ok ? 'ok' : answer.error.code;
    expect(code).not.toMatch(/^(NOT_FOUND|UNAUTHENTICATED|INVALID_INPUT)$/);
  });
});
