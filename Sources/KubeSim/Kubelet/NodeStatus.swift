// NodeStatus: the kubelet's Node — registration (POST nodes) and the status setters of
// pkg/kubelet/nodestatus: capacity, allocatable, conditions, addresses, node info, images.

extension Kubelet {
  /// `--eviction-hard=memory.available<100Mi`: kept back from allocatable memory.
  static let evictionMemory: Int64 = 100 * 1024 * 1024
  /// The node's disk (`ephemeral-storage`): 97.9 GiB.
  static let diskKi: Int64 = 102_626_232
  /// `nodeStatusUpdateFrequency` and `nodeStatusReportFrequency`.
  static let statusUpdateSeconds: Int64 = 10
  static let statusReportSeconds: Int64 = 300

  var capacityResources: ResourceList {
    [
      ResourceName.cpu: config.cpu, ResourceName.memory: config.memory,
      ResourceName.pods: Quantity(value: Int64(config.pods)),
      ResourceName.ephemeralStorage: Quantity(value: Self.diskKi * 1024, format: .binarySI),
      "hugepages-1Gi": Quantity(value: 0), "hugepages-2Mi": Quantity(value: 0),
    ]
  }

  /// Capacity minus the eviction thresholds (no system or kube reserved, as kubeadm leaves it).
  var allocatableResources: ResourceList {
    var a = capacityResources
    a[ResourceName.memory] = config.memory - Quantity(value: Self.evictionMemory, format: .binarySI)
    // `nodefs.available<10%`.
    a[ResourceName.ephemeralStorage] = Quantity(value: Self.diskKi * 1024 * 9 / 10)
    return a
  }

  /// The Node as the kubelet registers it.
  func initialNode() -> Node {
    var n = Node(metadata: ObjectMeta(name: nodeName))
    n.metadata.labels = config.registrationLabels
    n.metadata.annotations = [
      "kubeadm.alpha.kubernetes.io/cri-socket": "unix:///var/run/containerd/containerd.sock",
      "node.alpha.kubernetes.io/ttl": "0",
      "volumes.kubernetes.io/controller-managed-attach-detach": "true",
    ]
    n.spec = NodeSpec(podCIDR: config.podCIDR, taints: config.taints)
    n.status = computeNodeStatus(previous: nil)
    return n
  }

