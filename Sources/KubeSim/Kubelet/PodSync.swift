// PodSync: the pod worker's sync (upstream SyncPod / computePodActions): admit, create the sandbox,
// run init containers in order, start and restart app containers with back-off, and terminate.

extension Kubelet {
  // MARK: - Informer events (dispatch phase)

  func podChanged(_ pod: Pod, _ gen: Int) {
    guard gen == generation else { return }
    let key = pod.key
    if pod.metadata.annotations?["kubernetes.io/config.mirror"] != nil {
      mirrorChanged(pod)
      return
    }
    let uid = pod.metadata.uid
    if let w = workers[uid] {
      w.update(pod)
      dirty.insert(uid)
      return
    }
    let w = PodWorker(uid: uid, pod: pod, isStatic: false)
    if pod.isTerminal && adoptable[uid] == nil {
      // Finished before this kubelet saw it (or before a restart): nothing to run.
      w.terminalPhase = pod.status.phase
      w.terminating = true
      w.terminated = true
      w.admitted = true
      w.status = pod.status
      w.reported = pod.status
    }
    workers[uid] = w
    workerByKey[key] = uid
    dirty.insert(uid)
  }

  func podDeleted(_ pod: Pod, _ gen: Int) {
    guard gen == generation else { return }
    if pod.metadata.annotations?["kubernetes.io/config.mirror"] != nil {
      if let uid = workerByKey[pod.key], let w = workers[uid], w.isStatic {
        w.mirror = nil
        w.mirrorRequested = false
        dirty.insert(uid)
      }
      return
    }
    guard let w = workers[pod.metadata.uid] else { return }
    w.deleted = true
    dirty.insert(w.uid)
  }

  // MARK: - Sync

  /// Syncs one pod: what the kubelet does each time something about the pod changed.
  ///   1. admit it (once); a rejected pod is Failed and never runs;
  ///   2. a deleted, deleting or finished pod is terminated (containers stopped, sandbox torn down);
  ///   3. run the probes that are due;
  ///   4. make sure the sandbox exists (and the configMap and secret volumes are set up, once one
  ///      failed);
  ///   5. run the init containers one by one, then start (or restart) the app containers;
  ///   6. compute the status to report.
  func sync(_ w: PodWorker) {
    let now = context.clock.seconds
    if w.isStatic { ensureMirrorPod(w) }
    // 1. Admission.
    if !w.admitted && w.rejected == nil {
      if let (reason, message) = admit(w) {
        w.rejected = (reason, message)
        recorder.event(w.pod, type: EventType.warning, reason: reason, message: message)
        w.terminalPhase = PodPhase.failed
        w.terminating = true
        w.terminated = true
      } else {
        w.admitted = true
        w.startTime = w.pod.status.startTime ?? context.now
        adopt(w)
      }
    }
    if w.rejected != nil {
      if w.deleted { workers[w.uid] = nil }
      updateStatus(w)
      return
    }
    // 2. Termination.
    if w.deleted || w.deletionRequested || w.terminalPhase != nil {
      terminate(w)
      updateStatus(w)
      return
    }
    // `activeDeadlineSeconds`: the pod fails once it has been active that long.
    if let deadline = w.pod.spec.activeDeadlineSeconds, let start = w.startTime {
      let end = context.clock.start.seconds(until: start) + deadline
      if now >= end {
        w.deadlineExceeded = true
        w.terminalPhase = PodPhase.failed
        recorder.event(
          w.pod, type: EventType.warning, reason: "DeadlineExceeded",
          message: "Pod was active on the node longer than the specified deadline")
        terminate(w)
        updateStatus(w)
        return
      }
      wake(w.uid, at: end)
    }
    // 3. Probes.
    runProbes(w, now)
    // 4. The sandbox; once a volume failed to set up, nothing starts until it is (`mountVolumes`).
    if !ensureSandbox(w) || (!w.mountBackoff.isEmpty && !mountVolumes(w)) {
      updateStatus(w)
      return
    }
    // 5. Containers.
    syncContainers(w, now)
    // A pod whose containers will not run again is finished.
    let statuses = w.appRecords.map { PodStatusGenerator.containerStatus($0, hasInitContainers: false, pod: w.pod) }
    let inits = w.initRecords.map { PodStatusGenerator.containerStatus($0, hasInitContainers: false, pod: w.pod) }
    let phase = PodStatusGenerator.phase(w.pod.spec, initStatuses: inits, statuses: statuses, podIsTerminal: false)
    if phase == PodPhase.succeeded || phase == PodPhase.failed {
      if !w.isStatic {
        w.terminalPhase = phase
        terminate(w)
      }
    }
    updateStatus(w)
  }

