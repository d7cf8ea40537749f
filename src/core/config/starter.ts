/** What `pod-doctor init` writes: every section, commented, with nothing changed from the defaults. */
export const STARTER_CONFIG = `# Pod Doctor configuration, read the same way by \`pod-doctor lint\` and the editor.
# The nearest .pod-doctor.yaml above a manifest applies; the search stops at the repository root.
# Rule ids: \`pod-doctor rules\` or https://github.com/pod-doctor/pod-doctor/blob/main/docs/rules.md

# Severity per rule: off, info, warning or error. The editor setting podDoctor.lint.rules
# and \`pod-doctor lint --rule ID=LEVEL\` win over it.
rules:
  # image-latest-tag: warning
  # probe-missing-readiness: off

# Files not to lint, relative to this folder. A glob without "/" matches a name at any depth.
ignore:
  # - "**/generated/**"

# Rule levels for some files only; later entries win.
overrides:
  # - files: ["jobs/**"]
  #   rules:
  #     probe-missing-readiness: off

# The Kubernetes version you deploy to, for the rule about removed API versions.
# kubernetesVersion: "1.30"

# Kustomize overlays and Helm charts are rendered, and what they produce is linted.
kustomize:
  enabled: true
  # bin: /usr/local/bin/kustomize
helm:
  enabled: true
  # bin: /usr/local/bin/helm
  # values: [values-prod.yaml]
`;
