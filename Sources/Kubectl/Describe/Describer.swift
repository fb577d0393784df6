// Describer: what every `kubectl describe` shares (k8s.io/kubectl/pkg/describe/describe.go) —
// labels and annotations over several lines, containers, volumes, tolerations, the pod template,
// and the Events table at the bottom.
import KubeSim

/// Reads what a description needs (events, related objects) through the learner's client.
struct DescribeContext {
  let inv: Invocation
  var now: Time { inv.now }
  let showEvents: Bool

  /// Events about an object (`involvedObject` field selector), oldest last-seen first.
  func events(kind: String, name: String, namespace: String, uid: String) -> [Event]? {
    guard showEvents else { return nil }
    var selector =
      kind.isEmpty ? "involvedObject.name=\(name)" : "involvedObject.kind=\(kind),involvedObject.name=\(name)"
    if !namespace.isEmpty { selector += ",involvedObject.namespace=\(namespace)" }
    if !uid.isEmpty { selector += ",involvedObject.uid=\(uid)" }
    let items = (try? inv.list(Event.self, namespace: namespace, fieldSelector: selector)) ?? []
    return items.compactMap { $0 as? Event }
  }

  func events(for o: any KubeObject) -> [Event]? {
    events(kind: o.resource.kind, name: o.metadata.name, namespace: o.metadata.namespace, uid: o.metadata.uid)
  }
}

enum Describer {
  /// The description of one object, or nil when the kind has no describer here.
  static func describe(_ o: any KubeObject, _ ctx: DescribeContext) -> String {
    switch o {
    case let p as Pod: return PodDescriber.describe(p, ctx)
    case let n as Node: return NodeDescriber.describe(n, ctx)
    case let d as Deployment: return WorkloadDescribers.deployment(d, ctx)
    case let rs as ReplicaSet: return WorkloadDescribers.replicaSet(rs, ctx)
    case let ds as DaemonSet: return WorkloadDescribers.daemonSet(ds, ctx)
    case let j as Job: return WorkloadDescribers.job(j, ctx)
    case let s as Service: return ServiceDescribers.service(s, ctx)
    case let e as Endpoints: return ServiceDescribers.endpoints(e, ctx)
    case let ns as Namespace: return ConfigDescribers.namespace(ns, ctx)
    case let cm as ConfigMap: return ConfigDescribers.configMap(cm, ctx)
    case let s as Secret: return ConfigDescribers.secret(s, ctx)
    case let sa as ServiceAccount: return ConfigDescribers.serviceAccount(sa, ctx)
    case let r as Role: return ConfigDescribers.role(r.metadata, r.rules)
    case let r as ClusterRole: return ConfigDescribers.role(r.metadata, r.rules)
    case let b as RoleBinding: return ConfigDescribers.binding(b.metadata, b.roleRef, b.subjects)
    case let b as ClusterRoleBinding: return ConfigDescribers.binding(b.metadata, b.roleRef, b.subjects)
    default: return ConfigDescribers.generic(o, ctx)
    }
  }

  // MARK: - Labels, annotations, taints, tolerations

  /// `printLabelsMultilineWithIndent`: `Labels:\tapp=web`, further labels on their own lines.
  static func labels(_ w: PrefixWriter, _ title: String, _ labels: [String: String]?, initialIndent: String = "") {
    w.write(0, "\(initialIndent)\(title):\t")
    let keys = (labels ?? [:]).keys.sorted()
    if keys.isEmpty {
      w.line("<none>")
      return
    }
    for (i, k) in keys.enumerated() {
      if i != 0 { w.write(0, "\(initialIndent)\t") }
      w.write(0, "\(k)=\(labels![k]!)\n")
    }
  }

  /// `printAnnotationsMultiline`: long or multi-line values go below their key, cut at 140 characters.
  static func annotations(_ w: PrefixWriter, _ title: String, _ annotations: [String: String]?) {
    w.write(0, "\(title):\t")
    let all = annotations ?? [:]
    let keys = all.keys.filter { $0 != Apply.lastAppliedAnnotation }.sorted()
    if keys.isEmpty {
      w.line("<none>")
      return
    }
    for (i, k) in keys.enumerated() {
      if i != 0 { w.write(0, "\t") }
      var value = all[k]!
      if value.hasSuffix("\n") { value.removeLast() }
      if value.count + k.count + 2 > 140 || value.contains("\n") {
        w.write(0, "\(k):\n")
        for s in value.split(separator: "\n", omittingEmptySubsequences: false) {
          let cut = s.count > 138 ? String(s.prefix(138)) + "..." : String(s)
          w.write(0, "\t  \(cut)\n")
        }
      } else {
        w.write(0, "\(k): \(value)\n")
      }
    }
  }

