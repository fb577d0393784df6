// WorkloadTables: printers.go's tables for pods, replica sets, deployments, daemon sets and jobs.
import KubeSim

enum WorkloadTables {
  // MARK: - Pod

  static let pod = TableGenerator(
    columns: [
      TableColumn("Name"), TableColumn("Ready"), TableColumn("Status"), TableColumn("Restarts"), TableColumn("Age"),
      TableColumn("IP", priority: 1), TableColumn("Node", priority: 1), TableColumn("Nominated Node", priority: 1),
      TableColumn("Readiness Gates", priority: 1),
    ]
  ) { o, wide, now in
    guard let pod = o as? Pod else { return [] }
    let s = PodSummary(pod)
    var restarts = String(s.restarts)
    if s.restarts != 0, let last = s.lastRestart {
      restarts = "\(s.restarts) (\(HumanDuration.since(last, now: now)) ago)"
    }
    var cells = [pod.metadata.name, "\(s.ready)/\(s.total)", s.reason, restarts, Cells.age(pod, now)]
    if wide {
      var ip = pod.status.podIPs.first?.ip ?? ""
      if ip.isEmpty { ip = "<none>" }
      let node = pod.spec.nodeName.isEmpty ? "<none>" : pod.spec.nodeName
      let nominated = pod.status.nominatedNodeName.isEmpty ? "<none>" : pod.status.nominatedNodeName
      var gates = "<none>"
      if !pod.spec.readinessGates.isEmpty {
        let trueCount = pod.spec.readinessGates.filter { g in
          pod.status.conditions.first { $0.type == g.conditionType }?.status == ConditionStatus.true
        }.count
        gates = "\(trueCount)/\(pod.spec.readinessGates.count)"
      }
      cells += [ip, node, nominated, gates]
    }
    return cells
  }

  // MARK: - ReplicaSet

  static let replicaSet = TableGenerator(
    columns: [
      TableColumn("Name"), TableColumn("Desired"), TableColumn("Current"), TableColumn("Ready"), TableColumn("Age"),
      TableColumn("Containers", priority: 1), TableColumn("Images", priority: 1), TableColumn("Selector", priority: 1),
    ]
  ) { o, wide, now in
    guard let rs = o as? ReplicaSet else { return [] }
    var cells = [
      rs.metadata.name, String(rs.spec.replicas ?? 0), String(rs.status.replicas), String(rs.status.readyReplicas ?? 0),
      Cells.age(rs, now),
    ]
    if wide {
      let (n, i) = Cells.containers(rs.spec.template.spec.containers)
      cells += [n, i, rs.spec.selector.formatted]
    }
    return cells
  }

  // MARK: - Deployment

  static let deployment = TableGenerator(
    columns: [
      TableColumn("Name"), TableColumn("Ready"), TableColumn("Up-to-date"), TableColumn("Available"),
      TableColumn("Age"), TableColumn("Containers", priority: 1), TableColumn("Images", priority: 1),
      TableColumn("Selector", priority: 1),
    ]
  ) { o, wide, now in
    guard let d = o as? Deployment else { return [] }
    var cells = [
      d.metadata.name, "\(d.status.readyReplicas ?? 0)/\(d.spec.replicas ?? 0)", String(d.status.updatedReplicas ?? 0),
      String(d.status.availableReplicas ?? 0), Cells.age(d, now),
    ]
    if wide {
      let (n, i) = Cells.containers(d.spec.template.spec.containers)
      let selector: String
      if let s = try? d.spec.selector.asSelector() {
        selector = s.description
      } else {
        selector = "<invalid>"
      }
      cells += [n, i, selector]
    }
    return cells
  }

  // MARK: - DaemonSet

  static let daemonSet = TableGenerator(
    columns: [
      TableColumn("Name"), TableColumn("Desired"), TableColumn("Current"), TableColumn("Ready"),
      TableColumn("Up-to-date"), TableColumn("Available"), TableColumn("Node Selector"), TableColumn("Age"),
      TableColumn("Containers", priority: 1), TableColumn("Images", priority: 1), TableColumn("Selector", priority: 1),
    ]
  ) { o, wide, now in
    guard let ds = o as? DaemonSet else { return [] }
    let st = ds.status
    var cells = [
      ds.metadata.name, String(st.desiredNumberScheduled), String(st.currentNumberScheduled), String(st.numberReady),
      String(st.updatedNumberScheduled ?? 0), String(st.numberAvailable ?? 0),
      Cells.labels(ds.spec.template.spec.nodeSelector), Cells.age(ds, now),
    ]
    if wide {
      let (n, i) = Cells.containers(ds.spec.template.spec.containers)
      cells += [n, i, ds.spec.selector.formatted]
    }
    return cells
  }

  // MARK: - Job