  /// Upstream `killPod` then `syncTerminatedPod`: stop every container within the grace period,
  /// tear down the sandbox, and (for a deleted pod) remove everything.
  private func terminate(_ w: PodWorker) {
    for r in w.containers where r.pull == .waiting { r.pull = .none }
    if !w.terminating {
      w.terminating = true
      let requested = w.pod.metadata.deletionGracePeriodSeconds ?? w.pod.spec.terminationGracePeriodSeconds ?? 30
      let grace = max(2, requested)
      for r in w.containers where r.isRunning && !r.stopping {
        if w.deletionRequested || w.deleted {
          recorder.event(
            w.pod, reason: "Killing", message: "Stopping container \(r.name)", fieldPath: fieldPath(r))
        }
        stop(w, r, timeout: grace)
      }
    }
    // Containers started while the kill was on its way are stopped too.
    for r in w.containers where r.isRunning && !r.stopping { stop(w, r, timeout: 2) }
    guard !w.containers.contains(where: { $0.isRunning || $0.stopping }) else { return }
    if !w.terminated {
      w.terminated = true
      if let id = w.sandboxID, w.sandboxReady {
        cri.stopPodSandbox(id, pod: w.name, namespace: w.namespace)
      }
      w.sandboxReady = false
      if w.terminalPhase == nil {
        let statuses = w.appRecords.map { PodStatusGenerator.containerStatus($0, hasInitContainers: false, pod: w.pod) }
        let inits = w.initRecords.map { PodStatusGenerator.containerStatus($0, hasInitContainers: false, pod: w.pod) }
        let phase = PodStatusGenerator.phase(
          w.pod.spec, initStatuses: inits, statuses: statuses, podIsTerminal: true)
        // A pod stopped before all its containers ran ends Failed (upstream's terminal-phase rule).
        w.terminalPhase = phase == PodPhase.succeeded ? phase : PodPhase.failed
      }
    }
    if w.deleted {
      if let id = w.sandboxID { cri.removePodSandbox(id, pod: w.name, namespace: w.namespace) }
      w.sandboxID = nil
      workers[w.uid] = nil
      if workerByKey[w.key] == w.uid { workerByKey[w.key] = nil }
      statusQueue.remove(w.uid)
    }
  }

  /// StopContainer with the grace period; the record is updated when the process has exited.
  func stop(_ w: PodWorker, _ r: ContainerRecord, timeout: Int64) {
    guard let id = r.id else { return }
    r.stopping = true
    let gen = generation
    cri.stopContainer(id, name: r.name, namespace: w.namespace, timeout: timeout) { [weak self] _ in
      guard let self, gen == self.generation, let w2 = self.workers[w.uid], w2 === w, r.id == id else { return }
      if let s = try? self.runtime.containerStatus(id) { self.apply(s, to: r) }
      r.stopping = false
      self.dirty.insert(w.uid)
    }
  }

  // MARK: - Sandbox

