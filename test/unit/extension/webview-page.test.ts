import * as assert from 'node:assert/strict';
import { randomNonce, webviewHtml } from '../../../src/extension/webview-page';

describe('webview page shell', () => {
  it('allows only nonce-tagged styles and scripts, plus the sources a panel names', () => {
    const nonce = randomNonce();
    const html = webviewHtml({
      nonce,
      title: 'Triage',
      styles: ['body { color: red }'],
      extraCsp: ['font-src vscode-resource:'],
      body: '<main id="main"></main>',
      script: 'vscode-resource:/dist/webview/triage.js',
    });
    const csp = /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1];
    assert.equal(
      csp,
      `default-src 'none'; style-src 'nonce-${nonce}'; font-src vscode-resource:; script-src 'nonce-${nonce}'`,
    );
    assert.ok(!html.includes('unsafe-inline'));
    assert.ok(html.includes(`<style nonce="${nonce}">body { color: red }</style>`));
    assert.ok(
      html.includes(`<script nonce="${nonce}" src="vscode-resource:/dist/webview/triage.js"></script>`),
    );
  });

  it('inlines the script under the nonce when its text is given, and no text in it ends the element', () => {
    const nonce = randomNonce();
    const html = webviewHtml({
      nonce,
      title: 'Explain pod',
      styles: [],
      body: '<main id="main"></main>',
      script: 'vscode-resource:/dist/webview/explain.js',
      scriptText: 'const s = "</script><img src=x onerror=alert(1)>"; post({ type: "ready" });',
    });
    assert.ok(!html.includes('src="vscode-resource:/dist/webview/explain.js"'));
    const scripts = [...html.matchAll(/<script nonce="([^"]*)">([\s\S]*?)<\/script>/g)];
    assert.equal(scripts.length, 1);
    assert.equal(scripts[0]?.[1], nonce);
    assert.equal(
      scripts[0]?.[2],
      'const s = "<\\/script><img src=x onerror=alert(1)>"; post({ type: "ready" });',
    );
  });

  it('makes a different nonce for every page', () => {
    const nonces = new Set(Array.from({ length: 50 }, randomNonce));
    assert.equal(nonces.size, 50);
    for (const nonce of nonces) assert.match(nonce, /^[A-Za-z0-9+/]{24}$/);
  });
});
