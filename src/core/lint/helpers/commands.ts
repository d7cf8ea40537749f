/** A container's command line as the runtime runs it: words, and the script of `sh -c`. */
import type { JsonObject, Path } from '../../manifest/types';
import type { ContainerRef } from '../../manifest/workloads';

/** One string of a container's `command` followed by its `args`, with where it sits. */
export interface Word {
  readonly value: string;
  readonly path: Path;
}

/** `command` then `args` (what the runtime executes when both are set), strings only. */
export function commandWords(container: ContainerRef): Word[] {
  const words: Word[] = [];
  for (const field of ['command', 'args'] as const) {
    const list = (container.container as JsonObject)[field];
    if (!Array.isArray(list)) continue;
    list.forEach((value: unknown, index) => {
      if (typeof value === 'string' || typeof value === 'number') {
        words.push({ value: String(value), path: [...container.path, field, index] });
      }
    });
  }
  return words;
}

const SHELL = /^(?:\/usr)?(?:\/bin\/)?(?:sh|bash|ash|dash|zsh|ksh|mksh)$/;

/** Index of the script word when the words run `sh -c SCRIPT` (any shell, `-ec`, `-o pipefail -c`, …). */
export function shellScriptIndex(words: readonly Word[]): number | undefined {
  if (words.length === 0 || !SHELL.test(words[0]!.value)) return undefined;
  let hasC = false;
  let i = 1;
  for (; i < words.length; i++) {
    const word = words[i]!.value;
    if (word === '--') {
      i++;
      break;
    }
    if (word === '-o' || word === '+o') {
      i++;
      continue;
    }
    if (!/^[-+][A-Za-z]+$/.test(word)) break;
    if (word.startsWith('-') && word.includes('c')) hasC = true;
  }
  return hasC && i < words.length ? i : undefined;
}
