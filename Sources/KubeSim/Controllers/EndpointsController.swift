// EndpointsController: keeps each selector Service's Endpoints object (same name) listing the
// ready and not-ready addresses of its pods (pkg/controller/endpoint/endpoints_controller.go).

/// The Endpoints controller.
///
/// `sync(namespace/name)` (upstream `syncService`):
///   1. the Service is gone → delete its Endpoints; ExternalName or no selector → nothing;
///   2. for each selected pod with an IP (terminating ones only with publishNotReadyAddresses),
///      one address per service port, resolving named targetPorts against the pod's containers;
///      ready pods under `addresses`, others under `notReadyAddresses`;
///   3. repack into subsets of addresses sharing the same ports, at most 1000 addresses;
///   4. create or update the Endpoints only when subsets or labels changed.
///
/// Simulation: the apiserver's endpoint reconciler (the `kubernetes` Service) is played here:
/// Endpoints `kubernetes` list the control-plane nodes' InternalIPs on port 6443.
final class EndpointsController: Controller {
  let name = "endpoints-controller"
  let queue = WorkQueue()
  /// Upstream `maxCapacity`.
  static let maxCapacity = 1000

  private let client: APIClient
  private let informers: SharedInformers

  init(client: APIClient, context: SimContext, informers: SharedInformers) {
    self.client = client
    self.informers = informers
    EndpointsUtil.watchServicesAndPods(informers) { [unowned self] in queue.add($0) }
    informers.endpoints.onDelete.append { [unowned self] ep in queue.add(ep.key) }
  }

  func sync(_ key: String) -> SyncResult {
    let (namespace, name) = splitKey(key)
    guard let svc = informers.services.get(key) else {
      if informers.endpoints.get(key) != nil { client.delete(Endpoints.resource, namespace: namespace, name: name) }
      return .done
    }
    if svc.spec.type == ServiceType.externalName { return .done }
    if svc.spec.selector.isEmpty {
      if key == EndpointsUtil.kubernetesServiceKey { syncKubernetesService(svc) }
      return .done
    }
    let pods = informers.pods(in: namespace, matching: Selector(matching: svc.spec.selector))
    let publishNotReady = svc.spec.publishNotReadyAddresses == true
    var raw: [EndpointSubset] = []
    var included: [Pod] = []
    for pod in pods where EndpointsUtil.shouldPodBeInEndpoints(pod, includeTerminating: publishNotReady) {
      var address = EndpointAddress(
        ip: EndpointsUtil.podIP(pod), nodeName: pod.spec.nodeName, targetRef: EndpointsUtil.targetRef(pod))
      if EndpointsUtil.shouldSetHostname(pod, svc) { address.hostname = pod.spec.hostname }
      let ready = publishNotReady || pod.isReady
      included.append(pod)
      if svc.spec.ports.isEmpty {
        if svc.isHeadless {
          raw.append(ready ? EndpointSubset(addresses: [address]) : EndpointSubset(notReadyAddresses: [address]))
        }
        continue
      }
      for sp in svc.spec.ports {
        guard let n = EndpointsUtil.findPort(pod, sp) else { continue }
        let port = EndpointPort(
          name: sp.name, port: n, protocol: sp.protocol.isEmpty ? "TCP" : sp.protocol, appProtocol: sp.appProtocol)
        raw.append(
          ready
            ? EndpointSubset(addresses: [address], ports: [port])
            : EndpointSubset(notReadyAddresses: [address], ports: [port]))
      }
    }
    var subsets = Self.repack(raw)
    let current = informers.endpoints.get(key)
    let overCapacity = Self.truncate(&subsets)
    let labels = svc.metadata.labels ?? [:]
    var compareLabels = current?.metadata.labels ?? [:]
    compareLabels[EndpointsUtil.headlessLabel] = nil
    if let current, current.subsets == subsets, compareLabels == labels,
      (current.metadata.annotations?[EndpointsUtil.overCapacity] != nil) == overCapacity
    {
      return .done
    }
    var ep = current ?? Endpoints(metadata: ObjectMeta(name: name, namespace: namespace))
    ep.subsets = subsets
    var newLabels = labels
    if svc.isHeadless || svc.spec.clusterIP.isEmpty { newLabels[EndpointsUtil.headlessLabel] = "" }
    ep.metadata.labels = newLabels.isEmpty ? nil : newLabels
    var annotations = ep.metadata.annotations ?? [:]
    annotations[EndpointsUtil.lastChangeTriggerTime] = EndpointsUtil.triggerTime(svc, included)?.rfc3339
    annotations[EndpointsUtil.overCapacity] = overCapacity ? "truncated" : nil
    ep.metadata.annotations = annotations.isEmpty ? nil : annotations
    if current == nil { client.create(ep) } else { client.update(ep) }
    return .done
  }

