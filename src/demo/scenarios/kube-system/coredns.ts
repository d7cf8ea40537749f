import { addOwner, chattyLog, DAY, podPlanOf, runningPod } from '../../scenario-kit';
import type { ScenarioContext, Workload } from '../../scenario';

/** How the pods of coredns.yaml behave (the scenario is described there). */
export function play(ctx: ScenarioContext, workload: Workload): void {
  const createdMs = ctx.startMs - 41 * DAY;
  const owner = addOwner(ctx, workload, { createdMs, ready: 2 });
  for (const [i, node] of (['a', 'b'] as const).entries()) {
    const plan = podPlanOf(workload, owner, createdMs + i * 500, { node, ipSuffix: 2 });
    const pod = runningPod(ctx, plan, { ready: true });
    chattyLog(
      ctx,
      pod,
      'coredns',
      createdMs + 3000,
      30_000,
      (n) =>
        `[INFO] 10.244.${i + 1}.${5 + (n % 40)}:${40000 + n} - ${n % 65536} "A IN web.default.svc.cluster.local. udp 47 false 512" NOERROR qr,aa,rd 104 0.000${100 + (n % 800)}s`,
    );
  }
}
