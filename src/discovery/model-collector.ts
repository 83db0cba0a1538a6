import type { SourceLocation } from '../diagnostics/diagnostic.js';
import type { ModelSpec } from './classic-project.js';
import type { ModuleDeclaration } from './list-modules.js';

/**
 * Gathers requested formats into one model per module, in the order modules were first asked
 * for: several markers on a module, or several config entries naming it, add formats to one part.
 */
export class ModelCollector {
  private readonly models = new Map<string, ModelSpec & { formats: string[] }>();

  /** Asks for `module` in `format` (lower case); the first request's place is kept. */
  add(module: ModuleDeclaration, format: string, requestedAt: SourceLocation): void {
    const model = this.models.get(module.name) ?? {
      module: module.name,
      formats: [],
      declaredAt: module.location,
      requestedAt,
    };
    this.models.set(module.name, model);
    if (!model.formats.includes(format)) model.formats.push(format);
  }

  list(): ModelSpec[] {
    return [...this.models.values()];
  }
}
