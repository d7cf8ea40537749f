import { parseManifests } from '../manifest/parse';
import type { ParsedFile } from '../manifest/types';
import { parseKustomization, type Kustomization } from './kustomization';

/** Reads a file by absolute path; undefined when it cannot be read. */
export type ReadSource = (file: string) => string | undefined;

/** Parses each source file once per run, on first use. */
export class SourceFiles {
  private readonly files = new Map<string, ParsedFile | undefined>();
  private readonly kustomizations = new Map<string, Kustomization | undefined>();

  constructor(private readonly read: ReadSource) {}

  file(path: string): ParsedFile | undefined {
    if (!this.files.has(path)) {
      const text = this.read(path);
      this.files.set(path, text === undefined ? undefined : parseManifests(text));
    }
    return this.files.get(path);
  }

  kustomization(path: string): Kustomization | undefined {
    if (!this.kustomizations.has(path)) {
      const text = this.read(path);
      this.kustomizations.set(path, text === undefined ? undefined : parseKustomization(path, text));
    }
    return this.kustomizations.get(path);
  }
}
