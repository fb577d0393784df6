// StaticPods: pods the kubelet runs from its manifest directory (/etc/kubernetes/manifests) without
// the apiserver, shown in the API as mirror pods; plus adopting what the runtime already runs when
// the kubelet restarts, and removing what no pod owns any more.

extension Kubelet {
  /// The images of kubeadm v1.32's control plane (pre-pulled by `kubeadm init`).
  static let staticImages = [
    "registry.k8s.io/etcd:3.5.16-0", "registry.k8s.io/kube-apiserver:v1.32.0",
    "registry.k8s.io/kube-controller-manager:v1.32.0", "registry.k8s.io/kube-scheduler:v1.32.0",
    "registry.k8s.io/kube-proxy:v1.32.0",
  ]

  /// Reads the static pod manifests: name `<pod>-<node>`, UID the manifest's hash.
  func loadStaticPods() {
    for manifest in config.staticPods {
      var p = manifest
      if p.metadata.namespace.isEmpty { p.metadata.namespace = "kube-system" }
      let hash = String(DigestHash.hex64("\(p.metadata.namespace)/\(p.metadata.name)@\(nodeName)#\(p.json)").prefix(32))
      p.metadata.name = "\(p.metadata.name)-\(nodeName)"
      p.metadata.uid = hash
      var annotations = p.metadata.annotations ?? [:]
      annotations["kubernetes.io/config.hash"] = hash
      annotations["kubernetes.io/config.seen"] = context.now.rfc3339Micro.replacingOccurrencesOfZ
      annotations["kubernetes.io/config.source"] = "file"
      p.metadata.annotations = annotations
      p.spec.nodeName = nodeName
      p.applyDefaults()
      p.metadata.creationTimestamp = nil
      guard workers[hash] == nil else { continue }
      let w = PodWorker(uid: hash, pod: p, isStatic: true)
      workers[hash] = w
      workerByKey[p.key] = hash
      dirty.insert(hash)
    }
  }

  /// Creates the mirror pod of a static pod once the node is registered (upstream `podManager`'s
  /// mirror client); recreates it if someone deleted it.
  func ensureMirrorPod(_ w: PodWorker) {
    guard registered, client.connected, pods?.hasSynced == true else { return }
    if let m = w.mirror {
      if m.metadata.deletionTimestamp != nil && !w.mirrorRequested {
        w.mirrorRequested = true
        client.delete(Pod.resource, namespace: m.metadata.namespace, name: m.metadata.name, gracePeriod: 0)
      }
      return
    }
    guard !w.mirrorRequested else { return }
    w.mirrorRequested = true
    var mirror = w.pod
    mirror.metadata.uid = ""
    mirror.metadata.resourceVersion = ""
    mirror.metadata.annotations?["kubernetes.io/config.mirror"] = w.uid
    mirror.metadata.ownerReferences = [
      OwnerReference(apiVersion: "v1", kind: "Node", name: nodeName, uid: nodeUID, controller: true)
    ]
    mirror.status = PodStatus()
    let gen = generation
    client.create(mirror) { [weak self] result in
      guard let self, gen == self.generation else { return }
      if case .failure(let e) = result, e.code != 409 {
        w.mirrorRequested = false
        self.wake(w.uid, at: self.context.clock.seconds + 10)
      }
    }
  }

  /// A mirror pod appeared or changed in the apiserver.
  func mirrorChanged(_ pod: Pod) {
    guard let uid = workerByKey[pod.key], let w = workers[uid], w.isStatic else {
      // A mirror pod without a static pod: upstream deletes it.
      client.delete(Pod.resource, namespace: pod.metadata.namespace, name: pod.metadata.name, gracePeriod: 0)
      return
    }
    let fresh = w.mirror == nil
    w.mirror = pod
    if pod.metadata.deletionTimestamp == nil { w.mirrorRequested = false }
    if fresh {
      w.reported = nil
      w.statusDirty = true
      statusQueue.insert(uid)
    }
    dirty.insert(uid)
  }

  // MARK: - Restart: adopting running containers

  /// ListPodSandbox and ListContainers at start: what is already running, by pod UID.
  func relistRuntime() {
    adoptable.removeAll()
    let sandboxes = cri.listPodSandbox()
    guard !sandboxes.isEmpty else { return }
    let containers = cri.listContainers()
    for s in sandboxes {
      let uid = s.metadata.uid
      // The newest sandbox of a pod wins.
      adoptable[uid] = AdoptedSandbox(sandbox: s, containers: containers.filter { $0.podSandboxId == s.id })
    }
  }

  /// Takes over the sandbox and containers a previous kubelet process left running.
  func adopt(_ w: PodWorker) {
    guard let a = adoptable.removeValue(forKey: w.uid) else { return }
    w.sandboxID = a.sandbox.id
    w.sandboxReady = a.sandbox.state == .ready
    w.podIP = a.sandbox.ip
    for r in w.containers {
      let instances = a.containers.filter { $0.metadata.name == r.name }.sorted {
        $0.metadata.attempt < $1.metadata.attempt
      }
      guard let latest = instances.last else { continue }
      r.id = latest.id
      r.restartCount = Int32(latest.metadata.attempt)
      if let s = try? cri.containerStatus(latest.id, name: r.name, namespace: w.namespace) { apply(s, to: r) }
      let info = ImageCatalog.info(ImageName(latest.image))
      r.runtimeImage = info.name.normalized
      r.imageID = latest.imageRef
      if instances.count > 1 {
        let prev = instances[instances.count - 2]
        r.previousID = prev.id
        if let s = try? runtime.containerStatus(prev.id) {
          r.lastTermination = ContainerStateTerminated(
            exitCode: s.exitCode, reason: s.reason, startedAt: s.startedAt, finishedAt: s.finishedAt,
            containerID: "containerd://\(prev.id)")
        }
      }
      if r.isRunning {
        r.started = r.spec.startupProbe == nil
        r.ready = r.started && r.spec.readinessProbe == nil
        scheduleProbes(w, r, startedAt: context.clock.seconds)
      }
    }
    if w.pod.isTerminal { w.terminalPhase = w.pod.status.phase }
  }

  /// Once the pod list is known: sandboxes of pods that no longer exist are stopped and removed.
  func cleanupOrphans() {
    guard !adoptable.isEmpty, pods?.hasSynced == true else { return }
    for uid in adoptable.keys.sorted() where workers[uid] == nil {
      let a = adoptable.removeValue(forKey: uid)!
      let name = a.sandbox.metadata.name
      let ns = a.sandbox.metadata.namespace
      var remaining = a.containers.filter { $0.state == .running }.count
      let remove = { [weak self] in
        guard let self else { return }
        self.cri.stopPodSandbox(a.sandbox.id, pod: name, namespace: ns)
        self.cri.removePodSandbox(a.sandbox.id, pod: name, namespace: ns)
      }
      if remaining == 0 {
        remove()
        continue
      }
      for c in a.containers where c.state == .running {
        cri.stopContainer(c.id, name: c.metadata.name, namespace: ns, timeout: 2) { _ in
          remaining -= 1
          if remaining == 0 { remove() }
        }
      }
    }
  }
}

extension String {
  /// `…05.000000Z` → `…05.000000000Z`.
  fileprivate var replacingOccurrencesOfZ: String { hasSuffix("Z") ? String(dropLast()) + "000Z" : self }
}
