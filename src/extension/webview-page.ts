/** The HTML shell shared by Pod Doctor's webview panels: a strict CSP with a per-page nonce. */
import { htmlDocument } from '../core/render/html';

export function randomNonce(): string {
  const bytes = new Uint8Array(18);
  crypto.getRandomValues(bytes);
  return Buffer.from(bytes).toString('base64');
}

export interface WebviewPage {
  readonly nonce: string;
  readonly title: string;
  /** Style sheets inlined under the nonce (a linked sheet is one more round trip before `ready`). */
  readonly styles: readonly string[];
  /** Sources allowed beside the nonce, e.g. `font-src vscode-webview://…`. */
  readonly extraCsp?: readonly string[];
  readonly body: string;
  /** The page's script, by URL. */
  readonly script: string;
  /**
   * The script's text, inlined under the nonce instead of `script`: a script by URL is one more
   * request through the webview's service worker before the page can say `ready`.
   */
  readonly scriptText?: string;
}

export function webviewHtml(page: WebviewPage): string {
  const { nonce } = page;
  const csp = [
    "default-src 'none'",
    `style-src 'nonce-${nonce}'`,
    ...(page.extraCsp ?? []),
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  const styles = page.styles.map((css) => `<style nonce="${nonce}">${css}</style>`).join('\n');
  return htmlDocument(csp, `${styles}\n<title>${page.title}</title>`, `${page.body}\n${scriptTag(page)}`);
}

/** The page's script element: its text inlined under the nonce when given, else by URL. */
function scriptTag(page: WebviewPage): string {
  return page.scriptText !== undefined
    ? `<script nonce="${page.nonce}">${inlineSafe(page.scriptText)}</script>`
    : `<script nonce="${page.nonce}" src="${page.script}"></script>`;
}

/** A script's text as it may stand inside `<script>`: no `</script` closes it early. */
function inlineSafe(script: string): string {
  return script.replace(/<\/(script)/gi, '<\\/$1');
}
