// PodAdmission: the kubelet's admit handler (upstream lifecycle/predicate.go): the scheduler's
// general predicates run again on the node — resources, node affinity, host ports, NoExecute taints.

extension Kubelet {
  /// nil when the pod may run; else upstream's reason (`OutOfcpu`, `NodeAffinity` …) and message.
  func admit(_ w: PodWorker) -> (String, String)? {
    let pod = w.pod
    let node = nodes?.get(nodeName)
    let labels = node?.metadata.labels ?? config.registrationLabels
    let allocatable = allocatableResources
    // Pods already admitted and still active.
    let others = workers.values.filter { $0 !== w && $0.admitted && $0.rejected == nil && $0.terminalPhase == nil }
    // 1. Resources (upstream noderesources.Fits): pod count first, then cpu, memory, ephemeral storage.
    let allowedPods = allocatable[ResourceName.pods]?.value ?? 110
    if Int64(others.count) + 1 > allowedPods {
      return (
        "OutOfpods",
        "Node didn't have enough resource: pods, requested: 1, used: \(others.count), capacity: \(allowedPods)"
      )
    }
    let request = pod.requests()
    var used: ResourceList = [:]
    for o in others { Pod.add(&used, o.pod.requests()) }
    for (name, reason) in [
      (ResourceName.cpu, "OutOfcpu"), (ResourceName.memory, "OutOfmemory"),
      (ResourceName.ephemeralStorage, "OutOfephemeral-storage"),
    ] {
      let scale = name == ResourceName.cpu
      let want = scale ? request.milliCPU : (request[name]?.value ?? 0)
      guard want > 0 else { continue }
      let have = scale ? used.milliCPU : (used[name]?.value ?? 0)
      let cap = scale ? (allocatable.milliCPU) : (allocatable[name]?.value ?? 0)
      if want + have > cap {
        return (
          reason, "Node didn't have enough resource: \(name), requested: \(want), used: \(have), capacity: \(cap)"
        )
      }
    }
    // 2. Node selector and required node affinity.
    var matches = pod.spec.nodeSelector.allSatisfy { labels[$0.key] == $0.value }
    if let required = pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution {
      matches = matches && required.matches(labels: labels, nodeName: nodeName)
    }
    if !matches {
      return ("NodeAffinity", "Predicate NodeAffinity failed: node(s) didn't match Pod's node affinity/selector")
    }
    // 3. Host ports.
    var taken: Set<String> = []
    for o in others {
      for c in o.pod.spec.allContainers {
        for p in c.ports where (p.hostPort ?? 0) > 0 { taken.insert("\(p.protocol)/\(p.hostPort!)") }
      }
    }
    for c in pod.spec.allContainers {
      for p in c.ports where (p.hostPort ?? 0) > 0 && taken.contains("\(p.protocol)/\(p.hostPort!)") {
        return ("NodePorts", "Predicate NodePorts failed: node(s) didn't have free ports for the requested pod ports")
      }
    }
    // 4. NoExecute taints (not for static pods).
    if !w.isStatic {
      let taints = node?.spec.taints ?? config.taints
      if pod.spec.tolerations.firstUntoleratedTaint(in: taints, where: { $0.effect == TaintEffect.noExecute }) != nil {
        return (
          "TaintToleration", "Predicate TaintToleration failed: node(s) had taints that the pod didn't tolerate"
        )
      }
    }
    return nil
  }
}