  /// RunPodSandbox (and PodSandboxStatus for its IP). False while the pod cannot run yet.
  private func ensureSandbox(_ w: PodWorker) -> Bool {
    if w.sandboxID != nil && w.sandboxReady { return true }
    let spec = w.pod.spec
    var hostname = spec.hostname.isEmpty ? w.pod.metadata.name : spec.hostname
    if spec.usesHostNetwork { hostname = nodeName }
    if hostname.count > 63 { hostname = String(hostname.prefix(63)) }
    let config = CRI.PodSandboxConfig(
      metadata: CRI.PodSandboxMetadata(name: w.name, uid: w.uid, namespace: w.namespace, attempt: 0),
      hostname: hostname, labels: podLabels(w), annotations: [:], hostNetwork: spec.usesHostNetwork,
      dnsPolicy: spec.dnsPolicy.isEmpty ? DNSPolicy.clusterFirst : spec.dnsPolicy,
      logDirectory: "/var/log/pods/\(w.namespace)_\(w.name)_\(w.uid)")
    do {
      let id = try cri.runPodSandbox(config)
      w.sandboxID = id
      w.sandboxReady = true
      w.podIP = cri.podSandboxStatus(id, pod: w.name, namespace: w.namespace)?.ip ?? ""
      return true
    } catch {
      recorder.event(
        w.pod, type: EventType.warning, reason: "FailedCreatePodSandBox",
        message: "Failed to create pod sandbox: \(error)")
      wake(w.uid, at: context.clock.seconds + 10)
      return false
    }
  }

  func podLabels(_ w: PodWorker) -> [String: String] {
    ["io.kubernetes.pod.name": w.name, "io.kubernetes.pod.namespace": w.namespace, "io.kubernetes.pod.uid": w.uid]
  }

  // MARK: - Containers

  private func syncContainers(_ w: PodWorker, _ now: Int64) {
    // A container whose definition changed is killed, then started again with the new spec.
    for r in w.containers where r.definitionChanged && r.isRunning && !r.stopping {
      recorder.event(
        w.pod, reason: "Killing", message: "Container \(r.name) definition changed, will be restarted",
        fieldPath: fieldPath(r))
      r.killedByKubelet = true
      stop(w, r, timeout: max(2, w.pod.spec.terminationGracePeriodSeconds ?? 30))
    }
    // Init containers, in order: each must succeed before the next starts. Sidecars keep running.
    for r in w.initRecords {
      if r.spec.isSidecar {
        if !r.isRunning && !r.stopping { startOrRestart(w, r, now) }
        if !(r.isRunning && r.started) { return }
        continue
      }
      if r.hasExited && r.exitCode == 0 { continue }
      if r.isRunning || r.stopping { return }
      if r.hasExited && w.pod.spec.restartPolicy == RestartPolicy.never {
        w.terminalPhase = PodPhase.failed
        return
      }
      startOrRestart(w, r, now)
      return
    }
    for r in w.appRecords where !r.isRunning && !r.stopping {
      if r.id == nil || r.state == .created || shouldRestart(w, r) {
        startOrRestart(w, r, now)
      }
    }
  }

  /// Upstream `ShouldContainerBeRestarted` for an exited app container.
  private func shouldRestart(_ w: PodWorker, _ r: ContainerRecord) -> Bool {
    guard r.hasExited else { return false }
    if r.definitionChanged { return true }
    switch w.pod.spec.restartPolicy {
    case RestartPolicy.never: return false
    case RestartPolicy.onFailure: return r.exitCode != 0
    default: return true
    }
  }

  /// The back-off key of a container (upstream `GetStableKey`).
  func backoffKey(_ w: PodWorker, _ r: ContainerRecord) -> String {
    "\(w.name)_\(w.namespace)_\(w.uid)_\(r.name)"
  }

  func fieldPath(_ r: ContainerRecord) -> String {
    r.isInit ? "spec.initContainers{\(r.name)}" : "spec.containers{\(r.name)}"
  }

  /// Starts a container for the first time, or again after it exited (subject to CrashLoopBackOff).
  private func startOrRestart(_ w: PodWorker, _ r: ContainerRecord, _ now: Int64) {
    if r.hasExited, let finishedAt = r.finishedAt, r.pull != .waiting, !isPulled(r) {
      // Simulated seconds since the cluster started, like `now`.
      let finished = context.clock.start.seconds(until: finishedAt)
      let key = backoffKey(w, r)
      if crashBackoff.isInBackOffSince(key, eventTime: finished, now: now) {
        let message =
          "back-off \(goDuration(seconds: crashBackoff.get(key))) restarting failed container=\(r.name) pod=\(w.formatted)"
        // Simulation: upstream records this event on every sync during the back-off; here once per step.
        if r.waiting?.reason != "CrashLoopBackOff" || r.waiting?.message != message {
          recorder.event(
            w.pod, type: EventType.warning, reason: "BackOff",
            message: "Back-off restarting failed container \(r.name) in pod \(w.formatted)", fieldPath: fieldPath(r))
        }
        r.waiting = ("CrashLoopBackOff", message)
        wake(w.uid, at: crashBackoff.end(key, eventTime: finished))
        return
      }
      crashBackoff.next(key, eventTime: finished, now: now)
    }
    createAndStart(w, r, now)
  }

