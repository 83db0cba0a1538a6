/**
 * One GitHub Actions workflow command line (`::error file=a.scad,line=3,title=…::message`), escaped
 * as the runner expects (the documented rules, as `@actions/core` applies them): in the message
 * `%`, CR and LF; in a property value also `:` and `,`, which would otherwise end the value.
 */
export function workflowCommand(
  command: string,
  properties: Readonly<Record<string, string | number | undefined>>,
  message: string,
): string {
  const given = Object.entries(properties).flatMap(([name, value]) =>
    value === undefined ? [] : [`${name}=${escapeProperty(String(value))}`],
  );
  return `::${command}${given.length === 0 ? '' : ` ${given.join(',')}`}::${escapeData(message)}`;
}

/** A workflow command's message, escaped. */
export function escapeData(text: string): string {
  return text.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
}

/** A workflow command's property value, escaped. */
export function escapeProperty(text: string): string {
  return escapeData(text).replaceAll(':', '%3A').replaceAll(',', '%2C');
}
