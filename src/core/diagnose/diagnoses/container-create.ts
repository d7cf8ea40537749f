/** container-create: the runtime cannot create or start a container; the owner cannot create pods (admission). */
import type { ContainerInfo, DiagnoseContext } from '../context';
import { containerEvents } from '../context';
import type { DiagnosisDeclaration } from '../declaration';
import { parseQuotaMessage } from '../scheduling';
import { cause, eventEvidence, newest, quote, rankCauses, specEvidence, statusEvidence } from '../evidence';
import { commandOf } from '../runs';
import type { Cause, Diagnosis, Evidence, Fix } from '../types';

type CreateClass =
  | 'exec-not-found'
  | 'no-such-file'
  | 'permission-denied'
  | 'exec-format'
  | 'run-as-root'
  | 'non-numeric-user'
  | 'read-only-fs'
  | 'other';

interface CreateFacts {
  c: ContainerInfo;
  /** The executable the runtime names in its message. */
  exe: string | undefined;
  /** command and args as JSON, when set. */
  command: string | undefined;
  failure: { message: string };
  causes: Cause[];
  fixes: Fix[];
}

interface CreateErrorRow {
  kind: CreateClass;
  message: RegExp;
  /** Adds causes and fixes; returns what goes wrong, for the title and summary. */
  explain: (f: CreateFacts) => string;
}

/** Runs the container as user 10001: a numeric id the kubelet can check against runAsNonRoot. */
function numericUserFix(c: ContainerInfo, text: string): Fix {
  return { text, specPath: `${c.specPath}.securityContext.runAsUser`, value: '10001' };
}

/** Runtime create/start errors, in the order they are recognised: the first row whose message matches. */
const CREATE_ERRORS: readonly CreateErrorRow[] = [
  {
    kind: 'exec-not-found',
    message: /executable file not found|exec: "[^"]*": not found/,
    explain: (f) => {
      const { c, exe, command, causes, fixes } = f;
      causes.push(
        cause(
          `The command is misspelled, or the image does not ship it (a slim/distroless image without a shell or that tool).`,
          'likely',
        ),
      );
      causes.push(
        cause(
          'A whole command line was written as one array item (["python app.py"]), so the runtime looks for a file with spaces in its name.',
          command?.includes(' ') ? 'likely' : 'possible',
        ),
      );
      fixes.push({
        text: 'Use a command that exists in the image (check with `docker run --entrypoint sh IMAGE -c "which CMD"`), one argument per array item.',
        specPath: `${c.specPath}.command`,
      });
      return `the command ${exe ? `"${exe}" ` : ''}does not exist in the image`;
    },
  },
  {
    kind: 'exec-format',
    message: /exec format error/,
    explain: (f) => {
      const { causes, fixes } = f;
      causes.push(cause('The image is amd64-only and the node is arm64 (or the reverse).', 'likely'));
      causes.push(cause('A script lacks its #! line.', 'possible'));
      fixes.push({
        text: 'Build a multi-arch image, or pin the pod to matching nodes.',
        specPath: 'spec.nodeSelector',
        value: 'kubernetes.io/arch: amd64',
      });
      return 'the binary is built for another CPU architecture';
    },
  },
  {
    kind: 'run-as-root',
    message: /runAsNonRoot and image will run as root/,
    explain: (f) => {
      const { c, causes, fixes } = f;
      causes.push(
        cause('The image has no USER (or USER 0), and the pod requires a non-root user.', 'likely'),
      );
      fixes.push(numericUserFix(c, 'Set a non-root user id, or add USER 10001 to the Dockerfile.'));
      return 'runAsNonRoot is set but the image runs as root';
    },
  },
  {
    kind: 'non-numeric-user',
    message: /runAsNonRoot and image has non-numeric user/,
    explain: (f) => {
      const { c, causes, fixes } = f;
      causes.push(cause('The image says USER appuser instead of a numeric id.', 'likely'));
      fixes.push(numericUserFix(c, 'Set a numeric runAsUser, or USER 10001 in the Dockerfile.'));
      return 'runAsNonRoot is set and the image names its user by name, which the kubelet cannot verify';
    },
  },
  {
    kind: 'permission-denied',
    message: /permission denied/,
    explain: (f) => {
      const { c, exe, causes, fixes } = f;
      causes.push(
        cause(
          'The file lacks the execute bit (chmod +x missing in the Dockerfile, or it comes from a ConfigMap mounted without defaultMode 0755).',
          'likely',
        ),
      );
      causes.push(cause('The container runs as a user that may not execute or read it.', 'possible'));
      fixes.push({
        text: 'Make it executable in the image (RUN chmod +x), or mount it with defaultMode: 0755, or run it through its interpreter (["sh", "/path/script.sh"]).',
        specPath: `${c.specPath}.command`,
      });
      return `${exe ? `"${exe}"` : 'the command'} is not executable`;
    },
  },
  {
    kind: 'no-such-file',
    message: /no such file or directory/,
    explain: (f) => {
      const { c, exe, causes, fixes } = f;
      causes.push(
        cause('The path is wrong, or a volume mounted over that directory hides the file.', 'likely'),
      );
      causes.push(
        cause(
          'A script starts with a #! interpreter the image lacks (e.g. #!/bin/bash in alpine), or has Windows line endings.',
          'possible',
        ),
      );
      fixes.push({
        text: 'Fix the path in command, or the mountPath that shadows it.',
        specPath: `${c.specPath}.command`,
      });
      return `the file ${exe ? `"${exe}" ` : ''}to run does not exist in the image`;
    },
  },
  {
    kind: 'read-only-fs',
    message: /read-only file system/,
    explain: (f) => {
      const { c, causes, fixes } = f;
      causes.push(
        cause(
          'readOnlyRootFilesystem is true and a mount point or working directory must be created.',
          'likely',
        ),
      );
      fixes.push({
        text: 'Mount an emptyDir at the directory that must be writable.',
        specPath: `${c.specPath}.volumeMounts`,
      });
      return 'the runtime cannot write where it must (read-only file system)';
    },
  },
];