  private func isPulled(_ r: ContainerRecord) -> Bool {
    if case .ready = r.pull { return true }
    if case .failed = r.pull { return true }
    return false
  }

  /// Pulls the image if needed, then CreateContainer and StartContainer.
  private func createAndStart(_ w: PodWorker, _ r: ContainerRecord, _ now: Int64) {
    // 0. A retry after CreateContainerConfigError first asks again for what was not found, so that
    // one retry is one attempt (one image check, one Failed event) on the current objects.
    if r.waiting?.reason == "CreateContainerConfigError", !notFoundConfigAskedAgain(w) { return }
    // 1. The image.
    let image: String
    switch ensureImage(w, r, now) {
    case .wait: return
    case .failed: return
    case .ready(let ref): image = ref
    }
    // 2. The container's configuration: environment, command, files.
    guard let config = containerConfig(w, r, image: image) else { return }
    // 3. CreateContainer.
    let id: String
    do {
      id = try cri.createContainer(w.sandboxID ?? "", config, pod: w.name, namespace: w.namespace)
    } catch {
      r.waiting = ("CreateContainerError", error.message)
      recorder.event(
        w.pod, type: EventType.warning, reason: "Failed", message: "Error: \(error.message)", fieldPath: fieldPath(r))
      wake(w.uid, at: now + 10)
      return
    }
    if let old = r.id {
      if let prev = r.previousID { cri.removeContainer(prev, name: r.name, namespace: w.namespace) }
      r.previousID = old
      r.lastTermination = r.terminated
      r.restartCount += 1
    }
    r.id = id
    r.state = .created
    r.waiting = nil
    r.started = false
    r.ready = false
    r.killedByKubelet = false
    r.definitionChanged = false
    r.liveness = ProbeState()
    r.readiness = ProbeState()
    r.startup = ProbeState()
    let info = ImageCatalog.info(ImageName(image))
    r.runtimeImage = info.name.normalized
    r.imageID = info.repoDigest
    recorder.event(w.pod, reason: "Created", message: "Created container: \(r.name)", fieldPath: fieldPath(r))
    // 4. StartContainer.
    do {
      try cri.startContainer(id, name: r.name, namespace: w.namespace)
    } catch {
      recorder.event(
        w.pod, type: EventType.warning, reason: "Failed", message: "Error: \(error.message)", fieldPath: fieldPath(r))
      if let s = try? cri.containerStatus(id, name: r.name, namespace: w.namespace) { apply(s, to: r) }
      wake(w.uid, at: now + 1)
      return
    }
    recorder.event(w.pod, reason: "Started", message: "Started container \(r.name)", fieldPath: fieldPath(r))
    r.state = .running
    r.startedAt = context.now
    r.started = r.spec.startupProbe == nil
    r.ready = r.started && r.spec.readinessProbe == nil
    scheduleProbes(w, r, startedAt: now)
  }

  /// Sends a GET again for each config map and secret of the pod that was not found and whose answer
  /// is no longer fresh; true when none is on its way (the pod is woken when the answers arrive).
  ///
  /// Simulation: upstream's kubelet keeps these objects current through watches (its configMap and
  /// secret managers); this kubelet asks for them by GET, so a retry asks first, then tries.
  private func notFoundConfigAskedAgain(_ w: PodWorker) -> Bool {
    var current = true
    func ask<T: KubeObject>(_ type: T.Type, _ names: Set<String>) {
      for name in names.sorted() {
        let key = "\(T.resource.plural)/\(w.namespace)/\(name)"
        guard fetched[key]?.object == nil else { continue }
        _ = fetch(type, namespace: w.namespace, name: name, for: w.uid)
        if fetchesInFlight[key] != nil {
          fetchesInFlight[key]!.insert(w.uid)
          current = false
        }
      }
    }
    ask(ConfigMap.self, w.pod.referencedConfigMaps)
    ask(Secret.self, w.pod.referencedSecrets)
    return current
  }

