import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { ConfigError, ParascadError } from '../../src/errors.js';
import type { RunEvent } from '../../src/run/run-event.js';
import { runErrorEvent } from '../../src/run/run-error-event.js';
import { eventSchemaFile, eventSchemaText } from '../../scripts/generate-event-schema.js';
import { scriptedRun } from '../report/support/run-fixture.js';

const schema = JSON.parse(readFileSync(eventSchemaFile, 'utf8')) as Record<string, unknown>;
const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);

/** The events of the scripted run of the reporter tests. */
function scriptedEvents(): RunEvent[] {
  return scriptedRun().steps.flatMap((step) => ('wait' in step ? [] : [step]));
}

/** The event as a program reading `--json` sees it. */
function asJson(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value));
}

describe('the published JSON Schema of run events', () => {
  it('is the one the zod schemas generate now (run npm run schema after changing them)', async () => {
    expect(readFileSync(eventSchemaFile, 'utf8')).toBe(await eventSchemaText());
  });

  it('accepts every event of a scripted run, serialised as --json writes it', () => {
    const events = scriptedEvents();
    expect(events.length).toBeGreaterThan(5);
    for (const event of events) {
      expect({
        event: event.type,
        valid: validate(asJson(event)),
        errors: validate.errors ?? [],
      }).toEqual({ event: event.type, valid: true, errors: [] });
    }
  });

  it('accepts a configuration error and a usage error as run-error events', () => {
    const config = new ConfigError([
      {
        message: 'unknown key "qualty"',
        location: { file: '/p/c.yaml', line: 3, column: 1, length: 6 },
        hint: 'did you mean quality?',
      },
    ]);
    for (const error of [config, new ParascadError('USAGE', 'bad flag', 'see --help')]) {
      expect(validate(asJson(runErrorEvent(error))), JSON.stringify(validate.errors)).toBe(true);
    }
  });

  it('refuses an event with a field the types do not have, or a wrong type', () => {
    const [first] = scriptedEvents();
    expect(validate({ ...(asJson(first) as object), extra: 1 })).toBe(false);
    expect(validate({ type: 'stopping', reason: 'bored', running: 1 })).toBe(false);
    expect(validate({ type: 'part-done' })).toBe(false);
  });
});
