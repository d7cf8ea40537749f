import { condition, iso, statusOf } from '../../build';
import { containerStatus, podSkeleton, recordScheduled, recordStart, terminated } from '../../pods';
import { addOwner, HOUR, MIN, podPlanOf, put } from '../../scenario-kit';
import type { Scenario } from '../../scenario';
import type { Json } from '../../selectors';

/** The baseline of batch work: last night's run of a CronJob, completed. */
export const scenario: Scenario = {
  manifest: `apiVersion: batch/v1
kind: CronJob
metadata:
  name: nightly-backup
  namespace: batch
spec:
  schedule: 0 2 * * *
  concurrencyPolicy: Forbid
  jobTemplate:
    spec:
      backoffLimit: 6
      template:
        metadata:
          labels:
            app: nightly-backup
        spec:
          restartPolicy: OnFailure
          containers:
            - name: backup
              image: registry.example.com/ops/pg-backup:1.6.0
              command:
                - /usr/local/bin/backup.sh
              resources:
                requests:
                  cpu: 250m
                  memory: 256Mi
                limits:
                  memory: 512Mi
`,
  shows: 'Completed',
  wrong: 'nothing: the baseline',
  diagnosis: 'completed',
  play(ctx, workload) {
    const createdMs = ctx.startMs - 9 * HOUR - 17 * MIN;
    const completedMs = createdMs + 4 * MIN + 12_000;
    const owner = addOwner(ctx, workload, { createdMs, jobName: 'nightly-backup-29391840', completedMs });
    const pod = podSkeleton(podPlanOf(workload, owner, createdMs, { node: 'b', ipSuffix: 90 }));
    const scheduledMs = createdMs + 100;
    const startedMs = scheduledMs + 2200;
    const status = statusOf(pod);
    status.phase = 'Succeeded';
    status.conditions = [
      condition('PodReadyToStartContainers', 'False', completedMs + 1000),
      condition('Initialized', 'True', scheduledMs, 'PodCompleted'),
      condition('Ready', 'False', completedMs, 'PodCompleted'),
      condition('ContainersReady', 'False', completedMs, 'PodCompleted'),
      condition('PodScheduled', 'True', scheduledMs),
    ];
    status.containerStatuses = [
      containerStatus(pod, 'backup', {
        state: terminated(0, 'Completed', startedMs, completedMs),
        created: true,
      }),
    ];
    const c = (status.containerStatuses as Json[])[0] as Json;
    ((c.state as Json).terminated as Json).containerID = c.containerID;
    const stored = put(ctx, pod);
    recordScheduled(ctx.world, stored, scheduledMs);
    recordStart(ctx.world, stored, 'backup', startedMs);
    ctx.world.startLog(
      stored,
      'backup',
      String(c.containerID),
      [
        {
          ms: startedMs + 100,
          text: `${iso(startedMs)} starting pg_dump of shop@postgres.data.svc.cluster.local`,
        },
        { ms: completedMs - 9000, text: `${iso(completedMs - 9000)} dump written: 3.8 GiB` },
        {
          ms: completedMs - 300,
          text: `${iso(completedMs - 300)} uploaded to gs://example-shop-backups/2026-11-23/shop.dump`,
        },
      ],
      ctx.world.now(),
    );
  },
};
