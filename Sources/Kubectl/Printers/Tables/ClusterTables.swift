// ClusterTables: printers.go's tables for nodes, namespaces, events and leases.
import KubeSim

enum ClusterTables {
  // MARK: - Node

  static let node = TableGenerator(
    columns: [
      TableColumn("Name"), TableColumn("Status"), TableColumn("Roles"), TableColumn("Age"), TableColumn("Version"),
      TableColumn("Internal-IP", priority: 1), TableColumn("External-IP", priority: 1),
      TableColumn("OS-Image", priority: 1), TableColumn("Kernel-Version", priority: 1),
      TableColumn("Container-Runtime", priority: 1),
    ]
  ) { o, wide, now in
    guard let n = o as? Node else { return [] }
    var cells = [n.metadata.name, status(n), roles(n), Cells.age(n, now), n.status.nodeInfo.kubeletVersion]
    if wide {
      let info = n.status.nodeInfo
      func orUnknown(_ s: String) -> String { s.isEmpty ? "<unknown>" : s }
      cells += [
        n.address(NodeAddressType.internalIP) ?? "<none>", n.address(NodeAddressType.externalIP) ?? "<none>",
        orUnknown(info.osImage), orUnknown(info.kernelVersion), orUnknown(info.containerRuntimeVersion),
      ]
    }
    return cells
  }

  /// `Ready`, `NotReady`, `Unknown` (no Ready condition), with `,SchedulingDisabled` when cordoned.
  static func status(_ n: Node) -> String {
    var parts: [String] = []
    if let c = n.condition(NodeConditionType.ready) {
      parts.append(c.status == ConditionStatus.true ? "Ready" : "NotReady")
    }
    if parts.isEmpty { parts.append("Unknown") }
    if n.spec.unschedulable == true { parts.append("SchedulingDisabled") }
    return parts.joined(separator: ",")
  }

  /// `findNodeRoles`: `node-role.kubernetes.io/<role>` labels and `kubernetes.io/role`, sorted.
  static func roles(_ n: Node) -> String {
    var roles: Set<String> = []
    for (k, v) in n.metadata.labels ?? [:] {
      if k.hasPrefix("node-role.kubernetes.io/") {
        let role = String(k.dropFirst("node-role.kubernetes.io/".count))
        if !role.isEmpty { roles.insert(role) }
      } else if k == "kubernetes.io/role" && !v.isEmpty {
        roles.insert(v)
      }
    }
    return roles.isEmpty ? "<none>" : roles.sorted().joined(separator: ",")
  }

  // MARK: - Namespace

  static let namespace = TableGenerator(columns: [TableColumn("Name"), TableColumn("Status"), TableColumn("Age")]) {
    o, _, now in
    guard let ns = o as? Namespace else { return [] }
    return [ns.metadata.name, ns.status.phase, Cells.age(ns, now)]
  }

  // MARK: - Event

  static let event = TableGenerator(
    columns: [
      TableColumn("Last Seen"), TableColumn("Type"), TableColumn("Reason"), TableColumn("Object"),
      TableColumn("Subobject", priority: 1), TableColumn("Source", priority: 1), TableColumn("Message"),
      TableColumn("First Seen", priority: 1), TableColumn("Count", priority: 1), TableColumn("Name", priority: 1),
    ]
  ) { o, wide, now in
    guard let e = o as? Event else { return [] }
    var first = HumanDuration.since(e.firstTimestamp, now: now)
    if e.firstTimestamp == nil { first = HumanDuration.since(e.eventTime?.time, now: now) }
    var last = HumanDuration.since(e.lastTimestamp, now: now)
    if e.lastTimestamp == nil { last = first }
    var count = e.count ?? 0
    if let series = e.series {
      last = HumanDuration.since(series.lastObservedTime?.time, now: now)
      count = series.count ?? 0
    } else if count > 1 {
      last = "\(last) (x\(count) over \(first))"
    }
    let kind = e.involvedObject.kind.lowercased()
    let target = e.involvedObject.name.isEmpty ? kind : "\(kind)/\(e.involvedObject.name)"
    let message = e.message.trimmingCharacters(in: " ")
    if wide {
      return [
        last, e.type, e.reason, target, e.involvedObject.fieldPath, eventSource(e), message, first, String(count),
        e.metadata.name,
      ]
    }
    return [last, e.type, e.reason, target, message]
  }

  /// `formatEventSource`: `component, host`, or the reporting controller and instance.
  static func eventSource(_ e: Event) -> String {
    var component = e.source.component
    var host = e.source.host
    if component.isEmpty { component = e.reportingComponent }
    if host.isEmpty { host = e.reportingInstance }
    return host.isEmpty ? component : "\(component), \(host)"
  }

  /// When an event last happened, for sorting `kubectl get events`.
  static func lastSeen(_ e: Event) -> Time {
    e.series?.lastObservedTime?.time ?? e.lastTimestamp ?? e.firstTimestamp ?? e.eventTime?.time
      ?? e.metadata.creationTimestamp ?? Time(microseconds: 0)
  }

  // MARK: - Lease

  static let lease = TableGenerator(columns: [TableColumn("Name"), TableColumn("Holder"), TableColumn("Age")]) {
    o, _, now in
    guard let l = o as? Lease else { return [] }
    return [l.metadata.name, l.spec.holderIdentity ?? "", Cells.age(l, now)]
  }
}
