// EndpointSliceController: keeps each selector Service's EndpointSlices — its pods as endpoints
// with ready/serving/terminating conditions, at most 100 per slice
// (pkg/controller/endpointslice, staging/src/k8s.io/endpointslice/reconciler.go).

/// The EndpointSlice controller.
///
/// `sync(namespace/name)`:
///   1. Service gone, ExternalName, or no selector → nothing (owner references let the garbage
///      collector remove slices of a deleted Service);
///   2. one endpoint per selected pod with an IP (terminating pods included, flagged), grouped
///      by the ports the pod resolves the Service's ports to;
///   3. reconcile against the existing slices managed by this controller: endpoints stay in
///      the slice they are in, new ones fill slices with room, then new slices
///      (`generateName: <service>-`); empty slices go, but a Service keeps one placeholder;
///   4. write only the slices whose content changed.
///
/// Simulation: the apiserver's own slice for the `kubernetes` Service is created here.
final class EndpointSliceController: Controller {
  let name = "endpointslice-controller"
  let queue = WorkQueue()
  /// `--max-endpoints-per-slice`.
  static let maxEndpointsPerSlice = 100

  private let client: APIClient
  private let informers: SharedInformers

  init(client: APIClient, context: SimContext, informers: SharedInformers) {
    self.client = client
    self.informers = informers
    EndpointsUtil.watchServicesAndPods(informers) { [unowned self] in queue.add($0) }
    let enqueueSlice: (EndpointSlice) -> Void = { [unowned self] slice in
      guard let svc = slice.metadata.labels?[EndpointSliceLabel.serviceName] else { return }
      queue.add("\(slice.metadata.namespace)/\(svc)")
    }
    informers.endpointSlices.onUpdate.append { _, s in enqueueSlice(s) }
    informers.endpointSlices.onDelete.append { s in enqueueSlice(s) }
  }

  private struct Group {
    var ports: [EndpointSlicePort]
    var endpoints: [Endpoint]
  }

  func sync(_ key: String) -> SyncResult {
    let namespace = splitKey(key).namespace
    guard let svc = informers.services.get(key), svc.spec.type != ServiceType.externalName else { return .done }
    if svc.spec.selector.isEmpty {
      if key == EndpointsUtil.kubernetesServiceKey { syncKubernetesSlice(svc) }
      return .done
    }
    // 1. Desired endpoints, grouped by their resolved ports.
    let pods = informers.pods(in: namespace, matching: Selector(matching: svc.spec.selector))
    var groups: [[EndpointSlicePort]: [Endpoint]] = [:]
    var included: [Pod] = []
    let publish = svc.spec.publishNotReadyAddresses == true
    for pod in pods where EndpointsUtil.shouldPodBeInEndpoints(pod, includeTerminating: true) {
      var ports: [EndpointSlicePort] = []
      for sp in svc.spec.ports {
        guard let n = EndpointsUtil.findPort(pod, sp) else { continue }
        ports.append(
          EndpointSlicePort(
            name: sp.name, protocol: sp.protocol.isEmpty ? "TCP" : sp.protocol, port: n, appProtocol: sp.appProtocol))
      }
      let serving = publish || pod.isReady
      let terminating = pod.metadata.deletionTimestamp != nil
      let ready = publish || (serving && !terminating)
      var ep = Endpoint(
        addresses: [EndpointsUtil.podIP(pod)],
        conditions: EndpointConditions(ready: ready, serving: serving, terminating: terminating),
        targetRef: EndpointsUtil.targetRef(pod), nodeName: pod.spec.nodeName.isEmpty ? nil : pod.spec.nodeName)
      if let node = informers.nodes.get(pod.spec.nodeName), let zone = node.metadata.labels?[EndpointsUtil.zoneLabel],
        !zone.isEmpty
      {
        ep.zone = zone
      }
      if EndpointsUtil.shouldSetHostname(pod, svc) { ep.hostname = pod.spec.hostname }
      groups[ports, default: []].append(ep)
      included.append(pod)
    }

    // 2. Existing slices this controller manages for the Service.
    let existing = informers.endpointSlices.byIndex(IndexName.service, key).filter {
      $0.metadata.labels?[EndpointSliceLabel.managedBy] == EndpointSliceLabel.controllerName
    }
    var desired: [EndpointSlice] = []
    var toCreate: [EndpointSlice] = []
    var used: Set<String> = []
    let sortedPorts = groups.keys.sorted { Self.portsKey($0) < Self.portsKey($1) }
    for ports in sortedPorts {
      var pending = groups[ports]!.sorted { ($0.targetRef?.name ?? "") < ($1.targetRef?.name ?? "") }
      var slices = existing.filter { $0.ports == ports && $0.addressType == AddressType.ipv4 }
      // Endpoints stay where they are.
      for i in slices.indices {
        let uids = Set(slices[i].endpoints.compactMap { $0.targetRef?.uid })
        let keep = pending.filter { uids.contains($0.targetRef?.uid ?? "") }
        pending.removeAll { uids.contains($0.targetRef?.uid ?? "") }
        let order = slices[i].endpoints.compactMap { $0.targetRef?.uid }
        slices[i].endpoints = keep.sorted {
          (order.firstIndex(of: $0.targetRef?.uid ?? "") ?? 0) < (order.firstIndex(of: $1.targetRef?.uid ?? "") ?? 0)
        }
      }
      // New endpoints fill the slices with room, then new slices.
      for i in slices.indices where !pending.isEmpty {
        let room = Self.maxEndpointsPerSlice - slices[i].endpoints.count
        if room > 0 {
          slices[i].endpoints += pending.prefix(room)
          pending.removeFirst(min(room, pending.count))
        }
      }
      while !pending.isEmpty {
        var s = newSlice(svc, ports: ports)
        s.endpoints = Array(pending.prefix(Self.maxEndpointsPerSlice))
        pending.removeFirst(min(Self.maxEndpointsPerSlice, pending.count))
        toCreate.append(s)
      }
      for s in slices where !s.endpoints.isEmpty {
        desired.append(s)
        used.insert(s.metadata.name)
      }
    }
    // 3. A Service with no endpoints keeps one placeholder slice.
    if desired.isEmpty && toCreate.isEmpty {
      if let keep = existing.first(where: { $0.endpoints.isEmpty && $0.ports.isEmpty }) ?? existing.first {
        var s = keep
        s.endpoints = []
        s.ports = []
        desired.append(s)
        used.insert(s.metadata.name)
      } else {
        toCreate.append(newSlice(svc, ports: []))
      }
    }
    // 4. Slices that would be deleted take the place of slices to create (upstream's
    //    `finalize`), so a placeholder turns into the first real slice.
    var recycled: [EndpointSlice] = []
    for old in existing where !used.contains(old.metadata.name) && old.addressType == AddressType.ipv4 {
      guard var s = toCreate.popLast() else { break }
      s.metadata = old.metadata
      recycled.append(s)
      used.insert(old.metadata.name)
    }
    desired += recycled
    // 5. Write what changed.
    let trigger = EndpointsUtil.triggerTime(svc, included)?.rfc3339
    for var s in desired {
      let before = existing.first { $0.metadata.name == s.metadata.name }!
      let labels = sliceLabels(svc, current: s.metadata.labels)
      if before.endpoints == s.endpoints && before.ports == s.ports && before.metadata.labels == labels { continue }
      s.metadata.labels = labels
      s.metadata.annotations = annotations(s.metadata.annotations, trigger: trigger)
      client.update(s)
    }
    for var s in toCreate {
      s.metadata.annotations = annotations(nil, trigger: trigger)
      client.create(s)
    }
    for s in existing where !used.contains(s.metadata.name) {
      client.delete(EndpointSlice.resource, namespace: s.metadata.namespace, name: s.metadata.name)
    }

    return .done
  }