  /// The CRI config of a container, or nil (with the reason recorded) when it cannot be made yet.
  private func containerConfig(_ w: PodWorker, _ r: ContainerRecord, image: String) -> CRI.ContainerConfig? {
    let pod = w.pod
    // Config maps and secrets the environment and volumes need must be fetched first.
    var configMaps: [String: ConfigMap] = [:]
    var secretObjects: [String: Secret] = [:]
    var waiting = false
    for name in pod.referencedConfigMaps.sorted() {
      switch fetch(ConfigMap.self, namespace: w.namespace, name: name, for: w.uid) {
      case .some(.some(let cm)): configMaps[name] = cm
      case .some(.none): break
      case .none: waiting = true
      }
    }
    for name in pod.referencedSecrets.sorted() {
      switch fetch(Secret.self, namespace: w.namespace, name: name, for: w.uid) {
      case .some(.some(let s)): secretObjects[name] = s
      case .some(.none): break
      case .none: waiting = true
      }
    }
    if waiting { return nil }
    // The configMap and secret volumes are set up before any container is created.
    if !mountVolumes(w) { return nil }
    let services = self.services?.list() ?? []
    let serviceEnv = ContainerEnvironment.serviceEnvironment(
      namespace: w.namespace, enableServiceLinks: pod.spec.enableServiceLinks ?? true, services: services)
    let env: [(String, String)]
    switch ContainerEnvironment.make(
      pod: pod, container: r.spec, podIP: w.podIP, hostIP: nodeIP, serviceEnv: serviceEnv, configMaps: configMaps,
      secrets: secretObjects)
    {
    case .success(let e): env = e
    case .failure(let e):
      r.waiting = ("CreateContainerConfigError", e.message)
      recorder.event(
        w.pod, type: EventType.warning, reason: "Failed", message: "Error: \(e.message)", fieldPath: fieldPath(r))
      wake(w.uid, at: context.clock.seconds + 10)
      return nil
    }
    var vars: [String: String] = [:]
    for (k, v) in env { vars[k] = v }
    let command = r.spec.command.map { ContainerEnvironment.expand($0, vars) }
    let args = r.spec.args.map { ContainerEnvironment.expand($0, vars) }
    var files: [CRI.FileMount] = []
    for m in r.spec.volumeMounts {
      guard let v = pod.spec.volumes.first(where: { $0.name == m.name }) else { continue }
      if v.configMap != nil || v.secret != nil {
        for f in volumeFiles(w, v, configMaps: configMaps, secrets: secretObjects) {
          files.append(CRI.FileMount(path: m.mountPath + "/" + f.path, content: f.content))
        }
      } else if v.projected != nil && m.mountPath == "/var/run/secrets/kubernetes.io/serviceaccount" {
        files.append(CRI.FileMount(path: m.mountPath + "/namespace", content: w.namespace))
        files.append(
          CRI.FileMount(path: m.mountPath + "/token", content: "eyJhbGciOiJSUzI1NiIsImtpZCI6IiJ9.simulated.\(w.uid)"))
        files.append(
          CRI.FileMount(
            path: m.mountPath + "/ca.crt",
            content: "-----BEGIN CERTIFICATE-----\n(simulated)\n-----END CERTIFICATE-----\n"))
      }
    }
    let limits = r.spec.resources.limits
    let requests = r.spec.resources.requests
    return CRI.ContainerConfig(
      metadata: CRI.ContainerMetadata(name: r.name, attempt: Int(r.id == nil ? 0 : r.restartCount + 1)),
      image: CRI.ImageSpec(image), command: command, args: args, workingDir: r.spec.workingDir,
      envs: env.map { CRI.KeyValue($0.0, $0.1) },
      labels: podLabels(w).merging(["io.kubernetes.container.name": r.name]) { a, _ in a },
      annotations: ["io.kubernetes.container.restartCount": String(r.id == nil ? 0 : r.restartCount + 1)],
      ports: r.spec.ports.map { Int($0.containerPort) },
      resources: CRI.Resources(
        cpuLimitMilli: limits[ResourceName.cpu]?.milliValue ?? 0,
        memoryLimitBytes: limits[ResourceName.memory]?.value ?? 0,
        cpuRequestMilli: requests[ResourceName.cpu]?.milliValue ?? 0),
      logPath: "\(r.name)/\(r.id == nil ? 0 : r.restartCount + 1).log", files: files)
  }

