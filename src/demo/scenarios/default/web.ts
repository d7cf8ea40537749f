import { addOwner, chattyLog, DAY, HOUR, podPlanOf, runningPod } from '../../scenario-kit';
import type { ScenarioContext, Workload } from '../../scenario';

/** How the pods of web.yaml behave (the scenario is described there). */
export function play(ctx: ScenarioContext, workload: Workload): void {
  const createdMs = ctx.startMs - 6 * DAY - 2 * HOUR;
  const owner = addOwner(ctx, workload, { createdMs, ready: 2 });
  const paths = ['/', '/products', '/cart', '/static/app.js', '/static/app.css', '/api/session'];
  for (const [i, node] of (['a', 'b'] as const).entries()) {
    const pod = runningPod(ctx, podPlanOf(workload, owner, createdMs + i * 1000, { node, ipSuffix: 5 + i }), {
      ready: true,
    });
    chattyLog(ctx, pod, 'nginx', createdMs + 3000, 3_000 + i * 1000, (n) => {
      const path = paths[n % paths.length] ?? '/';
      return `10.244.${i + 1}.1 - - [%N] "GET ${path} HTTP/1.1" 200 ${612 + ((n * 7) % 5000)} "-" "Mozilla/5.0 (X11; Linux x86_64)" "-"`;
    });
    chattyLog(
      ctx,
      pod,
      'exporter',
      createdMs + 3000,
      600_000,
      () => 'time=%T level=INFO msg="Listening on address" address=[::]:9113',
    );
  }
}
