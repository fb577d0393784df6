// PodStatusGenerator: the pod status the kubelet reports — container statuses, phase (upstream
// getPhase) and the conditions of pkg/kubelet/status/generate.go.

enum PodStatusGenerator {
  /// The API status of one container.
  static func containerStatus(_ r: ContainerRecord, hasInitContainers: Bool, pod: Pod) -> ContainerStatus {
    var s = ContainerStatus(name: r.name)
    s.restartCount = r.restartCount
    s.image = r.runtimeImage.isEmpty ? r.spec.image : r.runtimeImage
    s.imageID = r.imageID
    s.containerID = r.containerID
    if let last = r.lastTermination { s.lastState = ContainerState(terminated: last) }
    if let w = r.waiting {
      // Upstream (convertToAPIContainerStatuses): a container waiting to be restarted reports its
      // latest exit as the last state, so RESTARTS shows "(Ns ago)" from that exit.
      if let t = r.terminated { s.lastState = ContainerState(terminated: t) }
      s.state = .waiting(reason: w.reason, message: w.message)
    } else if r.state == .running, let started = r.startedAt {
      s.state = .running(startedAt: started)
    } else if let t = r.terminated {
      s.state = ContainerState(terminated: t)
    } else {
      s.state = .waiting(reason: hasInitContainers ? "PodInitializing" : "ContainerCreating")
    }
    s.started = r.isRunning && r.started
    s.ready = r.isRunning && r.started && r.ready && r.waiting == nil
    if r.id != nil {
      s.volumeMounts = r.spec.volumeMounts.map { m in
        var j: JSON = ["name": .string(m.name), "mountPath": .string(m.mountPath)]
        if m.readOnly == true {
          j["readOnly"] = true
          j["recursiveReadOnly"] = "Disabled"
        }
        return j
      }
    }
    return s
  }

  /// Upstream `getPhase` (kubelet_pods.go), with `podIsTerminal` when the kubelet stopped the pod.
  static func phase(_ spec: PodSpec, initStatuses: [ContainerStatus], statuses: [ContainerStatus], podIsTerminal: Bool)
    -> String
  {
    func find(_ list: [ContainerStatus], _ name: String) -> ContainerStatus? { list.first { $0.name == name } }
    var pendingRegularInit = 0
    var pendingSidecars = 0
    var failedInitialization = 0
    for c in spec.initContainers where !c.isSidecar {
      guard let s = find(initStatuses, c.name) else {
        pendingRegularInit += 1
        continue
      }
      if s.state.running != nil {
        pendingRegularInit += 1
      } else if let t = s.state.terminated {
        if t.exitCode != 0 { failedInitialization += 1 }
      } else if s.state.waiting != nil {
        if let t = s.lastState.terminated {
          if t.exitCode != 0 { failedInitialization += 1 }
        } else {
          pendingRegularInit += 1
        }
      } else {
        pendingRegularInit += 1
      }
    }
    var unknown = 0
    var running = 0
    var waiting = 0
    var stopped = 0
    var succeeded = 0
    for c in spec.initContainers where c.isSidecar {
      guard let s = find(initStatuses, c.name) else {
        unknown += 1
        continue
      }
      if s.state.running != nil {
        if s.started != true { pendingSidecars += 1 }
        running += 1
      } else if s.state.terminated != nil {
      } else if s.state.waiting != nil {
        if s.lastState.terminated == nil {
          pendingSidecars += 1
          waiting += 1
        }
      } else {
        pendingSidecars += 1
        unknown += 1
      }
    }
    for c in spec.containers {
      guard let s = find(statuses, c.name) else {
        unknown += 1
        continue
      }
      if s.state.running != nil {
        running += 1
      } else if let t = s.state.terminated {
        stopped += 1
        if t.exitCode == 0 { succeeded += 1 }
      } else if s.state.waiting != nil {
        if s.lastState.terminated != nil { stopped += 1 } else { waiting += 1 }
      } else {
        unknown += 1
      }
    }
    if failedInitialization > 0 && spec.restartPolicy == RestartPolicy.never { return PodPhase.failed }
    let anyRegularStarted = statuses.contains {
      $0.state.running != nil || $0.state.terminated != nil || $0.lastState.terminated != nil
    }
    if pendingRegularInit > 0 || (pendingSidecars > 0 && !anyRegularStarted) || waiting > 0 { return PodPhase.pending }
    if running > 0 && unknown == 0 { return PodPhase.running }
    if running == 0 && stopped > 0 && unknown == 0 {
      if podIsTerminal { return stopped == succeeded ? PodPhase.succeeded : PodPhase.failed }
      if spec.restartPolicy == RestartPolicy.always { return PodPhase.running }
      if stopped == succeeded { return PodPhase.succeeded }
      if spec.restartPolicy == RestartPolicy.never { return PodPhase.failed }
      return PodPhase.running
    }
    return PodPhase.pending
  }