function otherCreateError(f: CreateFacts): string {
  const { failure, causes, fixes } = f;
  causes.push(cause(`The runtime reports: ${quote(failure.message)}.`, 'likely'));
  fixes.push({
    text: "Read the runtime message above; `kubectl describe pod` and the node's containerd logs have the details.",
  });

  return 'the container runtime refused to start it';
}

/** The CreateContainerError/RunContainerError/StartError message of a container, if it has one. */
function createFailure(
  c: ContainerInfo,
): { path: string; reason: string; message: string; exitCode?: number } | undefined {
  const waiting = c.status?.state?.waiting;
  if (
    waiting?.reason &&
    /^(CreateContainerError|RunContainerError|CreateContainerConfigError|PreStartHookError)$/.test(
      waiting.reason,
    )
  ) {
    return { path: `${c.statusPath}.state.waiting`, reason: waiting.reason, message: waiting.message ?? '' };
  }
  for (const [field, state] of [
    ['state', c.status?.state],
    ['lastState', c.status?.lastState],
  ] as const) {
    const t = state?.terminated;
    if (t && (t.reason === 'StartError' || t.reason === 'ContainerCannotRun')) {
      return {
        path: `${c.statusPath}.${field}.terminated`,
        reason: t.reason,
        message: t.message ?? '',
        ...(t.exitCode !== undefined ? { exitCode: t.exitCode } : {}),
      };
    }
  }
  return undefined;
}

function containerCreate(ctx: DiagnoseContext, c: ContainerInfo): Diagnosis | undefined {
  const failure = createFailure(c);
  if (!failure) return undefined;
  const evidence: Evidence[] = [
    statusEvidence(
      failure.path,
      `${failure.reason}${failure.exitCode !== undefined ? ` (exit ${failure.exitCode})` : ''}: ${quote(failure.message, 500)}`,
    ),
  ];
  const event = newest(containerEvents(ctx, c, ['Failed']), () => true);
  if (event) evidence.push(eventEvidence(event));
  const command = commandOf(c);
  if (command) evidence.push(specEvidence(`${c.specPath}.command`, `command/args: ${command}`));
  const exe = /exec: "([^"]+)"/.exec(failure.message)?.[1] ?? /exec (\S+): /.exec(failure.message)?.[1];
  const causes: Cause[] = [];
  const fixes: Fix[] = [];
  const explain = CREATE_ERRORS.find((row) => row.message.test(failure.message))?.explain ?? otherCreateError;
  const what = explain({ c, exe, command, failure, causes, fixes });
  return {
    id: 'container-create',
    severity: 'critical',
    title: `${c.label[0]!.toUpperCase()}${c.label.slice(1)} cannot be started: ${what}`,
    summary: `The container runtime fails to start ${c.label} (${failure.reason}): ${what}.`,
    container: c.name,
    evidence,
    causes: rankCauses(causes),
    fixes,
  };
}

/** The owner's pods are rejected by admission (PodSecurity, a policy webhook): they are never created. */
function admissionDenied(ctx: DiagnoseContext): Diagnosis[] {
  const last = ctx.ownerEvents.filter((e) => e.reason === 'FailedCreate').at(-1);
  // Quota refusals read "forbidden" too; they are the scheduling side's (unschedulable).
  if (!last || parseQuotaMessage(last.message) || /failed quota: .*must specify/.test(last.message))
    return [];
  const evidence = [eventEvidence(last, `${last.owner}: `)];
  if (/forbidden|denied the request|admission webhook/i.test(last.message)) {
    const podSecurity = /violates PodSecurity "([^"]+)": (.*)$/s.exec(last.message);
    return [
      {
        id: 'container-create',
        severity: 'warning',
        title: podSecurity
          ? `${last.owner} cannot create pods: they violate PodSecurity "${podSecurity[1]}"`
          : `${last.owner} cannot create pods: admission denied them`,
        summary: podSecurity
          ? `The namespace enforces the Pod Security Standard "${podSecurity[1]}" and the template breaks it: ${podSecurity[2]}.`
          : `The API server rejected the pods: ${quote(last.message)}`,
        evidence,
        causes: [
          cause(
            podSecurity
              ? 'The pod template asks for privileges the namespace policy forbids.'
              : 'An admission controller or webhook (policy engine, LimitRange) rejects the pod template.',
            'likely',
          ),
        ],
        fixes: [
          podSecurity
            ? {
                text: 'Set the securityContext fields the message lists (e.g. allowPrivilegeEscalation: false, runAsNonRoot: true, capabilities.drop: [ALL], seccompProfile.type: RuntimeDefault).',
                specPath: 'spec.containers[*].securityContext',
              }
            : {
                text: 'Change the template to satisfy the policy named in the message, or ask the policy owner for an exception.',
              },
        ],
      },
    ];
  }
  return [];
}

export const containerCreateDiagnosis: DiagnosisDeclaration = {
  id: 'container-create',
  severity: 'critical',
  title: 'A container cannot be created or started',
  scope: 'container',
  containers: 'all',
  skipsClaimed: true,
  claims: 'container',
  detect: containerCreate,
};

export const admissionDeniedDiagnosis: DiagnosisDeclaration = {
  id: 'container-create',
  severity: 'warning',
  title: "The owner's pods are rejected by admission",
  scope: 'pod',
  detect: admissionDenied,
};
