// Logs and Exec: `kubectl logs POD|-l SELECTOR [-c C] [--previous] [--tail N]` (GET pods/NAME/log) and
// `kubectl exec POD [-c C] -- CMD…` (POST pods/NAME/exec); the apiserver asks the pod's kubelet.
import KubeSim

enum Logs {
  static let usage =
    "expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command"

  /// The pod a `logs`/`exec` argument names: `web`, `pod/web`, `deployment/web` (its first pod).
  /// The pod `arg` names: a pod, or the first pod of a workload or service (polymorphichelpers'
  /// GetFirstPod). Logs pick the pod best for logging and say which of several they used; exec
  /// picks the most active pod, silently.
  static func pod(_ inv: Invocation, _ arg: String, forLogs: Bool = true) throws -> Pod {
    guard arg.contains("/") else { return try inv.get(Pod.self, arg) as! Pod }
    let ref = try ResourceArguments.parse([arg]).refs[0]
    let o = try inv.get(ref.type, ref.name ?? "")
    if let p = o as? Pod { return p }
    let why = forLogs ? "cannot get the logs from *v1.\(o.resource.kind)" : "cannot attach to *v1.\(o.resource.kind)"
    let selector: LabelSelector?
    switch o {
    case let d as Deployment: selector = d.spec.selector
    case let rs as ReplicaSet: selector = rs.spec.selector
    case let ds as DaemonSet: selector = ds.spec.selector
    case let j as Job: selector = j.spec.selector
    case let s as Service:
      if s.spec.selector.isEmpty {
        throw KubectlError.message(
          "\(why): invalid service '\(s.metadata.name)': Service is defined without a selector")
      }
      selector = LabelSelector(matchLabels: s.spec.selector)
    default: throw KubectlError.message("\(why): selector for *v1.\(o.resource.kind) not implemented")
    }
    let text = (try? selector.asSelector().description) ?? ""
    let pods = try inv.list(Pod.self, labelSelector: text).compactMap { $0 as? Pod }
    let sorted = Get.stableSorted(pods, by: forLogs ? betterForLogs : moreActive)
    guard let first = sorted.first else {
      throw KubectlError.message("timed out waiting for the condition")
    }
    if forLogs && pods.count > 1 { inv.err += "Found \(pods.count) pods, using pod/\(first.metadata.name)\n" }
    return first
  }

  /// podutils.ByLogging: assigned, Running before Unknown before Pending, ready, ready longer,
  /// more restarts, older.
  static func betterForLogs(_ a: Pod, _ b: Pod) -> Bool {
    if a.spec.nodeName.isEmpty != b.spec.nodeName.isEmpty { return !a.spec.nodeName.isEmpty }
    // Phases outside the map rank as Running does (Go's zero value).
    let phase = ["Running": 0, "Unknown": 1, "Pending": 2]
    let (pa, pb) = (phase[a.status.phase] ?? 0, phase[b.status.phase] ?? 0)
    if pa != pb { return pa < pb }
    if let r = readyFirst(a, b) { return r }
    if restarts(a) != restarts(b) { return restarts(a) > restarts(b) }
    return created(a) < created(b)
  }

  /// sort.Reverse(podutils.ActivePods): assigned, Running before Unknown before Pending, ready,
  /// ready longer, fewer restarts, older.
  static func moreActive(_ a: Pod, _ b: Pod) -> Bool {
    if a.spec.nodeName.isEmpty != b.spec.nodeName.isEmpty { return !a.spec.nodeName.isEmpty }
    // Phases outside the map rank as Pending does (Go's zero value).
    let phase = ["Running": 0, "Unknown": 1, "Pending": 2]
    let (pa, pb) = (phase[a.status.phase] ?? 2, phase[b.status.phase] ?? 2)
    if pa != pb { return pa < pb }
    if let r = readyFirst(a, b) { return r }
    if restarts(a) != restarts(b) { return restarts(a) < restarts(b) }
    return created(a) < created(b)
  }

