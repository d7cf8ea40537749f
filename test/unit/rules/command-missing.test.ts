import assert from 'node:assert/strict';
import { assertSilentOnRealisticManifests, boxPod, findingsOfRule, readManifest, span } from '../helpers';

const ID = 'command-missing';
const run = findingsOfRule(ID);

describe(ID, () => {
  it('reports a sidecar running busybox from docker.io/library without a command, on the image', () => {
    const [f, ...rest] = run(readManifest('commands/command-mistakes.daemonset.yaml'));
    assert.equal(rest.length, 0);
    assert.equal(span(f), '16:17-16:47');
    assert.equal(f?.severity, 'warning');
    assert.equal(
      f?.message,
      'Container "log-forwarder" runs docker.io/library/busybox:1.36 with no command or args: the image\'s default command is a shell that exits at once without a terminal, so the container restarts forever (CrashLoopBackOff). Add the command it should run, e.g. command: ["sleep", "infinity"] for a debugging container.',
    );
  });

  it('recognises OS images behind any registry, tag or digest', () => {
    for (const image of [
      'alpine',
      'ubuntu:24.04',
      'public.ecr.aws/docker/library/debian:bookworm-slim',
      'quay.io/centos/centos:stream9',
      'registry.access.redhat.com/ubi9/ubi-minimal:9.4',
      'mirror.gcr.io/library/busybox@sha256:9ae97d36d26566ff84e8893c64a6dc4fe8ca6d1144bf5b87b2b85a32def253c7',
      'localhost:5000/rockylinux:9',
    ]) {
      assert.equal(run(boxPod(`      image: ${image}\n`)).length, 1, image);
    }
  });

  it('is silent with a command or args, an attached stdin, application images, and in Jobs or run-once Pods', () => {
    assert.deepEqual(run(boxPod('      image: busybox:1.36\n      args: ["sleep", "3600"]\n')), []);
    assert.deepEqual(run(boxPod('      image: ubuntu:24.04\n      stdin: true\n      tty: true\n')), []);
    assert.deepEqual(run(boxPod('      image: myteam/alpine-app:1.2\n')), []);
    assert.deepEqual(run(boxPod('      image: nginx:1.27\n')), []);
    assert.deepEqual(run(boxPod('      image: alpine:3.20\n', '  restartPolicy: Never\n')), []);
    const job = `apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: noop\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n        - name: noop\n          image: busybox:1.36\n`;
    assert.deepEqual(run(job), []);
    assertSilentOnRealisticManifests(run);
  });
});
