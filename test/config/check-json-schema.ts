/** A JSON Schema (or one of its subschemas) as plain data. */
type Schema = Readonly<Record<string, unknown>>;

const annotations = new Set(['$schema', '$defs', 'title', 'description', 'examples', 'default']);

/**
 * The places where `value` breaks `schema`, as `path: reason` lines; empty when it is valid.
 *
 * A deliberately small JSON Schema checker for the keywords the generated config schema uses,
 * written for the tests instead of installing a validator. Any other keyword throws, so a schema
 * that starts using one cannot pass here without being checked.
 */
export function checkJsonSchema(root: Schema, value: unknown): string[] {
  const errors: string[] = [];
  const check = (schema: Schema, data: unknown, path: string): void => {
    for (const [keyword, rule] of Object.entries(schema)) {
      if (annotations.has(keyword)) continue;
      const fail = (reason: string): void => {
        errors.push(`${path || '/'}: ${reason}`);
      };
      switch (keyword) {
        case '$ref': {
          const name = String(rule).replace(/^#\/\$defs\//, '');
          const target = (root['$defs'] as Record<string, Schema> | undefined)?.[name];
          if (target === undefined) throw new Error(`unresolved $ref ${String(rule)}`);
          check(target, data, path);
          break;
        }
        case 'type':
          if (!hasType(data, String(rule))) fail(`not of type ${String(rule)}`);
          break;
        case 'enum':
          if (!(rule as unknown[]).includes(data)) fail(`not one of ${JSON.stringify(rule)}`);
          break;
        case 'anyOf': {
          const fits = (rule as Schema[]).some((option) => {
            const before = errors.length;
            check(option, data, path);
            return errors.splice(before).length === 0;
          });
          if (!fits) fail('matches no anyOf option');
          break;
        }
        case 'required':
          if (isObject(data)) {
            for (const key of rule as string[]) if (!(key in data)) fail(`misses ${key}`);
          }
          break;
        case 'properties':
          if (isObject(data)) {
            for (const [key, sub] of Object.entries(rule as Record<string, Schema>)) {
              if (key in data) check(sub, data[key], `${path}/${key}`);
            }
          }
          break;
        case 'additionalProperties':
          if (isObject(data)) {
            const declared = Object.keys((schema['properties'] as Schema | undefined) ?? {});
            for (const key of Object.keys(data).filter((name) => !declared.includes(name))) {
              if (rule === false) fail(`has unknown key ${key}`);
              else check(rule as Schema, data[key], `${path}/${key}`);
            }
          }
          break;
        case 'propertyNames':
          if (isObject(data)) {
            for (const key of Object.keys(data))
              check(rule as Schema, key, `${path}/${key} (name)`);
          }
          break;
        case 'items':
          if (Array.isArray(data)) {
            data.forEach((item, index) => {
              check(rule as Schema, item, `${path}/${index}`);
            });
          }
          break;
        case 'minItems':
          if (Array.isArray(data) && data.length < Number(rule))
            fail(`has fewer than ${String(rule)} items`);
          break;
        case 'minLength':
          if (typeof data === 'string' && data.length < Number(rule))
            fail(`is shorter than ${String(rule)}`);
          break;
        case 'pattern':
          if (typeof data === 'string' && !new RegExp(String(rule), 'u').test(data)) {
            fail(`does not match ${String(rule)}`);
          }
          break;
        case 'exclusiveMinimum':
          if (typeof data === 'number' && !(data > Number(rule)))
            fail(`is not above ${String(rule)}`);
          break;
        case 'const':
          if (JSON.stringify(data) !== JSON.stringify(rule)) fail(`is not ${JSON.stringify(rule)}`);
          break;
        case 'maximum':
          if (typeof data === 'number' && data > Number(rule)) fail(`is above ${String(rule)}`);
          break;
        default:
          throw new Error(`checkJsonSchema does not know the keyword ${keyword}`);
      }
    }
  };
  check(root, value, '');
  return errors;
}

function hasType(data: unknown, type: string): boolean {
  switch (type) {
    case 'object':
      return isObject(data);
    case 'array':
      return Array.isArray(data);
    case 'integer':
      return Number.isInteger(data);
    case 'number':
      return typeof data === 'number' && Number.isFinite(data);
    case 'null':
      return data === null;
    default:
      return typeof data === type;
  }
}

function isObject(data: unknown): data is Record<string, unknown> {
  return typeof data === 'object' && data !== null && !Array.isArray(data);
}