  /// Ready before not ready, then ready for longer first; nil when that does not decide.
  private static func readyFirst(_ a: Pod, _ b: Pod) -> Bool? {
    if a.isReady != b.isReady { return a.isReady }
    if a.isReady {
      let ta = a.condition(PodConditionType.ready)?.lastTransitionTime
      let tb = b.condition(PodConditionType.ready)?.lastTransitionTime
      if let ta, let tb, ta != tb { return ta < tb }
    }
    return nil
  }

  private static func restarts(_ p: Pod) -> Int64 {
    (p.status.containerStatuses + p.status.initContainerStatuses).map { Int64($0.restartCount) }.max() ?? 0
  }

  private static func created(_ p: Pod) -> Int64 { p.metadata.creationTimestamp?.microseconds ?? Int64.max }

  /// `-c`, else the default-container annotation, else the first container (saying so when there are more).
  static func container(_ inv: Invocation, _ pod: Pod) -> String {
    if inv.flags.changed("container") { return inv.flags.string("container") }
    if let d = pod.metadata.annotations?["kubectl.kubernetes.io/default-container"] { return d }
    let names = pod.spec.containers.map(\.name)
    if names.count > 1 {
      inv.err +=
        "Defaulted container \"\(names[0])\" out of: \((names + pod.spec.initContainers.map { "\($0.name) (init)" }).joined(separator: ", "))\n"
    }
    return names.first ?? ""
  }

  static func run(_ inv: Invocation) throws {
    if inv.flags.bool("follow") {
      throw KubectlError.message(
        "KubeLab's kubectl does not stream: -f/--follow cannot run in the REPL; run kubectl logs again after a few ticks"
      )
    }
    let selector = inv.flags.changed("selector") ? inv.flags.string("selector") : ""
    if !selector.isEmpty {
      if inv.args.count == 1 { throw KubectlError.usageHint("only a selector (-l) or a POD name is allowed") }
      if inv.args.count > 2 { throw KubectlError.usageHint(usage) }
      // Upstream's builder lists the pods; each pod's default container, 10 lines unless --tail is given.
      let pods = try inv.list(Pod.self, labelSelector: selector).compactMap { $0 as? Pod }
      if pods.isEmpty {
        inv.err += "No resources found in \(inv.namespace) namespace.\n"
        return
      }
      let tail = inv.flags.changed("tail") ? inv.flags.int("tail") : 10
      // Simulation: upstream fetches the pods' logs in map order (random); here in name order.
      for p in pods.sorted(by: { $0.metadata.name < $1.metadata.name }) {
        let containers =
          inv.flags.bool("all-containers")
          ? p.spec.initContainers.map(\.name) + p.spec.containers.map(\.name)
          : [inv.flags.changed("container") ? inv.flags.string("container") : container(inv, p)]
        try fetch(inv, p, containers, tail: tail)
      }
      return
    }
    guard let arg = inv.args.first else { throw KubectlError.usageHint(usage) }
    var containerArg = inv.args.count > 1 ? inv.args[1] : nil
    if inv.args.count > 2 { throw KubectlError.usageHint(usage) }
    let p = try pod(inv, arg)
    if containerArg == nil && inv.flags.changed("container") { containerArg = inv.flags.string("container") }
    let containers: [String]
    if inv.flags.bool("all-containers") {
      containers = p.spec.initContainers.map(\.name) + p.spec.containers.map(\.name)
    } else {
      containers = [containerArg ?? container(inv, p)]
    }
    try fetch(inv, p, containers, tail: inv.flags.int("tail"))
  }