  /// The apiserver's `kubernetes` Endpoints: the control-plane nodes on the apiserver port.
  private func syncKubernetesService(_ svc: Service) {
    let ips = EndpointsUtil.apiserverAddresses(informers)
    guard !ips.isEmpty else { return }
    let (portName, port) = EndpointsUtil.apiserverPort(svc)
    let subsets = [
      EndpointSubset(
        addresses: ips.map { EndpointAddress(ip: $0) },
        ports: [EndpointPort(name: portName, port: port, protocol: "TCP")])
    ]
    let current = informers.endpoints.get(EndpointsUtil.kubernetesServiceKey)
    if current?.subsets == subsets { return }
    var ep = current ?? Endpoints(metadata: ObjectMeta(name: "kubernetes", namespace: "default"))
    ep.metadata.labels = [EndpointsUtil.skipMirrorLabel: "true"]
    ep.subsets = subsets
    if current == nil { client.create(ep) } else { client.update(ep) }
  }

  /// Upstream `RepackSubsets`: addresses grouped by the set of ports they serve; an address
  /// ready on any port counts as ready there.
  // Simulation: upstream orders subsets and ports by a hash of their contents; here subsets go
  // by their first address and ports by name, number and protocol.
  static func repack(_ subsets: [EndpointSubset]) -> [EndpointSubset] {
    struct AddressKey: Hashable {
      let ip: String
      let uid: String
    }
    var addresses: [AddressKey: EndpointAddress] = [:]
    var byPort: [EndpointPort: [AddressKey: Bool]] = [:]
    func map(_ a: EndpointAddress, _ port: EndpointPort, ready: Bool) {
      let k = AddressKey(ip: a.ip, uid: a.targetRef?.uid ?? "")
      if addresses[k] == nil { addresses[k] = a }
      if byPort[port]?[k] != true { byPort[port, default: [:]][k] = ready }
    }
    let sentinel = EndpointPort(port: -1)
    for s in subsets {
      for port in s.ports.isEmpty ? [sentinel] : s.ports {
        for a in s.addresses { map(a, port, ready: true) }
        for a in s.notReadyAddresses { map(a, port, ready: false) }
      }
    }
    // Ports grouped by identical address sets.
    var groups: [[AddressKey: Bool]: [EndpointPort]] = [:]
    for (port, set) in byPort {
      if port.port > 0 { groups[set, default: []].append(port) } else if groups[set] == nil { groups[set] = [] }
    }
    func addressLess(_ a: EndpointAddress, _ b: EndpointAddress) -> Bool {
      a.ip != b.ip ? a.ip < b.ip : (a.targetRef?.uid ?? "") < (b.targetRef?.uid ?? "")
    }
    var out: [EndpointSubset] = []
    for (set, ports) in groups {
      var s = EndpointSubset()
      for k in set.keys {
        if set[k]! { s.addresses.append(addresses[k]!) } else { s.notReadyAddresses.append(addresses[k]!) }
      }
      s.addresses.sort(by: addressLess)
      s.notReadyAddresses.sort(by: addressLess)
      s.ports = ports.sorted { ($0.name, $0.port, $0.protocol) < ($1.name, $1.port, $1.protocol) }
      out.append(s)
    }
    return out.sorted { a, b in
      let ka = (a.addresses.first ?? a.notReadyAddresses.first)?.ip ?? ""
      let kb = (b.addresses.first ?? b.notReadyAddresses.first)?.ip ?? ""
      if ka != kb { return ka < kb }
      let pa = a.ports.map { "\($0.name)/\($0.port)/\($0.protocol)" }.joined(separator: ",")
      let pb = b.ports.map { "\($0.name)/\($0.port)/\($0.protocol)" }.joined(separator: ",")
      return pa < pb
    }
  }

  /// Upstream `truncateEndpoints`: at most 1000 addresses, each subset keeping its proportion;
  /// not-ready addresses go first.
  static func truncate(_ subsets: inout [EndpointSubset]) -> Bool {
    let ready = subsets.reduce(0) { $0 + $1.addresses.count }
    let notReady = subsets.reduce(0) { $0 + $1.notReadyAddresses.count }
    guard ready + notReady > maxCapacity else { return false }
    let truncateReady = ready > maxCapacity
    let limit = truncateReady ? maxCapacity : maxCapacity - ready
    let total = truncateReady ? ready : notReady
    var canBeAdded = limit
    for i in subsets.indices {
      let inSubset = truncateReady ? subsets[i].addresses.count : subsets[i].notReadyAddresses.count
      var toAdd = (inSubset * limit + total - 1) / max(total, 1)
      toAdd = min(toAdd, canBeAdded)
      if truncateReady {
        subsets[i].addresses = Array(subsets[i].addresses.prefix(toAdd))
        subsets[i].notReadyAddresses = []
        canBeAdded -= subsets[i].addresses.count
      } else {
        subsets[i].notReadyAddresses = Array(subsets[i].notReadyAddresses.prefix(toAdd))
        canBeAdded -= subsets[i].notReadyAddresses.count
      }
    }
    return true
  }
}
