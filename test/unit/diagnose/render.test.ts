import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { explainPod } from '../../../src/core/diagnose';
import type { DiagnoseInput, Explanation } from '../../../src/core/diagnose';
import {
  EXPLANATION_CSP,
  escapeHtml,
  explanationHtml,
  explanationMarkdown,
  explanationText,
  stripTerminalEscapes,
} from '../../../src/core/render';

function explain(name: string): Explanation {
  const fixture = JSON.parse(
    readFileSync(join(__dirname, '..', '..', 'fixtures', 'pods', `${name}.pod.json`), 'utf8'),
  ) as Omit<DiagnoseInput, 'nowMs'> & { now: string };
  return explainPod({ ...fixture, nowMs: Date.parse(fixture.now) });
}

/* eslint-disable no-control-regex -- looking for control characters is the point of these tests */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

describe('rendering hostile cluster strings', () => {
  const hostile = explain('hostile-strings');

  it('the hostile fixture really carries the payloads into the explanation', () => {
    const json = JSON.stringify(hostile);
    assert.match(json, /<img src=x onerror=alert\(1\)>/);
    assert.match(json, /<\/script>/);
    assert.match(json, /javascript:alert\(1\)/);
    assert.match(json, /\\u001b\[31m/);
  });

  it('HTML: strict CSP, no script, no element or attribute from the data', () => {
    const html = explanationHtml(hostile);
    assert.ok(html.startsWith('<!DOCTYPE html>'));
    assert.ok(
      html.includes(`<meta http-equiv="Content-Security-Policy" content="${EXPLANATION_CSP}">`),
      'CSP meta tag missing',
    );
    assert.match(EXPLANATION_CSP, /^default-src 'none'; style-src 'unsafe-inline'/);
    assert.doesNotMatch(html, /<script/i);
    assert.doesNotMatch(html, /<img/i);
    assert.doesNotMatch(html, /<b>/);
    const tags = html.match(/<[^>]*>/g) ?? [];
    const names = new Set(tags.map((t) => /^<\/?([a-zA-Z0-9!]+)/.exec(t)?.[1]?.toLowerCase()));
    assert.deepEqual(
      [...names].filter(
        (n) =>
          ![
            '!doctype',
            'html',
            'head',
            'meta',
            'title',
            'style',
            'body',
            'h1',
            'h2',
            'h3',
            'h4',
            'p',
            'section',
            'span',
            'code',
            'ul',
            'ol',
            'li',
            'em',
            'table',
            'tr',
            'td',
            'th',
            'br',
          ].includes(n ?? ''),
      ),
      [],
    );
    for (const tag of tags) assert.doesNotMatch(tag, /\s(href|src|on\w+)=/i, tag);
    assert.doesNotMatch(html, CONTROL);
    assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;'));
    assert.ok(html.includes('&lt;/script&gt;'));
    assert.ok(html.includes('{{ . }}'), 'template braces are plain text');
    assert.ok(
      html.includes('<code>app=&lt;img src=x onerror=alert(1)&gt;</code>'),
      'the hostile label is shown, escaped',
    );
    // The OSC 8 hyperlink is gone entirely, its visible text stays.
    assert.ok(html.includes('Error: click &lt;b&gt;bold&lt;/b&gt;'));
  });

  it('text: no terminal escapes from the data, with or without colors', () => {
    const plain = explanationText(hostile);
    assert.doesNotMatch(plain, CONTROL);
    assert.match(plain, /Error: <script>alert\(document\.cookie\)<\/script> failed/);
    assert.match(plain, /^Labels app=<img src=x onerror=alert\(1\)>$/m);
    const colored = explanationText(hostile, { color: true });
    // Only our own SGR color codes remain.
    assert.doesNotMatch(colored.replace(/\u001b\[[0-9;]*m/g, ''), CONTROL);
    assert.doesNotMatch(colored, /\u001b\]/);
    assert.doesNotMatch(colored, /\u001b\[2J/);
  });

  it('Markdown: HTML and links from the data are escaped', () => {
    const md = explanationMarkdown(hostile);
    // Code spans show their content literally; everything outside them must be inert.
    const prose = md.replace(/``.*?``|`[^`]*`/g, '');
    assert.doesNotMatch(prose.replace(/<\/?details>|<summary>|<\/summary>/g, ''), /<[a-z/]/i);
    assert.doesNotMatch(prose, /\]\(/, 'no Markdown link can form');
    assert.doesNotMatch(md, CONTROL);
    assert.ok(prose.includes('Error: &lt;script&gt;alert\\(document.cookie\\)&lt;/script&gt; failed'));
  });

  it('escape helpers', () => {
    assert.equal(
      escapeHtml(`<a href="x" onclick='y'>&\``),
      '&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&#96;',
    );
    assert.equal(
      stripTerminalEscapes(
        '\u001b[1;31mred\u001b[0m \u001b]8;;http://x\u0007link\u001b]8;;\u0007\r\n\u0007bell',
      ),
      'red link\nbell',
    );
  });
});

