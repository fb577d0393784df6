// Commands: which kubectl commands the simulation runs, the flags each implements, and what is
// deliberately out of scope (with the reason shown to the learner).
import KubeSim

/// A command the simulation implements: the kubectl flags it honours and what it does.
struct Handler: Sendable {
  let flags: Set<String>
  let run: @Sendable (Invocation) throws -> Void
  init(_ flags: [String], _ run: @escaping @Sendable (Invocation) throws -> Void) {
    self.flags = Set(flags)
    self.run = run
  }
}

enum Commands {
  /// Global flags every command honours. `-v` and `--request-timeout` are accepted and ignored.
  static let globalSupported: Set<String> = [
    "namespace", "as", "as-group", "context", "v", "request-timeout", "match-server-version", "warnings-as-errors",
  ]

  static let printFlags = ["output", "show-managed-fields", "allow-missing-template-keys", "template"]

  /// Deprecated flags kubectl still takes but hides from its help: `--record` (RecordFlags).
  static let hiddenFlags: [String: [FlagSpec]] = Dictionary(
    uniqueKeysWithValues: [
      "apply", "create", "expose", "label", "annotate", "replace", "scale", "patch", "set image", "run",
    ]
    .map { ($0, [FlagSpec(name: "record", kind: .bool, defaultText: "false")]) })

