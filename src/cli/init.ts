import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CONFIG_FILE_NAME, STARTER_CONFIG } from '../core/config';
import { CliError, parseFlags, writeOut, type CliCommand } from './common';

const HELP = `Usage: pod-doctor init [DIR]

Writes a commented ${CONFIG_FILE_NAME} into DIR (default: the current folder), with every section
and nothing changed from the defaults. It never overwrites an existing file.`;

export const command: CliCommand = {
  async run(argv) {
    const { values, positionals } = parseFlags(argv, {
      help: { type: 'boolean', short: 'h', default: false },
    });
    if (values.help) {
      writeOut(HELP);
      return 0;
    }
    if (positionals.length > 1) throw new CliError('Name at most one folder, e.g. `pod-doctor init k8s/`.');
    const file = join(positionals[0] ?? '.', CONFIG_FILE_NAME);
    try {
      // "wx" fails when the file exists, so a config never gets replaced.
      await writeFile(file, STARTER_CONFIG, { flag: 'wx' });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST')
        throw new CliError(`${file} already exists; edit it, or remove it to start over.`);
      if (code === 'ENOENT') throw new CliError(`Cannot write ${file}: the folder does not exist.`);
      throw new CliError(`Cannot write ${file}: ${code ?? String(error)}.`);
    }
    writeOut(
      `Wrote ${file}. Edit its rules, ignore and overrides; \`pod-doctor lint\` and the editor read it.`,
    );
    return 0;
  },
};
