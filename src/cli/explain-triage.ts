import { triageExitCode, triageHtml, triageJson, triageText } from '../core/render/triage';
import { CliError, connectCluster, loadCluster, writeOut } from './common';

interface TriageFlags {
  namespace?: string | undefined;
  all: boolean;
  kubeconfig?: string | undefined;
  context?: string | undefined;
  format: 'text' | 'json' | 'html';
  color: boolean;
}

/**
 * `explain -n NS` without a pod name, or `explain -A`: every pod of the namespace (or cluster)
 * explained, the unhealthy ones grouped by cause and workload.
 */
export async function runTriage(flags: TriageFlags): Promise<number> {
  const session = await connectCluster(flags);
  const cluster = await loadCluster();
  const namespace = flags.all ? undefined : (flags.namespace ?? session.namespace);
  let read: Awaited<ReturnType<typeof cluster.readTriage>>;
  try {
    read = await cluster.readTriage(session, namespace);
  } catch (error) {
    throw new CliError(
      session.fault(error, { action: 'list pods', ...(namespace !== undefined ? { namespace } : {}) })
        .message,
    );
  } finally {
    session.dispose();
  }
  // --debug is global: main strips it before the commands parse their flags.
  if (process.argv.includes('--debug')) process.stderr.write(`${read.requests} requests\n`);
  const { triage, gaps } = read;
  if (flags.format === 'json')
    writeOut(JSON.stringify(triageJson(triage, gaps.length > 0 ? { gaps } : {}), null, 2));
  else if (flags.format === 'html') writeOut(triageHtml(triage));
  else
    writeOut(triageText(triage, { color: flags.color, notes: gaps.map((g) => `evidence incomplete: ${g}`) }));
  return triageExitCode(triage);
}