  /// A config map or secret the pod needs: `.some(obj)` when known (nil inside: not found), `nil` while
  /// a GET is on its way. Answers are cached for 60 s, "not found" for 10 s.
  func fetch<T: KubeObject>(_ type: T.Type, namespace: String, name: String, for uid: String) -> T?? {
    let key = "\(T.resource.plural)/\(namespace)/\(name)"
    let now = context.clock.seconds
    if let f = fetched[key], now - f.fetchedAt < (f.object == nil ? 10 : 60) || fetchesInFlight[key] != nil {
      return .some(f.object as? T)
    }
    if fetchesInFlight[key] != nil {
      fetchesInFlight[key]!.insert(uid)
      return nil
    }
    fetchesInFlight[key] = [uid]
    let gen = generation
    client.send(APIRequest(.get, T.resource, namespace: namespace, name: name)) { [weak self] result in
      guard let self, gen == self.generation else { return }
      let waiters = self.fetchesInFlight.removeValue(forKey: key) ?? []
      switch result {
      case .success(.object(let o)): self.fetched[key] = (o, self.context.clock.seconds)
      case .failure(let e) where e.code == 404: self.fetched[key] = (nil, self.context.clock.seconds)
      default: self.fetched[key] = (nil, self.context.clock.seconds - 9)
      }
      for w in waiters { self.dirty.insert(w) }
    }
    return fetched[key].map { .some($0.object as? T) } ?? nil
  }

  // MARK: - Status