  static func taints(_ w: PrefixWriter, _ title: String, _ taints: [Taint]) {
    w.write(0, "\(title):\t")
    if taints.isEmpty {
      w.line("<none>")
      return
    }
    let sorted = taints.sorted { "\($0.effect),\($0.key)" < "\($1.effect),\($1.key)" }
    for (i, t) in sorted.enumerated() {
      if i != 0 { w.write(0, "\t") }
      w.write(0, "\(t.description)\n")
    }
  }

  static func tolerations(_ w: PrefixWriter, _ title: String, _ tolerations: [Toleration], initialIndent: String = "") {
    w.write(0, "\(initialIndent)\(title):\t")
    if tolerations.isEmpty {
      w.line("<none>")
      return
    }
    let sorted = tolerations.enumerated().sorted { ($0.element.key, $0.offset) < ($1.element.key, $1.offset) }.map(
      \.element)
    for (i, t) in sorted.enumerated() {
      if i != 0 { w.write(0, "\(initialIndent)\t") }
      var s = t.key
      if !t.value.isEmpty { s += "=\(t.value)" }
      if !t.effect.isEmpty { s += ":\(t.effect)" }
      if t.operator == TolerationOperator.exists && t.value.isEmpty {
        s += (t.key.isEmpty && t.effect.isEmpty) ? "op=Exists" : " op=Exists"
      }
      if let secs = t.tolerationSeconds { s += " for \(secs)s" }
      w.write(0, s + "\n")
    }
  }

  /// An error as Go's `err.Error()` prints it inside a description (an API error is its message alone).
  static func errorText(_ error: any Error) -> String {
    switch error {
    case KubectlError.api(_, let message): return message
    case KubectlError.message(let m), KubectlError.usageHint(let m), KubectlError.usage(let m): return m
    default: return String(describing: error)
    }
  }

  /// `Controlled By:  ReplicaSet/web-7d4b9`.
  static func controller(_ w: PrefixWriter, _ meta: ObjectMeta) {
    if let ref = meta.controllerRef { w.write(0, "Controlled By:\t\(ref.kind)/\(ref.name)\n") }
  }

  // MARK: - Events

  /// `DescribeEvents`: a separately aligned table, sorted by last timestamp.
  static func events(_ w: PrefixWriter, _ events: [Event]?, now: Time) {
    guard let events else { return }
    if events.isEmpty {
      w.write(0, "Events:\t<none>\n")
      return
    }
    w.flush()
    let sorted = Get.stableSorted(events) {
      ($0.lastTimestamp ?? Time(microseconds: 0)) < ($1.lastTimestamp ?? Time(microseconds: 0))
    }
    w.write(0, "Events:\n  Type\tReason\tAge\tFrom\tMessage\n")
    w.write(1, "----\t------\t----\t----\t-------\n")
    for e in sorted {
      var first = HumanDuration.since(e.eventTime?.time, now: now)
      if e.eventTime == nil { first = HumanDuration.since(e.firstTimestamp, now: now) }
      let interval: String
      if let s = e.series {
        interval = "\(HumanDuration.since(s.lastObservedTime?.time, now: now)) (x\(s.count ?? 0) over \(first))"
      } else if (e.count ?? 0) > 1 {
        interval = "\(HumanDuration.since(e.lastTimestamp, now: now)) (x\(e.count!) over \(first))"
      } else {
        interval = first
      }
      let source = e.source.component.isEmpty ? e.reportingComponent : e.source.component
      w.write(1, "\(e.type)\t\(e.reason)\t\(interval)\t\(source)\t\(e.message.trimmingCharacters(in: " "))\n")
    }
  }

  // MARK: - Containers

  typealias EnvResolver = (EnvVar) -> String

