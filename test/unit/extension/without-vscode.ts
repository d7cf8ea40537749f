import { Module } from 'node:module';
import { join } from 'node:path';

/**
 * Lets a unit test import extension modules outside VS Code: `require('vscode')` gets an empty
 * module. Nothing here imitates the editor; a module that uses the API while being imported fails
 * with a TypeError, which is what the importing test wants to know.
 */
const EMPTY = join(__dirname, 'vscode-outside-the-editor');
const internals = Module as unknown as {
  _resolveFilename(request: string, ...rest: unknown[]): string;
  _cache: Record<string, unknown>;
};
const resolve = internals._resolveFilename;
internals._resolveFilename = function (request: string, ...rest: unknown[]): string {
  return request === 'vscode' ? EMPTY : resolve.call(this, request, ...rest);
};
const empty = new Module(EMPTY);
empty.exports = {};
empty.loaded = true;
internals._cache[EMPTY] = empty;
