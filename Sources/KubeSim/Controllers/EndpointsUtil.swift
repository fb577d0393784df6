// EndpointsUtil: what the Endpoints and EndpointSlice controllers share — which pods back a
// Service, how a targetPort resolves, and the apiserver's own `kubernetes` endpoints
// (pkg/controller/util/endpoint, pkg/api/v1/pod FindPort).

enum EndpointsUtil {
  static let lastChangeTriggerTime = "endpoints.kubernetes.io/last-change-trigger-time"
  static let overCapacity = "endpoints.kubernetes.io/over-capacity"
  static let headlessLabel = "service.kubernetes.io/headless"
  static let skipMirrorLabel = "endpointslice.kubernetes.io/skip-mirror"
  static let controlPlaneLabel = "node-role.kubernetes.io/control-plane"
  static let zoneLabel = "topology.kubernetes.io/zone"
  /// The Service whose endpoints the apiserver maintains itself.
  static let kubernetesServiceKey = "default/kubernetes"

  /// Upstream `ShouldPodBeInEndpoints`: not terminal, has an IP, and not terminating unless
  /// terminating pods are included.
  static func shouldPodBeInEndpoints(_ pod: Pod, includeTerminating: Bool) -> Bool {
    if pod.isTerminal { return false }
    if pod.status.podIP.isEmpty && pod.status.podIPs.isEmpty { return false }
    if !includeTerminating && pod.metadata.deletionTimestamp != nil { return false }
    return true
  }

  /// Upstream `ShouldSetHostname`: the pod names this Service as its subdomain.
  static func shouldSetHostname(_ pod: Pod, _ svc: Service) -> Bool {
    !pod.spec.hostname.isEmpty && pod.spec.subdomain == svc.metadata.name
      && pod.metadata.namespace == svc.metadata.namespace
  }

  /// Upstream `FindPort`: a number is used as is; a name is looked up among the containers'
  /// ports with the same protocol.
  static func findPort(_ pod: Pod, _ port: ServicePort) -> Int32? {
    let proto = port.protocol.isEmpty ? "TCP" : port.protocol
    switch port.targetPort ?? .int(Int(port.port)) {
    case .int(let n): return Int32(n)
    case .string(let name):
      for c in pod.spec.containers + pod.spec.initContainers.filter(\.isSidecar) {
        for p in c.ports where p.name == name && (p.protocol.isEmpty ? "TCP" : p.protocol) == proto {
          return p.containerPort
        }
      }
      return nil
    }
  }

  /// The pod's IPv4 address.
  static func podIP(_ pod: Pod) -> String {
    pod.status.podIP.isEmpty ? (pod.status.podIPs.first?.ip ?? "") : pod.status.podIP
  }

  /// The pod reference endpoints carry.
  static func targetRef(_ pod: Pod) -> ObjectReference {
    ObjectReference(kind: "Pod", namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid)
  }

  /// Services in the pod's namespace whose selector matches its labels (`GetPodServiceMemberships`).
  static func services(selecting pod: Pod, in informers: SharedInformers) -> [Service] {
    let labels = pod.metadata.labels ?? [:]
    return informers.services.byIndex(IndexName.namespace, pod.metadata.namespace).filter { svc in
      !svc.spec.selector.isEmpty && svc.spec.selector.allSatisfy { labels[$0.key] == $0.value }
    }
  }

  /// Registers pod and service handlers that enqueue the affected Services' keys.
  static func watchServicesAndPods(_ informers: SharedInformers, enqueue: @escaping (String) -> Void) {
    informers.services.onAdd.append { enqueue($0.key) }
    informers.services.onUpdate.append { _, svc in enqueue(svc.key) }
    informers.services.onDelete.append { enqueue($0.key) }
    informers.pods.onAdd.append { pod in
      for svc in services(selecting: pod, in: informers) { enqueue(svc.key) }
    }
    informers.pods.onUpdate.append { old, cur in
      if old.metadata.resourceVersion == cur.metadata.resourceVersion { return }
      var keys = Set(services(selecting: cur, in: informers).map(\.key))
      if old.metadata.labels != cur.metadata.labels {
        keys.formUnion(services(selecting: old, in: informers).map(\.key))
      }
      for k in keys.sorted() { enqueue(k) }
    }
    informers.pods.onDelete.append { pod in
      for svc in services(selecting: pod, in: informers) { enqueue(svc.key) }
    }
    // The control-plane nodes are the `kubernetes` Service's endpoints.
    informers.nodes.onAdd.append { _ in enqueue(kubernetesServiceKey) }
    informers.nodes.onUpdate.append { old, cur in
      if old.status.addresses != cur.status.addresses || old.metadata.labels != cur.metadata.labels {
        enqueue(kubernetesServiceKey)
      }
    }
  }

  /// When the endpoints last changed, as the trigger-time tracker reports it.
  // Simulation: upstream tracks the last pod or Service change that triggered a sync; here it
  // is the latest of the Service's creation and its pods' readiness changes.
  static func triggerTime(_ svc: Service, _ pods: [Pod]) -> Time? {
    var t = svc.metadata.creationTimestamp
    for p in pods {
      guard let r = p.condition(PodConditionType.ready)?.lastTransitionTime ?? p.metadata.creationTimestamp else {
        continue
      }
      if t == nil || r > t! { t = r }
    }
    return t
  }

  /// The InternalIPs of the control-plane nodes (the apiservers), sorted.
  static func apiserverAddresses(_ informers: SharedInformers) -> [String] {
    informers.nodes.list().filter { $0.metadata.labels?[controlPlaneLabel] != nil }
      .compactMap { $0.address(NodeAddressType.internalIP) }.sorted()
  }

  /// The `kubernetes` Service's target port (6443).
  static func apiserverPort(_ svc: Service) -> (name: String, port: Int32) {
    let p = svc.spec.ports.first
    if case .int(let n)? = p?.targetPort { return (p?.name ?? "https", Int32(n)) }
    return (p?.name ?? "https", 6443)
  }
}