  static func containers(
    _ w: PrefixWriter, _ label: String, _ containers: [Container], _ statuses: [ContainerStatus]?,
    resolver: EnvResolver?, space: String
  ) {
    w.write(0, "\(space)\(label):\(containers.isEmpty ? " <none>" : "")\n")
    for c in containers {
      let status = statuses?.first { $0.name == c.name }
      w.write(1, "\(space.isEmpty ? "" : " ")\(c.name):\n")
      if let status { w.write(2, "Container ID:\t\(status.containerID)\n") }
      w.write(2, "Image:\t\(c.image)\n")
      if let status { w.write(2, "Image ID:\t\(status.imageID)\n") }
      let ports = c.ports.map { "\($0.containerPort)/\($0.protocol.isEmpty ? "TCP" : $0.protocol)" }.joined(
        separator: ", ")
      let hostPorts = c.ports.map { "\($0.hostPort ?? 0)/\($0.protocol.isEmpty ? "TCP" : $0.protocol)" }.joined(
        separator: ", ")
      if ports.contains(",") {
        w.write(2, "Ports:\t\(ports)\n")
      } else {
        w.write(2, "Port:\t\(ports.isEmpty ? "<none>" : ports)\n")
      }
      if hostPorts.contains(",") {
        w.write(2, "Host Ports:\t\(hostPorts)\n")
      } else {
        w.write(2, "Host Port:\t\(hostPorts.isEmpty ? "<none>" : hostPorts)\n")
      }
      if !c.command.isEmpty {
        w.write(2, "Command:\n")
        for part in c.command {
          for s in part.split(separator: "\n", omittingEmptySubsequences: false) { w.write(3, "\(s)\n") }
        }
      }
      if !c.args.isEmpty {
        w.write(2, "Args:\n")
        for part in c.args {
          for s in part.split(separator: "\n", omittingEmptySubsequences: false) { w.write(3, "\(s)\n") }
        }
      }
      if let status {
        state(w, "State", status.state)
        if status.lastState.terminated != nil { state(w, "Last State", status.lastState) }
        w.write(2, "Ready:\t\(status.ready ? "True" : "False")\n")
        w.write(2, "Restart Count:\t\(status.restartCount)\n")
      }
      resources(w, c.resources, level: 2)
      if let p = c.livenessProbe { w.write(2, "Liveness:\t\(probe(p))\n") }
      if let p = c.readinessProbe { w.write(2, "Readiness:\t\(probe(p))\n") }
      if let p = c.startupProbe { w.write(2, "Startup:\t\(probe(p))\n") }
      if !c.envFrom.isEmpty {
        w.write(2, "Environment Variables from:\n")
        for f in c.envFrom {
          let prefix = f["prefix"]?.stringValue ?? ""
          if let cm = f["configMapRef"] {
            let optional = cm["optional"]?.boolValue ?? false
            w.write(
              3,
              "\(cm["name"]?.stringValue ?? "")\tConfigMap\t\(prefix.isEmpty ? "" : "with prefix '\(prefix)' ")Optional: \(optional)\n"
            )
          } else if let s = f["secretRef"] {
            let optional = s["optional"]?.boolValue ?? false
            w.write(
              3,
              "\(s["name"]?.stringValue ?? "")\tSecret\t\(prefix.isEmpty ? "" : "with prefix '\(prefix)' ")Optional: \(optional)\n"
            )
          }
        }
      }
      w.write(2, "Environment:\(c.env.isEmpty ? "\t<none>" : "")\n")
      for e in c.env {
        guard let from = e.valueFrom else {
          for (i, s) in e.value.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            w.write(3, i == 0 ? "\(e.name):\t\(s)\n" : "\t\(s)\n")
          }
          continue
        }
        if let f = from["fieldRef"] {
          let value = resolver?(e) ?? ""
          w.write(
            3, "\(e.name):\t\(value) (\(f["apiVersion"]?.stringValue ?? "v1"):\(f["fieldPath"]?.stringValue ?? ""))\n")
        } else if let r = from["resourceFieldRef"] {
          w.write(
            3,
            "\(e.name):\t\(resolver?(e) ?? "") (\(r["containerName"]?.stringValue ?? c.name)/\(r["resource"]?.stringValue ?? ""))\n"
          )
        } else if let s = from["secretKeyRef"] {
          w.write(
            3,
            "\(e.name):\t<set to the key '\(s["key"]?.stringValue ?? "")' in secret '\(s["name"]?.stringValue ?? "")'>\tOptional: \(s["optional"]?.boolValue ?? false)\n"
          )
        } else if let cm = from["configMapKeyRef"] {
          w.write(
            3,
            "\(e.name):\t<set to the key '\(cm["key"]?.stringValue ?? "")' of config map '\(cm["name"]?.stringValue ?? "")'>\tOptional: \(cm["optional"]?.boolValue ?? false)\n"
          )
        }
      }
      w.write(2, "Mounts:\(c.volumeMounts.isEmpty ? "\t<none>" : "")\n")
      for m in c.volumeMounts.sorted(by: { $0.mountPath < $1.mountPath }) {
        var flags = [m.readOnly == true ? "ro" : "rw"]
        if !m.subPath.isEmpty { flags.append("path=\"\(m.subPath)\"") }
        w.write(3, "\(m.mountPath) from \(m.name) (\(flags.joined(separator: ",")))\n")
      }
    }
  }

  static func state(_ w: PrefixWriter, _ name: String, _ s: ContainerState) {
    if let r = s.running {
      w.write(2, "\(name):\tRunning\n")
      w.write(3, "Started:\t\((r.startedAt ?? Time(seconds: 0)).rfc1123Z)\n")
    } else if let wt = s.waiting {
      w.write(2, "\(name):\tWaiting\n")
      if !wt.reason.isEmpty { w.write(3, "Reason:\t\(wt.reason)\n") }
    } else if let t = s.terminated {
      w.write(2, "\(name):\tTerminated\n")
      if !t.reason.isEmpty { w.write(3, "Reason:\t\(t.reason)\n") }
      if !t.message.isEmpty { w.write(3, "Message:\t\(t.message)\n") }
      w.write(3, "Exit Code:\t\(t.exitCode)\n")
      if let sig = t.signal, sig > 0 { w.write(3, "Signal:\t\(sig)\n") }
      w.write(3, "Started:\t\((t.startedAt ?? Time(seconds: 0)).rfc1123Z)\n")
      w.write(3, "Finished:\t\((t.finishedAt ?? Time(seconds: 0)).rfc1123Z)\n")
    } else {
      w.write(2, "\(name):\tWaiting\n")
    }
  }

  static func resources(_ w: PrefixWriter, _ r: ResourceRequirements, level: Int) {
    if !r.limits.isEmpty { w.write(level, "Limits:\n") }
    for k in r.limits.keys.sorted() { w.write(level + 1, "\(k):\t\(r.limits[k]!)\n") }
    if !r.requests.isEmpty { w.write(level, "Requests:\n") }
    for k in r.requests.keys.sorted() { w.write(level + 1, "\(k):\t\(r.requests[k]!)\n") }
  }

  /// `DescribeProbe`: `http-get http://:8080/healthz delay=3s timeout=1s period=3s #success=1 #failure=3`.
  static func probe(_ p: Probe) -> String {
    let attrs =
      "delay=\(p.initialDelaySeconds ?? 0)s timeout=\(p.timeoutSeconds ?? 1)s period=\(p.periodSeconds ?? 10)s #success=\(p.successThreshold ?? 1) #failure=\(p.failureThreshold ?? 3)"
    if let e = p.exec { return "exec [\(e.command.joined(separator: " "))] \(attrs)" }
    if let h = p.httpGet {
      let scheme = (h.scheme.isEmpty ? "HTTP" : h.scheme).lowercased()
      let port = h.port.description
      let host = port.isEmpty ? h.host : NetworkTables.joinHostPortString(h.host, port)
      return "http-get \(scheme)://\(host)\(h.path) \(attrs)"
    }
    if let t = p.tcpSocket { return "tcp-socket \(t.host):\(t.port) \(attrs)" }
    if let g = p.grpc { return "grpc <pod>:\(g.port) \(g.service ?? "") \(attrs)" }
    return "unknown \(attrs)"
  }

  // MARK: - Volumes

  static func volumes(_ w: PrefixWriter, _ volumes: [Volume], space: String) {
    if volumes.isEmpty {
      w.write(0, "\(space)Volumes:\t<none>\n")
      return
    }
    w.write(0, "\(space)Volumes:\n")
    for v in volumes {
      w.write(1, "\(space.isEmpty ? "" : " ")\(v.name):\n")
      if let h = v.hostPath {
        w.write(
          2,
          "Type:\tHostPath (bare host directory volume)\n    Path:\t\(h.path)\n    HostPathType:\t\(h.type ?? "<none>")\n"
        )
      } else if let e = v.emptyDir {
        let limit = e.sizeLimit.map { $0.value > 0 ? $0.description : "<unset>" } ?? "<unset>"
        w.write(
          2,
          "Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t\(e.medium)\n    SizeLimit:\t\(limit)\n"
        )
      } else if let s = v.secret {
        w.write(
          2,
          "Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t\(s.secretName)\n    Optional:\t\(s.optional ?? false)\n"
        )
      } else if let c = v.configMap {
        w.write(
          2,
          "Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t\(c.name)\n    Optional:\t\(c.optional ?? false)\n"
        )
      } else if let p = v.persistentVolumeClaim {
        w.write(
          2,
          "Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n    ClaimName:\t\(p.claimName)\n    ReadOnly:\t\(p.readOnly ?? false)\n"
        )
      } else if let p = v.projected {
        w.write(2, "Type:\tProjected (a volume that contains injected data from multiple sources)\n")
        for s in p["sources"]?.arrayValue ?? [] {
          if let t = s["serviceAccountToken"] {
            w.write(2, "TokenExpirationSeconds:\t\(t["expirationSeconds"]?.intValue ?? 3607)\n")
          } else if let c = s["configMap"] {
            w.write(
              2,
              "ConfigMapName:\t\(c["name"]?.stringValue ?? "")\n    ConfigMapOptional:\t\(c["optional"].map(JSONPath.text) ?? "<nil>")\n"
            )
          } else if let sec = s["secret"] {
            w.write(
              2,
              "SecretName:\t\(sec["name"]?.stringValue ?? "")\n    SecretOptionalName:\t\(sec["optional"].map(JSONPath.text) ?? "<nil>")\n"
            )
          } else if s["downwardAPI"] != nil {
            w.write(2, "DownwardAPI:\ttrue\n")
          }
        }
      } else {
        w.write(1, "<unknown>\n")
      }
    }
  }

  // MARK: - Pod template

  /// `DescribePodTemplate`, as deployments, replica sets, daemon sets and jobs show it.
  static func podTemplate(_ w: PrefixWriter, _ t: PodTemplateSpec) {
    w.write(0, "Pod Template:\n")
    labels(w, "  Labels", t.metadata.labels)
    if !(t.metadata.annotations ?? [:]).isEmpty { annotations(w, "  Annotations", t.metadata.annotations) }
    if !t.spec.serviceAccountName.isEmpty { w.write(1, "Service Account:\t\(t.spec.serviceAccountName)\n") }
    if !t.spec.initContainers.isEmpty {
      containers(w, "Init Containers", t.spec.initContainers, nil, resolver: nil, space: "  ")
    }
    containers(w, "Containers", t.spec.containers, nil, resolver: nil, space: "  ")
    volumes(w, t.spec.volumes, space: "  ")
    if !t.spec.priorityClassName.isEmpty { w.write(1, "Priority Class Name:\t\(t.spec.priorityClassName)\n") }
    labels(w, "  Node-Selectors", t.spec.nodeSelector)
    tolerations(w, "  Tolerations", t.spec.tolerations)
  }

  /// The pod template alone (rollout history --revision), aligned on its own.
  static func podTemplate(_ t: PodTemplateSpec) -> String {
    let w = PrefixWriter()
    podTemplate(w, t)
    return w.text
  }

  /// `N Running / N Waiting / N Succeeded / N Failed` for the pods a controller owns.
  static func podsStatus(_ ctx: DescribeContext, namespace: String, selector: LabelSelector?, uid: String) -> String {
    let text = (try? selector.asSelector().description) ?? ""
    let pods = ((try? ctx.inv.list(Pod.self, namespace: namespace, labelSelector: text)) ?? []).compactMap {
      $0 as? Pod
    }
    var running = 0
    var waiting = 0
    var succeeded = 0
    var failed = 0
    for p in pods where p.metadata.controllerRef?.uid == uid {
      switch p.status.phase {
      case PodPhase.running: running += 1
      case PodPhase.pending: waiting += 1
      case PodPhase.succeeded: succeeded += 1
      case PodPhase.failed: failed += 1
      default: break
      }
    }
    return "\(running) Running / \(waiting) Waiting / \(succeeded) Succeeded / \(failed) Failed"
  }
}

extension NetworkTables {
  static func joinHostPortString(_ host: String, _ port: String) -> String {
    host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
  }
}
