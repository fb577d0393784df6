import Testing

@testable import KubeSim

/// Stands in for a node's container runtime: pods with an IP and one listening port that answers
/// `GET` with its own name. Addresses it does not know go to the real runtime.
final class FakePodHost: PodEndpointHost {
  var pods: [String: (port: Int, name: String)] = [:]
  /// Pod IPs that exist but where nothing listens.
  var silent: Set<String> = []
  let fallback: (any PodEndpointHost)?

  init(fallback: (any PodEndpointHost)? = nil) { self.fallback = fallback }

  /// The last client address a pod saw.
  var lastClient = ""

  func serve(ip: String, port: Int, path: String, headers: [String: String], client: String) -> HTTPResponse? {
    if let p = pods[ip] {
      lastClient = client
      return p.port == port ? HTTPResponse(status: 200, body: "\(p.name)\n") : nil
    }
    if silent.contains(ip) { return nil }
    return fallback?.serve(ip: ip, port: port, path: path, headers: headers, client: client)
  }

  func listens(ip: String, port: Int) -> Bool {
    if let p = pods[ip] { return p.port == port }
    if silent.contains(ip) { return false }
    return fallback?.listens(ip: ip, port: port) ?? false
  }

  var podIPs: [String] { pods.keys.sorted() + silent.sorted() + (fallback?.podIPs ?? []) }
}

/// A whole small cluster where tests choose the exact endpoints: Services without selectors (no
/// controller manages their endpoints) with EndpointSlices written as the admin, and fake pod hosts.
struct ProxyLab {
  let cluster: Cluster
  var hosts: [String: FakePodHost] = [:]

  init(seed: UInt64 = 7) {
    cluster = Cluster(options: ClusterOptions(seed: seed, workers: 2))
    for n in cluster.nodes {
      let fake = FakePodHost(fallback: RuntimeEndpoints(n.runtime))
      hosts[n.name] = fake
      cluster.network.setEndpoints(fake, forNode: n.name)
    }
  }

  @discardableResult
  func create(_ object: any KubeObject) -> (any KubeObject)? {
    let r = cluster.kubectl.perform(
      APIRequest(.create, object.resource, namespace: object.metadata.namespace, body: .object(object)))
    guard case .success(.object(let o)) = r else {
      Issue.record("create \(object.resource.plural)/\(object.metadata.name) failed: \(r)")
      return nil
    }
    return o
  }

  func update(_ object: any KubeObject) {
    let r = cluster.kubectl.perform(
      APIRequest(
        .update, object.resource, namespace: object.metadata.namespace, name: object.metadata.name,
        body: .object(object)))
    if case .failure(let e) = r { Issue.record("update failed: \(e)") }
  }

  func get<T: KubeObject>(_ type: T.Type, _ ns: String, _ name: String) -> T? {
    guard
      case .success(.object(let o)) = cluster.kubectl.perform(APIRequest(.get, T.resource, namespace: ns, name: name))
    else { return nil }
    return o as? T
  }

  /// A Service without a selector (so no controller manages its endpoints) at a fixed ClusterIP.
  @discardableResult
  func service(
    _ name: String, ns: String = "default", clusterIP: String, ports: [ServicePort], type: String = "",
    edit: (inout Service) -> Void = { _ in }
  ) -> Service? {
    var svc = Service(metadata: ObjectMeta(name: name, namespace: ns))
    svc.spec.clusterIP = clusterIP
    svc.spec.ports = ports
    if !type.isEmpty { svc.spec.type = type }
    edit(&svc)
    return create(svc) as? Service
  }

  struct EP {
    var ip: String
    var node: String
    var ready = true
    var terminating: Bool? = nil
    var hostname: String? = nil
  }

  /// An EndpointSlice for `service`, as the EndpointSlice controller would write it.
  @discardableResult
  func slice(
    _ name: String, ns: String = "default", service: String, endpoints: [EP],
    ports: [EndpointSlicePort]
  ) -> EndpointSlice? {
    var s = EndpointSlice(metadata: ObjectMeta(name: name, namespace: ns))
    s.metadata.labels = [EndpointSliceLabel.serviceName: service]
    s.endpoints = endpoints.map { e in
      var ep = Endpoint(
        addresses: [e.ip],
        conditions: EndpointConditions(
          ready: e.ready, serving: e.ready || e.terminating == true, terminating: e.terminating),
        nodeName: e.node)
      ep.hostname = e.hostname
      return ep
    }
    s.ports = ports
    return create(s) as? EndpointSlice
  }

  /// Pods on a node answer on `port` with their name.
  func pod(_ ip: String, on node: String, port: Int, name: String) { hosts[node]!.pods[ip] = (port, name) }

  /// The kube-dns Service's endpoints: one CoreDNS pod on the control plane, answering.
  func dnsEndpoints(ip: String = "10.244.0.53") {
    slice(
      "kube-dns-test", ns: "kube-system", service: "kube-dns", endpoints: [EP(ip: ip, node: "control-plane")],
      ports: [
        EndpointSlicePort(name: "dns", protocol: "UDP", port: 53),
        EndpointSlicePort(name: "dns-tcp", protocol: "TCP", port: 53),
        EndpointSlicePort(name: "metrics", protocol: "TCP", port: 9153),
      ])
    pod(ip, on: "control-plane", port: 53, name: "coredns")
  }

  func ticks(_ n: Int = 3) { for _ in 0..<n { cluster.runTick() } }

  func proxy(_ node: String) -> KubeProxy { cluster.node(node)!.proxy }

  /// A pod source on `node`.
  func source(_ ip: String, node: String, ns: String = "default") -> NetworkSource {
    NetworkSource(ip: ip, node: node, namespace: ns)
  }
}