  static let handlers: [String: Handler] = [
    "get": Handler(
      [
        "all-namespaces", "field-selector", "filename", "ignore-not-found", "label-columns", "no-headers", "output",
        "recursive", "selector", "show-kind", "show-labels", "sort-by", "watch", "watch-only", "chunk-size",
        "server-print", "show-managed-fields", "allow-missing-template-keys", "output-watch-events",
      ], Get.run),
    "describe": Handler(
      ["all-namespaces", "filename", "recursive", "selector", "show-events", "chunk-size"], Describe.run),
    "apply": Handler(
      [
        "filename", "recursive", "dry-run", "output", "validate", "overwrite", "field-manager", "server-side",
        "force-conflicts", "show-managed-fields", "allow-missing-template-keys", "wait", "timeout", "record",
      ], Apply.run),
    "create": Handler(
      [
        "filename", "recursive", "dry-run", "output", "validate", "save-config", "field-manager", "edit",
        "show-managed-fields", "allow-missing-template-keys", "raw", "windows-line-endings", "selector",
      ], Create.fromFiles),
    "create deployment": Handler(
      ["image", "replicas", "port", "dry-run", "output", "validate"] + printFlags + ["save-config", "field-manager"],
      Create.deployment),
    "create namespace": Handler(
      ["dry-run", "output", "validate", "save-config", "field-manager"] + printFlags, Create.namespace),
    "create service clusterip": Handler(
      ["tcp", "clusterip", "dry-run", "output", "validate", "save-config", "field-manager"] + printFlags,
      Create.serviceClusterIP),
    "create service nodeport": Handler(
      ["tcp", "node-port", "dry-run", "output", "validate", "save-config", "field-manager"] + printFlags,
      Create.serviceNodePort),
    "create service loadbalancer": Handler(
      ["tcp", "dry-run", "output", "validate", "save-config", "field-manager"] + printFlags, Create.serviceLoadBalancer),
    "create configmap": Handler(
      [
        "from-literal", "from-env-file", "from-file", "dry-run", "output", "validate", "save-config", "field-manager",
        "append-hash",
      ] + printFlags, Create.configMap),
    "create secret generic": Handler(
      [
        "from-literal", "from-env-file", "from-file", "type", "dry-run", "output", "validate", "save-config",
        "field-manager", "append-hash",
      ] + printFlags, Create.secretGeneric),
    "create serviceaccount": Handler(
      ["dry-run", "output", "validate", "save-config", "field-manager"] + printFlags, Create.serviceAccount),
    "create role": Handler(
      ["verb", "resource", "resource-name", "dry-run", "output", "validate", "save-config", "field-manager"]
        + printFlags, Create.role),
    "create clusterrole": Handler(
      [
        "verb", "resource", "resource-name", "non-resource-url", "aggregation-rule", "dry-run", "output", "validate",
        "save-config", "field-manager",
      ] + printFlags, Create.clusterRole),
    "create rolebinding": Handler(
      [
        "role", "clusterrole", "user", "group", "serviceaccount", "dry-run", "output", "validate", "save-config",
        "field-manager",
      ] + printFlags, Create.roleBinding),
    "create clusterrolebinding": Handler(
      [
        "clusterrole", "user", "group", "serviceaccount", "dry-run", "output", "validate", "save-config",
        "field-manager",
      ] + printFlags, Create.clusterRoleBinding),
    "create job": Handler(
      ["image", "from", "dry-run", "output", "validate", "save-config", "field-manager"] + printFlags, Create.job),
    "run": Handler(
      [
        "image", "port", "restart", "labels", "env", "command", "dry-run", "output", "image-pull-policy", "expose",
        "annotations", "overrides", "override-type", "privileged", "save-config", "field-manager", "stdin", "tty",
        "attach", "rm",
      ] + printFlags, Run.run),
    "delete": Handler(
      [
        "filename", "recursive", "selector", "all", "all-namespaces", "cascade", "grace-period", "now", "force",
        "ignore-not-found", "output", "wait", "timeout", "dry-run", "field-selector", "interactive", "raw",
      ], Delete.run),
    "scale": Handler(
      [
        "replicas", "current-replicas", "resource-version", "filename", "recursive", "selector", "all", "output",
        "dry-run", "timeout",
      ]
        + printFlags, Scale.run),
    "rollout status": Handler(["watch", "revision", "timeout", "filename", "recursive", "selector"], Rollout.status),
    "rollout history": Handler(
      ["revision", "filename", "recursive", "selector", "output"] + printFlags, Rollout.history),
    "rollout undo": Handler(
      ["to-revision", "dry-run", "filename", "recursive", "selector", "output"] + printFlags, Rollout.undo),
    "rollout restart": Handler(
      ["filename", "recursive", "selector", "output", "field-manager"] + printFlags, Rollout.restart),
    "rollout pause": Handler(
      ["filename", "recursive", "selector", "output", "field-manager"] + printFlags, Rollout.pause),
    "rollout resume": Handler(
      ["filename", "recursive", "selector", "output", "field-manager"] + printFlags, Rollout.resume),
    "set image": Handler(
      ["all", "selector", "filename", "recursive", "local", "dry-run", "output", "field-manager"] + printFlags,
      SetImage.run),
    "expose": Handler(
      [
        "port", "target-port", "type", "name", "protocol", "selector", "labels", "external-ip", "cluster-ip",
        "filename", "recursive", "dry-run", "output", "save-config", "field-manager", "session-affinity",
        "load-balancer-ip", "override-type", "overrides",
      ] + printFlags, Expose.run),
    "label": Handler(
      [
        "overwrite", "all", "all-namespaces", "selector", "field-selector", "list", "local", "filename", "recursive",
        "resource-version", "dry-run", "output", "field-manager",
      ] + printFlags, Label.label),
    "annotate": Handler(
      [
        "overwrite", "all", "all-namespaces", "selector", "field-selector", "list", "local", "filename", "recursive",
        "resource-version", "dry-run", "output", "field-manager",
      ] + printFlags, Label.annotate),
    "taint": Handler(
      ["overwrite", "all", "selector", "dry-run", "output", "validate", "field-manager"] + printFlags, TaintCommand.run),
    "cordon": Handler(["selector", "dry-run"], NodeMaintenance.cordon),
    "uncordon": Handler(["selector", "dry-run"], NodeMaintenance.uncordon),
    "drain": Handler(
      [
        "ignore-daemonsets", "delete-emptydir-data", "force", "grace-period", "selector", "pod-selector", "dry-run",
        "timeout", "disable-eviction", "skip-wait-for-delete-timeout", "chunk-size",
      ], NodeMaintenance.drain),
    "patch": Handler(
      [
        "patch", "type", "filename", "recursive", "dry-run", "output", "local", "subresource", "field-manager",
        "patch-file",
      ] + printFlags, Patch.run),
    "replace": Handler(
      [
        "filename", "recursive", "force", "grace-period", "cascade", "dry-run", "output", "validate", "save-config",
        "field-manager",
      ] + printFlags, Replace.run),
    "logs": Handler(
      [
        "container", "previous", "tail", "follow", "timestamps", "all-containers", "prefix", "since", "limit-bytes",
        "selector", "pod-running-timeout", "ignore-errors", "max-log-requests",
      ], Logs.run),
    "exec": Handler(["container", "stdin", "tty", "quiet", "filename", "pod-running-timeout"], Exec.run),
    "top node": Handler(["selector", "sort-by", "no-headers", "show-capacity", "use-protocol-buffers"], Top.nodes),
    "top pod": Handler(
      [
        "selector", "all-namespaces", "sort-by", "no-headers", "containers", "field-selector", "sum",
        "use-protocol-buffers",
      ], Top.pods),
    "auth can-i": Handler(["all-namespaces", "list", "no-headers", "subresource", "quiet"], Auth.canI),
    "auth whoami": Handler(["output"] + printFlags, Auth.whoami),
    "api-resources": Handler(
      ["api-group", "namespaced", "no-headers", "output", "sort-by", "verbs", "categories", "cached"],
      APIResources.resources),
    "api-versions": Handler([], APIResources.versions),
    "version": Handler(["client", "output"], Version.run),
    "cluster-info": Handler([], ClusterInfo.run),
    "config view": Handler(["minify", "raw", "flatten", "output", "merge"] + printFlags, Config.view),
    "config current-context": Handler([], Config.currentContext),
    "config get-contexts": Handler(["no-headers", "output"], Config.getContexts),
    "config set-context": Handler(["current", "namespace", "cluster", "user"], Config.setContext),
    "config use-context": Handler([], Config.useContext),
    "events": Handler(["all-namespaces", "for", "types", "no-headers", "output", "watch"] + printFlags, Events.run),
    "options": Handler([], { inv in inv.out += (CommandCatalog.help("options") ?? "") + "\n" }),
    "explain": Handler(
      ["api-version", "recursive", "output"],
      { _ in
        throw KubectlError.message(
          "\"kubectl explain\" is out of scope in KubeLab: read the object with kubectl get -o yaml, or the Kubernetes API reference"
        )
      }),
    "edit": Handler(
      [
        "filename", "output", "recursive", "selector", "save-config", "validate", "windows-line-endings",
        "field-manager", "subresource", "show-managed-fields", "allow-missing-template-keys", "template",
        "output-patch",
      ],
      { _ in
        throw KubectlError.message(
          "\"kubectl edit\" is out of scope in KubeLab (there is no editor in the REPL): use kubectl patch, kubectl set, kubectl scale, or change the manifest and kubectl apply -f it again"
        )
      }),
  ]

