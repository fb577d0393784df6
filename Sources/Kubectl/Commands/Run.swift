// Run: `kubectl run NAME --image=…` — one pod, built as kubectl builds it (label `run=NAME`,
// `dnsPolicy: ClusterFirst`), optionally exposed by a service (k8s.io/kubectl/pkg/cmd/run).
import KubeSim

enum Run {
  static func run(_ inv: Invocation) throws {
    let positional = inv.flags.argsLenAtDash.map { Array(inv.args[..<$0]) } ?? inv.args
    let rest = inv.flags.argsLenAtDash.map { Array(inv.args[$0...]) } ?? []
    guard let name = positional.first else {
      throw KubectlError.usageHint("NAME is required for run")
    }
    guard inv.flags.changed("image"), !inv.flags.string("image").isEmpty else {
      throw KubectlError.message("required flag(s) \"image\" not set")
    }
    if inv.flags.bool("stdin") || inv.flags.bool("tty") || inv.flags.bool("attach") || inv.flags.bool("rm") {
      throw KubectlError.message(
        "KubeLab cannot attach a terminal to a simulated container (-i, -t, --attach, --rm): run the pod without them, then use kubectl logs or kubectl exec"
      )
    }
    let dry = try inv.dryRun()
    let format = try inv.operationFormat()
    let restart = inv.flags.string("restart", default: "Always")
    guard RestartPolicy.all.contains(restart) else {
      throw KubectlError.usageHint("invalid restart policy: \(restart)")
    }

    var labels = ["run": name]
    if inv.flags.changed("labels") {
      labels = [:]
      for pair in inv.flags.string("labels").split(separator: ",") {
        let kv = pair.split(separator: "=", maxSplits: 1).map(String.init)
        guard kv.count == 2 else { throw KubectlError.message("invalid label spec: \(pair)") }
        labels[kv[0]] = kv[1]
      }
    }
    var pod = Pod(metadata: ObjectMeta(name: name, labels: labels))
    var annotations: [String: String] = [:]
    for a in inv.flags.strings("annotations") {
      let kv = a.split(separator: "=", maxSplits: 1).map(String.init)
      guard kv.count == 2 else { throw KubectlError.message("invalid annotation spec: \(a)") }
      annotations[kv[0]] = kv[1]
    }
    if !annotations.isEmpty { pod.metadata.annotations = annotations }
    var c = Container(name: name, image: inv.flags.string("image"))
    if inv.flags.bool("command") {
      c.command = rest
    } else {
      c.args = rest
    }
    for e in inv.flags.strings("env") {
      let kv = e.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
      guard kv.count == 2 else { throw KubectlError.message("invalid env: \(e)") }
      c.env.append(EnvVar(name: kv[0], value: kv[1]))
    }
    let portText = inv.flags.string("port")
    var port: Int32? = nil
    if !portText.isEmpty {
      guard let p = Int32(portText) else {
        throw KubectlError.message("strconv.Atoi: parsing \"\(portText)\": invalid syntax")
      }
      port = p
      c.ports = [ContainerPort(containerPort: p)]
    }
    if inv.flags.changed("image-pull-policy") { c.imagePullPolicy = inv.flags.string("image-pull-policy") }
    if inv.flags.bool("privileged") { c.securityContext = ["privileged": true] }
    pod.spec.containers = [c]
    pod.spec.dnsPolicy = DNSPolicy.clusterFirst
    pod.spec.restartPolicy = restart
    pod.metadata.namespace = inv.namespace

    if inv.flags.bool("expose") {
      guard let port else {
        throw KubectlError.message("--port must be set when exposing a service")
      }
      var svc = Service(metadata: ObjectMeta(name: name, namespace: inv.namespace))
      svc.spec.selector = labels
      svc.spec.ports = [ServicePort(port: port, targetPort: .int(Int(port)))]
      if dry == .client && !inv.namespaceGiven { svc.metadata.namespace = "" }
      let stored = try inv.create(svc, dryRun: dry)
      try inv.printOperation(stored, "created", dryRun: dry, format: format)
    }
    pod = try Overrides.apply(inv, to: pod)
    if dry == .client && !inv.namespaceGiven { pod.metadata.namespace = "" }
    let stored = try inv.create(pod, dryRun: dry)
    try inv.printOperation(stored, "created", dryRun: dry, format: format)
  }
}
