import { writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { stringify } from 'yaml';
import { findProjectConfig } from '../config/find-project-config.js';
import { schemaReference } from '../config/schema-reference.js';
import type { ClassicProject } from '../discovery/classic-project.js';
import { discoverProject, findClassicSource } from '../discovery/discover-project.js';
import { isFileOnDisk } from '../discovery/is-file-on-disk.js';
import { ParascadError, type ConfigProblem } from '../errors.js';
import { defaultQuality } from '../plan/plan-jobs.js';

export interface MigrateProjectOptions {
  /** Folder the classic project is looked up in. */
  readonly cwd: string;
  /** A classic scad file, `render_config.yml` or `renderer.py` to migrate, instead of the folder's. */
  readonly file?: string;
  /** Overwrite an existing project config (`parascad.config.yaml`, `.yml` or `.json`). @default false */
  readonly force?: boolean;
}

/** What `migrate` wrote. */
export interface MigratedProject {
  /** Absolute path of the config written. */
  readonly file: string;
  /** Its text. */
  readonly text: string;
  /** The classic file it was made from. */
  readonly from: string;
  /** What the config cannot carry over (an `openscad_path`), and ignored comments. */
  readonly warnings: readonly ConfigProblem[];
}

/**
 * Writes the `parascad.config.yaml` equivalent to a folder's classic project — its
 * `render_config.yml`, its first-generation `renderer.py` list, or `project.scad`'s markers (or
 * the one given) — beside that file, so that the parts, formats, output paths, effective `$fn`,
 * mode and thread count stay what they were: every module listed with its formats, `mode:
 * include` (as the classic renderer rendered), and `quality` written out (`$fn` as the classic
 * rules give it, or `{}` where the gateway's own `$fn` decided), so nothing depends on defaults
 * that differ between the forms. Refuses to overwrite a project config unless `force`; with it,
 * the existing config is replaced under its own name, in its own syntax (JSON for `.json`).
 */
export async function migrateProject(options: MigrateProjectOptions): Promise<MigratedProject> {
  const cwd = resolve(options.cwd);
  const given = options.file === undefined ? undefined : resolve(cwd, options.file);
  const classicFile = given ?? (await findClassicSource(cwd));
  if (classicFile === undefined) await refuseParascadOnlyFolder(cwd);
  const project = await discoverProject(
    classicFile === undefined
      ? { cwd }
      : /\.scad$/i.test(classicFile)
        ? { cwd, file: classicFile }
        : { cwd, config: classicFile },
  );
  const from = project.configFile ?? project.scadFile;
  const folder = dirname(from);
  const existing = await findProjectConfig(folder);
  const target = existing ?? join(folder, 'parascad.config.yaml');
  if (existing !== undefined && options.force !== true) {
    throw new ParascadError(
      'USAGE',
      `${existing} exists already; parascad migrate does not overwrite it`,
      'Pass --force to replace it, or move it away first.',
    );
  }
  // `--force` replaces the config the folder has under its own name, so its syntax must follow
  // that name: YAML in a `.json` file would make the next run fail on invalid JSON.
  const text = /\.json$/i.test(target) ? configJson(project, folder) : configText(project, folder);
  await writeFile(target, text);
  return {
    file: target,
    text,
    from,
    warnings: [
      ...project.warnings,
      ...(project.openscadPath === undefined
        ? []
        : [
            {
              message: `openscad_path (${project.openscadPath}) is not part of parascad.config.yaml`,
              hint: 'pass --openscad PATH, or set OPENSCAD in the environment',
            },
          ]),
    ],
  };
}

/** A folder with parascad's own config and no `project.scad`: nothing classic to migrate. */
async function refuseParascadOnlyFolder(folder: string): Promise<void> {
  const config = await findProjectConfig(folder);
  if (config === undefined || (await isFileOnDisk(join(folder, 'project.scad')))) return;
  throw new ParascadError(
    'USAGE',
    `Nothing to migrate in ${folder}: it has ${basename(config)}, parascad's own config, and no render_config.yml, renderer.py with a models list, or project.scad`,
    'Pass the classic file to migrate (parascad migrate path/to/render_config.yml), or edit the config itself.',
  );
}

function configObject(project: ClassicProject, folder: string) {
  const gatewayDecides = project.kind === 'renderer-py';
  return {
    outDir: 'outputs',
    ...(project.threads === undefined ? {} : { jobs: project.threads }),
    defaults: {
      mode: 'include',
      quality: gatewayDecides ? {} : { $fn: project.quality ?? defaultQuality },
    },
    files: [
      {
        path: relative(folder, project.scadFile).split('\\').join('/'),
        modules: project.models.map((model) => ({
          name: model.module,
          formats: [...model.formats],
        })),
      },
    ],
  };
}

/** The JSON form, for a `parascad.config.json`: the schema as its `$schema` key, since JSON has no comments. */
function configJson(project: ClassicProject, folder: string): string {
  const config = { $schema: schemaReference(folder), ...configObject(project, folder) };
  return `${JSON.stringify(config, undefined, 2)}\n`;
}

function configText(project: ClassicProject, folder: string): string {
  const gatewayDecides = project.kind === 'renderer-py';
  const config = configObject(project, folder);
  const source = basename(project.configFile ?? project.scadFile);
  const header = [
    // As `parascad init` writes it: editors then complete and check the file.
    `# yaml-language-server: $schema=${schemaReference(folder)}`,
    `# Written by parascad migrate from ${source}: the same parts, formats, outputs, $fn and mode.`,
    gatewayDecides
      ? `# quality: {} means parascad sets no $fn: ${basename(project.scadFile)}'s own decides, as before.`
      : project.quality === undefined
        ? `# quality: $fn ${defaultQuality} was the classic default; change it here.`
        : `# quality: from ${project.qualityFrom === 'config' ? `quality in ${source}` : '//render.quality'}.`,
  ];
  return `${header.join('\n')}\n${stringify(config, { flowCollectionPadding: false })}`;
}