  private static func portsKey(_ ports: [EndpointSlicePort]) -> String {
    ports.map { "\($0.name ?? "")/\($0.port ?? 0)/\($0.protocol ?? "")" }.joined(separator: ",")
  }

  private func newSlice(_ svc: Service, ports: [EndpointSlicePort]) -> EndpointSlice {
    var meta = ObjectMeta(namespace: svc.metadata.namespace)
    meta.generateName = PodControl.podsPrefix(svc.metadata.name)
    meta.ownerReferences = [OwnerReference.controller(of: svc)]
    meta.labels = sliceLabels(svc, current: nil)
    return EndpointSlice(metadata: meta, addressType: AddressType.ipv4, endpoints: [], ports: ports)
  }

  /// Upstream `setEndpointSliceLabels`: the Service's labels plus service-name and managed-by
  /// (and headless for a headless Service).
  private func sliceLabels(_ svc: Service, current: [String: String]?) -> [String: String] {
    var labels = svc.metadata.labels ?? [:]
    labels[EndpointSliceLabel.serviceName] = svc.metadata.name
    labels[EndpointSliceLabel.managedBy] = EndpointSliceLabel.controllerName
    labels[EndpointsUtil.headlessLabel] = nil
    if svc.isHeadless { labels[EndpointsUtil.headlessLabel] = "" }
    return labels
  }

  private func annotations(_ current: [String: String]?, trigger: String?) -> [String: String]? {
    var a = current ?? [:]
    a[EndpointsUtil.lastChangeTriggerTime] = trigger
    return a.isEmpty ? nil : a
  }

  /// The apiserver's slice `kubernetes`: the control-plane nodes on the apiserver port.
  private func syncKubernetesSlice(_ svc: Service) {
    let ips = EndpointsUtil.apiserverAddresses(informers)
    guard !ips.isEmpty else { return }
    let (portName, port) = EndpointsUtil.apiserverPort(svc)
    let endpoints = ips.map { Endpoint(addresses: [$0], conditions: EndpointConditions(ready: true)) }
    let ports = [EndpointSlicePort(name: portName, protocol: "TCP", port: port)]
    let current = informers.endpointSlices.get(namespace: "default", name: "kubernetes")
    if current?.endpoints == endpoints && current?.ports == ports { return }
    var s = current ?? EndpointSlice(metadata: ObjectMeta(name: "kubernetes", namespace: "default"))
    s.metadata.labels = [EndpointSliceLabel.serviceName: "kubernetes"]
    s.addressType = AddressType.ipv4
    s.endpoints = endpoints
    s.ports = ports
    if current == nil { client.create(s) } else { client.update(s) }
  }
}