  /// Every status setter, in upstream's order. Conditions keep their transition times.
  func computeNodeStatus(previous: NodeStatus?) -> NodeStatus {
    let now = context.now
    var s = NodeStatus(capacity: capacityResources, allocatable: allocatableResources)
    func condition(_ type: String, _ status: String, _ reason: String, _ message: String) -> NodeCondition {
      let old = previous?.conditions.first { $0.type == type }
      let transition = old.flatMap { $0.status == status ? $0.lastTransitionTime : nil } ?? now
      return NodeCondition(
        type: type, status: status, lastHeartbeatTime: now, lastTransitionTime: transition, reason: reason,
        message: message)
    }
    s.conditions = [
      condition(
        NodeConditionType.memoryPressure, "False", "KubeletHasSufficientMemory",
        "kubelet has sufficient memory available"),
      condition(NodeConditionType.diskPressure, "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
      condition(
        NodeConditionType.pidPressure, "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
      condition(NodeConditionType.ready, "True", "KubeletReady", "kubelet is posting ready status"),
    ]
    s.addresses = [
      NodeAddress(type: NodeAddressType.internalIP, address: config.internalIP),
      NodeAddress(type: NodeAddressType.hostname, address: nodeName),
    ]
    s.daemonEndpoints = NodeDaemonEndpoints(kubeletEndpoint: DaemonEndpoint(port: 10250))
    s.nodeInfo = NodeSystemInfo(
      machineID: machineID, systemUUID: systemUUID, bootID: bootID, kernelVersion: "6.8.0-51-generic",
      osImage: "Ubuntu 24.04.1 LTS", containerRuntimeVersion: ContainerRuntime.version,
      kubeletVersion: KubeLabVersion.kubernetes, kubeProxyVersion: "", operatingSystem: "linux",
      architecture: "amd64")
    if imagesChanged || previous == nil {
      // Simulation: upstream lists images on every status update; here only after a pull.
      imagesChanged = false
      nodeImages = cri.listImages().prefix(50).map {
        ContainerImage(names: $0.repoDigests + $0.repoTags, sizeBytes: $0.size)
      }
    }
    s.images = nodeImages
    return s
  }

  /// Status equality ignoring heartbeat times.
  private func sameStatus(_ a: NodeStatus, _ b: NodeStatus) -> Bool {
    var x = a
    var y = b
    for i in x.conditions.indices { x.conditions[i].lastHeartbeatTime = nil }
    for i in y.conditions.indices { y.conditions[i].lastHeartbeatTime = nil }
    return x == y
  }

  /// POST nodes; an existing Node (a restarted kubelet) counts as registered.
  func registerNode(_ now: Int64) {
    guard !registering, now >= nextRegistration else { return }
    registering = true
    let node = initialNode()
    let gen = generation
    client.create(node) { [weak self] result in
      guard let self, gen == self.generation else { return }
      self.registering = false
      switch result {
      case .success(.object(let o)):
        self.registered = true
        self.nodeUID = o.metadata.uid
        self.reportedNodeStatus = node.status
        self.lastStatusCompute = now
        self.lastStatusReport = now
        self.recordNodeEvents(ready: true)
      case .failure(let e) where e.code == 409:
        self.registered = true
        self.recordNodeEvents(ready: false)
      default:
        self.nextRegistration = self.context.clock.seconds + 7
      }
    }
  }

  private func recordNodeEvents(ready: Bool) {
    guard !nodeEventsSent else { return }
    nodeEventsSent = true
    let ref = ObjectReference(kind: "Node", name: nodeName, uid: nodeName)
    recorder.event(ref, reason: "Starting", message: "Starting kubelet.")
    if ready {
      for reason in ["NodeHasSufficientMemory", "NodeHasNoDiskPressure", "NodeHasSufficientPID"] {
        recorder.event(ref, reason: reason, message: "Node \(nodeName) status is now: \(reason)")
      }
    }
    recorder.event(ref, reason: "NodeAllocatableEnforced", message: "Updated Node Allocatable limit across pods")
    if ready { recorder.event(ref, reason: "NodeReady", message: "Node \(nodeName) status is now: NodeReady") }
  }

  /// Every 10 s: compute the status; PATCH it when it changed or 5 minutes have passed.
  func updateNodeStatusIfDue(_ now: Int64) {
    guard now - lastStatusCompute >= Self.statusUpdateSeconds, !nodeStatusInFlight else { return }
    lastStatusCompute = now
    let current = nodes?.get(nodeName)
    let status = computeNodeStatus(previous: reportedNodeStatus ?? current?.status)
    if let reported = reportedNodeStatus, sameStatus(reported, status),
      now - lastStatusReport < Self.statusReportSeconds
    {
      return
    }
    var node = current ?? Node(metadata: ObjectMeta(name: nodeName))
    node.status = status
    nodeStatusInFlight = true
    let gen = generation
    client.patchStatus(node) { [weak self] result in
      guard let self, gen == self.generation else { return }
      self.nodeStatusInFlight = false
      if case .success = result {
        self.reportedNodeStatus = status
        self.lastStatusReport = now
      }
    }
  }

  // MARK: - Lease

  /// `nodeLeaseRenewInterval`: 25% of the 40 s lease.
  static let leaseRenewSeconds: Int64 = 10

  /// Creates the node's Lease in kube-node-lease (GET, then POST if missing) and renews it every 10 s (PUT).
  func renewLeaseIfDue(_ now: Int64) {
    guard !leaseInFlight, now - leaseRenewedAt >= Self.leaseRenewSeconds else { return }
    leaseInFlight = true
    let gen = generation
    guard var lease else {
      client.send(APIRequest(.get, Lease.resource, namespace: "kube-node-lease", name: nodeName)) {
        [weak self] result in
        guard let self, gen == self.generation else { return }
        switch result {
        case .success(.object(let o)):
          self.lease = o as? Lease
          self.leaseInFlight = false
        case .failure(let e) where e.code == 404:
          self.createLease(now, gen)
        default:
          self.leaseInFlight = false
        }
      }
      return
    }
    lease.spec.holderIdentity = nodeName
    lease.spec.leaseDurationSeconds = 40
    lease.spec.renewTime = MicroTime(context.now)
    if lease.metadata.ownerReferences == nil, !nodeUID.isEmpty { lease.metadata.ownerReferences = [nodeOwner] }
    client.update(lease) { [weak self] result in
      guard let self, gen == self.generation else { return }
      self.leaseInFlight = false
      switch result {
      case .success(.object(let o)):
        self.lease = o as? Lease
        self.leaseRenewedAt = now
      case .failure(let e) where e.code == 409 || e.code == 404:
        self.lease = nil
      default: break
      }
    }
  }

  private var nodeOwner: OwnerReference {
    OwnerReference(apiVersion: "v1", kind: "Node", name: nodeName, uid: nodeUID)
  }

  private func createLease(_ now: Int64, _ gen: Int) {
    var l = Lease(metadata: ObjectMeta(name: nodeName, namespace: "kube-node-lease"))
    l.spec = LeaseSpec(holderIdentity: nodeName, leaseDurationSeconds: 40, renewTime: MicroTime(context.now))
    if !nodeUID.isEmpty { l.metadata.ownerReferences = [nodeOwner] }
    client.create(l) { [weak self] result in
      guard let self, gen == self.generation else { return }
      self.leaseInFlight = false
      if case .success(.object(let o)) = result {
        self.lease = o as? Lease
        self.leaseRenewedAt = now
      }
    }
  }
}
