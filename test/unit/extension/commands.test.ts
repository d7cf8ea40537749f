import './without-vscode';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from '../../../src/extension/commands/command';
import { COMMANDS } from '../../../src/extension/commands';

const root = join(__dirname, '..', '..', '..');
const COMMANDS_DIR = join(root, 'src', 'extension', 'commands');

interface Contributes {
  readonly commands?: readonly { readonly command: string; readonly title?: string }[];
  readonly menus?: Readonly<Record<string, readonly { readonly command?: string }[]>>;
  readonly keybindings?: readonly { readonly command: string }[];
  readonly views?: Readonly<Record<string, readonly { readonly id: string }[]>>;
  readonly viewsWelcome?: readonly { readonly view: string; readonly contents: string }[];
}

const contributes = (
  JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { contributes: Contributes }
).contributes;
const declared = (contributes.commands ?? []).map((c) => c.command);
const tableIds = COMMANDS.map((c) => c.id);

const isCommand = (value: unknown): value is Command =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as Command).id === 'string' &&
  typeof (value as Command).run === 'function';

describe('extension command table', () => {
  it('registers every command package.json declares, and declares every command it registers', () => {
    assert.deepEqual(
      declared.filter((id) => !tableIds.includes(id)),
      [],
      'declared in contributes.commands but missing from COMMANDS',
    );
    assert.deepEqual(
      tableIds.filter((id) => !declared.includes(id)),
      [],
      'in COMMANDS but not declared in contributes.commands',
    );
  });

  it('lists each command once, with an id in the podDoctor namespace', () => {
    assert.deepEqual(
      tableIds.filter((id, i) => tableIds.indexOf(id) !== i),
      [],
    );
    assert.deepEqual(
      declared.filter((id, i) => declared.indexOf(id) !== i),
      [],
    );
    assert.deepEqual(
      tableIds.filter((id) => !/^podDoctor\.[a-z][A-Za-z]+$/.test(id)),
      [],
    );
  });

  it('gives every declared command a title for the palette and the menus', () => {
    assert.deepEqual(
      (contributes.commands ?? []).filter((c) => !c.title?.trim()).map((c) => c.command),
      [],
    );
  });

  it('has every command module of src/extension/commands in the table', () => {
    const unlisted: string[] = [];
    for (const file of readdirSync(COMMANDS_DIR).filter((f) => f.endsWith('.ts'))) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const exported = Object.values(require(join(COMMANDS_DIR, file)) as Record<string, unknown>);
      for (const command of exported.filter(isCommand)) {
        if (!COMMANDS.includes(command)) unlisted.push(`${file}: ${command.id}`);
      }
    }
    assert.deepEqual(unlisted, []);
  });

  it('names only declared commands in menus, keybindings and welcome views', () => {
    const referenced = [
      ...Object.entries(contributes.menus ?? {}).flatMap(([menu, items]) =>
        items.flatMap((item) => (item.command ? [`${menu}: ${item.command}`] : [])),
      ),
      ...(contributes.keybindings ?? []).map((k) => `keybindings: ${k.command}`),
      ...(contributes.viewsWelcome ?? []).flatMap((w) =>
        [...w.contents.matchAll(/\(command:([\w.]+)/g)].map((m) => `viewsWelcome ${w.view}: ${m[1]}`),
      ),
    ];
    assert.ok(referenced.length > 0, 'package.json should reference commands from menus');
    assert.deepEqual(
      referenced.filter((r) => !declared.includes(r.slice(r.lastIndexOf(' ') + 1))),
      [],
    );
  });

  it('names only contributed views in welcome content and view/* menu conditions', () => {
    // Views of other extensions that Pod Doctor adds menu entries to on purpose.
    const foreign = ['extension.vsKubernetesExplorer'];
    const views = [
      ...Object.values(contributes.views ?? {}).flatMap((list) => list.map((v) => v.id)),
      ...foreign,
    ];
    const named = [
      ...(contributes.viewsWelcome ?? []).map((w) => w.view),
      ...Object.values(contributes.menus ?? {}).flatMap((items) =>
        items.flatMap((item) => [...JSON.stringify(item).matchAll(/view == ([\w.]+)/g)].map((m) => m[1]!)),
      ),
    ];
    assert.ok(named.length > 0);
    assert.deepEqual(
      named.filter((v) => !views.includes(v)),
      [],
    );
  });
});