  static let job = TableGenerator(
    columns: [
      TableColumn("Name"), TableColumn("Status"), TableColumn("Completions"), TableColumn("Duration"),
      TableColumn("Age"), TableColumn("Containers", priority: 1), TableColumn("Images", priority: 1),
      TableColumn("Selector", priority: 1),
    ]
  ) { o, wide, now in
    guard let j = o as? Job else { return [] }
    let succeeded = j.status.succeeded ?? 0
    let completions: String
    if let c = j.spec.completions {
      completions = "\(succeeded)/\(c)"
    } else if let p = j.spec.parallelism, p > 1 {
      completions = "\(succeeded)/1 of \(p)"
    } else {
      completions = "\(succeeded)/1"
    }
    var duration = ""
    if let start = j.status.startTime {
      let end = j.status.completionTime ?? now
      duration = HumanDuration.format(seconds: HumanDuration.secondsBetween(start, end))
    }
    func has(_ t: String) -> Bool { j.status.conditions.contains { $0.type == t && $0.status == ConditionStatus.true } }
    let status: String
    if has(JobConditionType.complete) {
      status = "Complete"
    } else if has(JobConditionType.failed) {
      status = "Failed"
    } else if j.metadata.deletionTimestamp != nil {
      status = "Terminating"
    } else if has(JobConditionType.suspended) {
      status = "Suspended"
    } else if has(JobConditionType.failureTarget) {
      status = "FailureTarget"
    } else if has(JobConditionType.successCriteriaMet) {
      status = "SuccessCriteriaMet"
    } else {
      status = "Running"
    }
    var cells = [j.metadata.name, status, completions, duration, Cells.age(j, now)]
    if wide {
      let (n, i) = Cells.containers(j.spec.template.spec.containers)
      cells += [n, i, j.spec.selector.formatted]
    }
    return cells
  }
}

/// The READY, STATUS and RESTARTS of a pod as printers.go `printPod` computes them.
struct PodSummary {
  var ready = 0
  var total = 0
  var reason = ""
  var restarts = 0
  var lastRestart: Time? = nil

  init(_ pod: Pod) {
    var restarts = 0
    var sidecarRestarts = 0
    var lastRestart: Time? = nil
    var lastSidecarRestart: Time? = nil
    total = pod.spec.containers.count
    reason = pod.status.reason.isEmpty ? pod.status.phase : pod.status.reason
    for c in pod.status.conditions where c.type == PodConditionType.podScheduled && c.reason == "SchedulingGated" {
      reason = "SchedulingGated"
    }
    let sidecars = Set(pod.spec.initContainers.filter(\.isSidecar).map(\.name))
    total += sidecars.count
    func later(_ a: Time?, _ b: Time?) -> Time? {
      guard let b else { return a }
      guard let a else { return b }
      return a < b ? b : a
    }
    var initializing = false
    for (i, c) in pod.status.initContainerStatuses.enumerated() {
      restarts += Int(c.restartCount)
      if let t = c.lastState.terminated { lastRestart = later(lastRestart, t.finishedAt) }
      let isSidecar = sidecars.contains(c.name)
      if isSidecar {
        sidecarRestarts += Int(c.restartCount)
        if let t = c.lastState.terminated { lastSidecarRestart = later(lastSidecarRestart, t.finishedAt) }
      }
      if let t = c.state.terminated, t.exitCode == 0 { continue }
      if isSidecar && c.started == true {
        if c.ready { ready += 1 }
        continue
      }
      if let t = c.state.terminated {
        if t.reason.isEmpty {
          reason = (t.signal ?? 0) != 0 ? "Init:Signal:\(t.signal!)" : "Init:ExitCode:\(t.exitCode)"
        } else {
          reason = "Init:" + t.reason
        }
      } else if let w = c.state.waiting, !w.reason.isEmpty, w.reason != "PodInitializing" {
        reason = "Init:" + w.reason
      } else {
        reason = "Init:\(i)/\(pod.spec.initContainers.count)"
      }
      initializing = true
      break
    }
    let initialized =
      pod.status.conditions.first { $0.type == PodConditionType.initialized }?.status == ConditionStatus.true
    if !initializing || initialized {
      restarts = sidecarRestarts
      lastRestart = lastSidecarRestart
      var hasRunning = false
      for c in pod.status.containerStatuses.reversed() {
        restarts += Int(c.restartCount)
        if let t = c.lastState.terminated { lastRestart = later(lastRestart, t.finishedAt) }
        if let w = c.state.waiting, !w.reason.isEmpty {
          reason = w.reason
        } else if let t = c.state.terminated, !t.reason.isEmpty {
          reason = t.reason
        } else if let t = c.state.terminated {
          reason = (t.signal ?? 0) != 0 ? "Signal:\(t.signal!)" : "ExitCode:\(t.exitCode)"
        } else if c.ready && c.state.running != nil {
          hasRunning = true
          ready += 1
        }
      }
      if reason == "Completed" && hasRunning {
        reason = pod.isReady ? "Running" : "NotReady"
      }
    }
    if pod.metadata.deletionTimestamp != nil && pod.status.reason == "NodeLost" {
      reason = "Unknown"
    } else if pod.metadata.deletionTimestamp != nil && !pod.isTerminal {
      reason = "Terminating"
    }
    self.restarts = restarts
    self.lastRestart = lastRestart
  }
}