  private static func list(_ names: [String]) -> String { "[" + names.joined(separator: " ") + "]" }

  /// Upstream `GeneratePodInitializedCondition`.
  static func initialized(_ spec: PodSpec, initStatuses: [ContainerStatus], statuses: [ContainerStatus], phase: String)
    -> PodCondition
  {
    var unknown: [String] = []
    var incomplete: [String] = []
    for c in spec.initContainers {
      guard let s = initStatuses.first(where: { $0.name == c.name }) else {
        unknown.append(c.name)
        continue
      }
      if c.isSidecar {
        if s.started != true { incomplete.append(c.name) }
        continue
      }
      if s.state.terminated == nil || s.state.terminated!.exitCode != 0 { incomplete.append(c.name) }
    }
    if phase == PodPhase.succeeded && unknown.isEmpty {
      return PodCondition(type: PodConditionType.initialized, status: "True", reason: "PodCompleted")
    }
    if statuses.contains(where: {
      $0.state.running != nil || $0.state.terminated != nil || $0.lastState.terminated != nil
    }) {
      return PodCondition(type: PodConditionType.initialized, status: "True")
    }
    var messages: [String] = []
    if !unknown.isEmpty { messages.append("containers with unknown status: \(list(unknown))") }
    if !incomplete.isEmpty { messages.append("containers with incomplete status: \(list(incomplete))") }
    if !messages.isEmpty {
      return PodCondition(
        type: PodConditionType.initialized, status: "False", reason: "ContainersNotInitialized",
        message: messages.joined(separator: ", "))
    }
    return PodCondition(type: PodConditionType.initialized, status: "True")
  }

  /// Upstream `GenerateContainersReadyCondition`.
  static func containersReady(
    _ spec: PodSpec, initStatuses: [ContainerStatus], statuses: [ContainerStatus], phase: String
  )
    -> PodCondition
  {
    var unknown: [String] = []
    var unready: [String] = []
    for c in spec.initContainers where c.isSidecar {
      if let s = initStatuses.first(where: { $0.name == c.name }) {
        if !s.ready { unready.append(c.name) }
      } else {
        unknown.append(c.name)
      }
    }
    for c in spec.containers {
      if let s = statuses.first(where: { $0.name == c.name }) {
        if !s.ready { unready.append(c.name) }
      } else {
        unknown.append(c.name)
      }
    }
    if (phase == PodPhase.succeeded && unknown.isEmpty) || phase == PodPhase.failed {
      return PodCondition(
        type: PodConditionType.containersReady, status: "False",
        reason: phase == PodPhase.failed ? "PodFailed" : "PodCompleted")
    }
    var messages: [String] = []
    if !unknown.isEmpty { messages.append("containers with unknown status: \(list(unknown))") }
    if !unready.isEmpty { messages.append("containers with unready status: \(list(unready))") }
    if !messages.isEmpty {
      return PodCondition(
        type: PodConditionType.containersReady, status: "False", reason: "ContainersNotReady",
        message: messages.joined(separator: ", "))
    }
    return PodCondition(type: PodConditionType.containersReady, status: "True")
  }

  /// Upstream `GeneratePodReadyCondition`: ContainersReady, then the readiness gates.
  static func ready(_ pod: Pod, containersReady: PodCondition, existing: [PodCondition]) -> PodCondition {
    if containersReady.status != "True" {
      return PodCondition(
        type: PodConditionType.ready, status: containersReady.status, reason: containersReady.reason,
        message: containersReady.message)
    }
    var missing: [String] = []
    for gate in pod.spec.readinessGates {
      let c = existing.first { $0.type == gate.conditionType }
      if c?.status != "True" {
        missing.append(
          c == nil
            ? "corresponding condition of pod readiness gate \"\(gate.conditionType)\" does not exist."
            : "the status of pod readiness gate \"\(gate.conditionType)\" is not \"True\", but \(c!.status)")
      }
    }
    if !missing.isEmpty {
      return PodCondition(
        type: PodConditionType.ready, status: "False", reason: "ReadinessGatesNotReady",
        message: missing.joined(separator: ", "))
    }
    return PodCondition(type: PodConditionType.ready, status: "True")
  }
}