  /// GET pods/NAME/log for each container, printed as is or with `--prefix` (`[pod/NAME/CONTAINER] `).
  private static func fetch(_ inv: Invocation, _ p: Pod, _ containers: [String], tail: Int?) throws {
    for c in containers {
      var opts = RequestOptions()
      opts.container = c
      opts.previous = inv.flags.bool("previous")
      if let tail, tail >= 0 { opts.tailLines = tail }
      let r = APIRequest(
        .get, Pod.resource, namespace: p.metadata.namespace, name: p.metadata.name, subresource: "log", options: opts)
      switch try inv.perform(r) {
      case .text(let t):
        let prefix = inv.flags.bool("prefix") ? "[pod/\(p.metadata.name)/\(c)] " : ""
        if prefix.isEmpty {
          inv.out += t
        } else if !t.isEmpty {
          inv.out += t.split(separator: "\n", omittingEmptySubsequences: false).dropLast(t.hasSuffix("\n") ? 1 : 0)
            .map { prefix + $0 + "\n" }.joined()
        }
      default: break
      }
    }
  }
}

enum Exec {
  static func run(_ inv: Invocation) throws {
    guard let dash = inv.flags.argsLenAtDash else {
      // exec.go: a command without `--` is refused; a pod alone has no command.
      if inv.args.count > 1 {
        throw KubectlError.usageHint(
          "exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead")
      }
      if inv.args.isEmpty { throw KubectlError.message("pod, type/name or --filename must be specified") }
      throw KubectlError.message("you must specify at least one command for the container")
    }
    let positional = Array(inv.args[..<dash])
    let command = Array(inv.args[dash...])
    guard let arg = positional.first else {
      throw KubectlError.message("pod, type/name or --filename must be specified")
    }
    if command.isEmpty { throw KubectlError.message("you must specify at least one command for the container") }
    let p = try Logs.pod(inv, arg, forLogs: false)
    if p.isTerminal {
      throw KubectlError.message("cannot exec into a container in a completed pod; current phase is \(p.status.phase)")
    }
    let c = Logs.container(inv, p)
    guard p.spec.allContainers.contains(where: { $0.name == c }) else {
      throw KubectlError.message("container \(c) not found in pod \(p.metadata.name)")
    }
    // Simulation: no terminal reaches a simulated container, so an interactive shell (`-it … -- sh`)
    // would print nothing and return at once; say so instead.
    let shells: Set<String> = ["sh", "bash", "ash", "dash", "zsh"]
    let program = command[0].split(separator: "/").last.map(String.init) ?? command[0]
    if (inv.flags.bool("stdin") || inv.flags.bool("tty")) && shells.contains(program)
      && command.dropFirst().allSatisfy({ $0.hasPrefix("-") && $0 != "-c" })
    {
      throw KubectlError.message(
        "KubeLab cannot attach a terminal to a simulated container (-i, -t): run one command at a time instead, e.g. kubectl exec \(arg) -- ls /, or kubectl exec \(arg) -- \(command[0]) -c 'COMMAND'"
      )
    }
    var opts = RequestOptions()
    opts.container = c
    opts.command = command
    let r = APIRequest(
      .create, Pod.resource, namespace: p.metadata.namespace, name: p.metadata.name, subresource: "exec", options: opts)
    switch inv.client.perform(r) {
    case .success(.text(let t)):
      inv.out += t
    case .success:
      break
    case .failure(let e) where e.reason == "NonZeroExitCode":
      // The command ran and failed: its output, then kubectl's line, and its exit code as ours.
      inv.out += e.details?["output"]?.stringValue ?? ""
      inv.err += "command terminated with exit code \(e.exitCodeCause ?? 1)\n"
      inv.exitCode = e.exitCodeCause ?? 1
    case .failure(let e):
      throw KubectlError.from(e)
    }
  }
}

extension APIError {
  /// The exit code a `NonZeroExitCode` Status carries in its causes.
  var exitCodeCause: Int32? {
    details?["causes"]?.arrayValue?.first { $0["reason"]?.stringValue == "ExitCode" }?["message"]?.stringValue
      .flatMap { Int32($0) }
  }
}