describe('Markdown report', () => {
  it('has a heading with the headline, one section per diagnosis, fixes with their spec path and value', () => {
    const md = explanationMarkdown(explain('oom-killed-jvm-heap'));
    const lines = md.split('\n');
    assert.equal(
      lines[0],
      '### Pod shop/catalog-jvm-7f8a9b0c1-d2e3f: Container "app" is killed for running out of memory \\(OOMKilled\\).',
    );
    assert.equal(
      lines[2],
      'STATUS `CrashLoopBackOff` · READY `0/1` · RESTARTS `4 (40s ago)` · AGE `20m` · node `worker-2`',
    );
    assert.ok(
      lines.includes(
        '#### CRITICAL: Container "app" is killed for running out of memory \\(OOMKilled\\) (`oom-killed`)',
      ),
    );
    assert.ok(
      lines.includes(
        '- Or raise the memory limit so the heap is at most 75% of it. (`spec.containers[app].resources.limits.memory` = `1408Mi`)',
      ),
    );
    assert.ok(lines.includes('- spec `spec.containers[app].env[JAVA_OPTS]`: `JVM heap -Xmx1g (1Gi)`'));
  });
});

describe('text report', () => {
  it('leads with the headline and status line, then the diagnosis with evidence, causes and fixes', () => {
    const text = explanationText(explain('oom-killed-jvm-heap'));
    const lines = text.split('\n');
    assert.equal(
      lines[0],
      'Pod shop/catalog-jvm-7f8a9b0c1-d2e3f  STATUS CrashLoopBackOff  READY 0/1  RESTARTS 4 (40s ago)  AGE 20m  NODE worker-2',
    );
    assert.equal(lines[1], 'Labels app=catalog-jvm, pod-template-hash=7f8a9b0c1');
    assert.equal(lines[3], 'Container "app" is killed for running out of memory (OOMKilled).');
    assert.match(
      lines[5]!,
      /^CRITICAL Container "app" is killed for running out of memory \(OOMKilled\) {2}\[oom-killed, container app\]$/,
    );
    assert.ok(text.includes('    spec   JVM heap -Xmx1g (1Gi) (spec.containers[app].env[JAVA_OPTS])'));
    assert.ok(
      text.includes(
        '    1. [likely] The JVM heap alone (-Xmx1g = 1Gi) is at least the container limit (1Gi);',
      ),
    );
    assert.ok(text.includes('      spec.containers[app].resources.limits.memory: 1408Mi'));
    assert.match(
      text,
      /\nContainers\n {2}app \(main\) {2}Waiting: CrashLoopBackOff {2}restarts 4 {2}not ready\n/,
    );
    assert.match(text, /\nTimeline\n/);
  });

  it('shows only the latest timeline entries when asked', () => {
    const text = explanationText(explain('liveness-kills-during-startup'), { timelineLimit: 2 });
    assert.match(text, /Timeline \(latest 2 of \d+\)\n {2}2026-11-23 11:59:00Z ! app exited with code 143/);
  });
});