  /// Commands kubectl has that the simulation does not run, and why.
  static let outOfScope: [String: String] = [
    "attach": "containers have no terminal to attach to; use kubectl logs",
    "port-forward": "there is no network between the REPL and the simulated pods",
    "proxy": "there is no HTTP server to proxy to",
    "cp": "simulated containers have no file system",
    "debug": "ephemeral containers are not simulated",
    "diff": "use kubectl apply --dry-run=server -o yaml to see what would change",
    "wait":
      "the REPL does not block; move the clock until the condition holds with `run until` (such as `run until pod/NAME ready`, `run until deployment/NAME rolled-out`; see `help run`)",
    "kustomize": "kustomize is not built in",
    "autoscale": "HorizontalPodAutoscalers are not simulated",
    "certificate": "CertificateSigningRequests are not simulated",
    "plugin": "plugins cannot run inside the simulation",
    "completion": "the REPL completes commands itself (press Tab)",
    "create": "this kind of object is not simulated",
    "set": "only kubectl set image is simulated",
    "config":
      "the kubeconfig is fixed; only view, current-context, get-contexts, set-context --current --namespace and use-context are simulated",
    "auth": "only kubectl auth can-i and whoami are simulated",
    "apply": "only kubectl apply -f is simulated",
    "cluster-info": "only kubectl cluster-info is simulated",
  ]
}

/// The one kubeconfig context the learner has (kubeadm's admin.conf).
enum KubeConfig {
  static let contextName = "kubernetes-admin@kubernetes"
  static let clusterName = "kubernetes"
  static let userName = "kubernetes-admin"
}
