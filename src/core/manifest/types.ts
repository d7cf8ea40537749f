/** A path into a parsed YAML value: mapping keys and sequence indexes, root first. */
export type Path = readonly (string | number)[];

/** Half-open range of UTF-16 offsets into the file text. */
export interface Range {
  readonly start: number;
  readonly end: number;
}

/** Where a node sits in the text: its key (for mapping entries) and its value. */
export interface NodeLocation {
  readonly key?: Range;
  readonly value: Range;
}

export interface YamlSyntaxError {
  readonly message: string;
  readonly offset: number;
}

export type JsonObject = { [key: string]: unknown };

/** One YAML document of a file. */
export interface ManifestDocument {
  /** 0-based position of the document in the file. */
  readonly index: number;
  /** Text range of the document's content in the file. */
  readonly range: Range;
  /** The value as the API server would decode it (YAML 1.1 scalars). `undefined` on syntax errors. */
  readonly value: unknown;
  readonly syntaxError?: YamlSyntaxError | undefined;
  /** True when the document holds Helm/Go template markup (`{{ … }}`). */
  readonly templated: boolean;
  /**
   * True when no node of the value appears twice (no YAML alias made two places share one
   * object), so a walk over it needs no record of what it has visited.
   */
  readonly tree?: boolean;
  /** Source location of the node at `path` (lazily indexed), or undefined when absent. */
  locate(path: Path): NodeLocation | undefined;
  /** The deepest node whose key or value contains `offset`. */
  nodeAt(offset: number): { path: Path; on: 'key' | 'value' } | undefined;
}

export interface ParsedFile {
  readonly text: string;
  readonly documents: readonly ManifestDocument[];
  /** Offsets at which each line starts (line 0 starts at 0). */
  readonly lineStarts: readonly number[];
}

/** 0-based line and UTF-16 column. */
export interface Position {
  readonly line: number;
  readonly character: number;
}