  /// Recomputes the status to report; queues it when it changed.
  func updateStatus(_ w: PodWorker) {
    let now = context.now
    var s = PodStatus()
    let api = w.isStatic ? (w.mirror?.status ?? PodStatus()) : w.pod.status
    let previous = w.reported ?? api
    // A pod that finished before this kubelet process saw it: the apiserver's status stands.
    if w.rejected == nil, w.terminalPhase != nil, w.containers.allSatisfy({ $0.id == nil }),
      api.phase == PodPhase.succeeded || api.phase == PodPhase.failed
    {
      w.status = api
      return
    }
    if w.deadlineExceeded {
      s.reason = "DeadlineExceeded"
      s.message = "Pod was active on the node longer than the specified deadline"
    }
    if let (reason, message) = w.rejected {
      s.phase = PodPhase.failed
      s.reason = reason
      s.message = "Pod was rejected: \(message)"
      s.conditions = api.conditions
      s.qosClass = api.qosClass.isEmpty ? w.pod.qosClass : api.qosClass
    } else {
      let hasInit = !w.pod.spec.initContainers.isEmpty
      let initDone = w.initRecords.allSatisfy { $0.spec.isSidecar || ($0.hasExited && $0.exitCode == 0) }
      s.initContainerStatuses = w.initRecords.map {
        PodStatusGenerator.containerStatus($0, hasInitContainers: hasInit, pod: w.pod)
      }
      s.containerStatuses = w.appRecords.map {
        PodStatusGenerator.containerStatus($0, hasInitContainers: hasInit && !initDone, pod: w.pod)
      }
      var phase =
        w.terminalPhase
        ?? PodStatusGenerator.phase(
          w.pod.spec, initStatuses: s.initContainerStatuses, statuses: s.containerStatuses, podIsTerminal: false)
      if previous.phase == PodPhase.succeeded || previous.phase == PodPhase.failed { phase = previous.phase }
      s.phase = phase
      var conditions: [PodCondition] = []
      conditions.append(
        PodCondition(type: PodConditionType.podReadyToStartContainers, status: w.sandboxReady ? "True" : "False"))
      conditions.append(
        PodStatusGenerator.initialized(
          w.pod.spec, initStatuses: s.initContainerStatuses, statuses: s.containerStatuses, phase: phase))
      let containersReady = PodStatusGenerator.containersReady(
        w.pod.spec, initStatuses: s.initContainerStatuses, statuses: s.containerStatuses, phase: phase)
      conditions.append(PodStatusGenerator.ready(w.pod, containersReady: containersReady, existing: api.conditions))
      conditions.append(containersReady)
      conditions.append(PodCondition(type: PodConditionType.podScheduled, status: "True"))
      for i in conditions.indices {
        let old =
          previous.conditions.first { $0.type == conditions[i].type }
          ?? api.conditions.first { $0.type == conditions[i].type }
        conditions[i].lastTransitionTime =
          old.flatMap { $0.status == conditions[i].status ? $0.lastTransitionTime : nil } ?? now
      }
      for c in api.conditions where c.type == PodConditionType.disruptionTarget { conditions.insert(c, at: 0) }
      s.conditions = conditions
      s.hostIP = nodeIP
      s.hostIPs = [HostIP(ip: nodeIP)]
      if !w.podIP.isEmpty {
        s.podIP = w.podIP
        s.podIPs = [PodIP(ip: w.podIP)]
      }
      s.startTime = w.startTime
      s.qosClass = api.qosClass.isEmpty ? w.pod.qosClass : api.qosClass
      s.nominatedNodeName = api.nominatedNodeName
    }
    if s != w.status || w.reported == nil {
      w.status = s
      w.statusDirty = true
    }
    if w.statusDirty || (w.deletionRequested && w.terminated && !w.deleteSent) { statusQueue.insert(w.uid) }
  }

  /// The report phase's pod part: PATCH the statuses that changed; DELETE (grace 0) pods that were
  /// deleted and whose containers have all stopped (upstream status manager `canBeDeleted`).
  func reportPodStatuses() {
    guard !statusQueue.isEmpty else { return }
    let queue = statusQueue.sorted()
    statusQueue.removeAll()
    for uid in queue {
      guard let w = workers[uid] else { continue }
      let target: Pod
      if w.isStatic {
        guard let m = w.mirror, m.metadata.deletionTimestamp == nil else {
          statusQueue.insert(uid)
          continue
        }
        target = m
      } else {
        guard !w.deleted else { continue }
        target = w.pod
      }
      if w.statusDirty {
        var patch = target
        patch.status = w.status
        w.statusDirty = false
        w.reported = w.status
        let gen = generation
        client.patchStatus(patch) { [weak self] result in
          guard let self, gen == self.generation, case .failure(let e) = result, e.code != 404 else { return }
          // Not answered (the node is cut off): try again at the next report.
          w.statusDirty = true
          self.statusQueue.insert(uid)
        }
      }
      if w.deletionRequested && w.terminated && !w.deleteSent && !w.isStatic {
        w.deleteSent = true
        var o = RequestOptions()
        o.gracePeriodSeconds = 0
        let gen = generation
        client.send(APIRequest(.delete, Pod.resource, namespace: w.namespace, name: w.name, options: o)) {
          [weak self] result in
          guard let self, gen == self.generation, case .failure(let e) = result, e.code != 404 else { return }
          w.deleteSent = false
          self.statusQueue.insert(uid)
        }
      }
    }
  }
}

extension ContainerRecord.PullState: Equatable {
  static func == (a: ContainerRecord.PullState, b: ContainerRecord.PullState) -> Bool {
    switch (a, b) {
    case (.none, .none), (.waiting, .waiting): return true
    case (.ready(let x), .ready(let y)), (.failed(let x), .failed(let y)): return x == y
    default: return false
    }
  }
}
