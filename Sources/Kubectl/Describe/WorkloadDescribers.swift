// WorkloadDescribers: `kubectl describe deployment|replicaset|daemonset|job` in describe.go's layout.
import KubeSim

enum WorkloadDescribers {
  static func deployment(_ d: Deployment, _ ctx: DescribeContext) -> String {
    let w = PrefixWriter()
    let st = d.status
    w.write(0, "Name:\t\(d.metadata.name)\n")
    w.write(0, "Namespace:\t\(d.metadata.namespace)\n")
    w.write(0, "CreationTimestamp:\t\((d.metadata.creationTimestamp ?? Time(seconds: 0)).rfc1123Z)\n")
    Describer.labels(w, "Labels", d.metadata.labels)
    Describer.annotations(w, "Annotations", d.metadata.annotations)
    w.write(0, "Selector:\t\((try? d.spec.selector.asSelector().description) ?? "")\n")
    w.write(
      0,
      "Replicas:\t\(d.spec.replicas ?? 1) desired | \(st.updatedReplicas ?? 0) updated | \(st.replicas ?? 0) total | \(st.availableReplicas ?? 0) available | \(st.unavailableReplicas ?? 0) unavailable\n"
    )
    w.write(0, "StrategyType:\t\(d.spec.strategy.type)\n")
    w.write(0, "MinReadySeconds:\t\(d.spec.minReadySeconds ?? 0)\n")
    if let ru = d.spec.strategy.rollingUpdate {
      w.write(
        0,
        "RollingUpdateStrategy:\t\(ru.maxUnavailable?.description ?? "25%") max unavailable, \(ru.maxSurge?.description ?? "25%") max surge\n"
      )
    }
    Describer.podTemplate(w, d.spec.template)
    if !st.conditions.isEmpty {
      w.write(0, "Conditions:\n  Type\tStatus\tReason\n")
      w.write(1, "----\t------\t------\n")
      for c in st.conditions { w.write(1, "\(c.type) \t\(c.status)\t\(c.reason)\n") }
    }
    // deploymentutil.GetAllReplicaSetsInChunks: the ReplicaSets the deployment controls, oldest first;
    // the new one is the oldest with the deployment's template, every other one is old (scaled to 0 or not).
    if let revs = try? Rollout.revisions(d, inv: ctx.inv), !revs.isEmpty {
      let all = Get.stableSorted(revs.map(\.1)) { a, b in
        let (ta, tb) = (
          a.metadata.creationTimestamp ?? Time(microseconds: 0), b.metadata.creationTimestamp ?? Time(microseconds: 0)
        )
        return ta == tb ? a.metadata.name < b.metadata.name : ta < tb
      }
      let newRS = all.first { sameTemplate($0.spec.template, d.spec.template) }
      let old = all.filter { $0.metadata.uid != newRS?.metadata.uid }
      w.write(0, "OldReplicaSets:\t\(replicaSets(old))\n")
      w.write(0, "NewReplicaSet:\t\(replicaSets(newRS.map { [$0] } ?? []))\n")
    }
    Describer.events(w, ctx.events(for: d), now: ctx.now)
    return w.text
  }

  /// A ReplicaSet's template equals the deployment's, ignoring the pod-template-hash label.
  static func sameTemplate(_ a: PodTemplateSpec, _ b: PodTemplateSpec) -> Bool {
    var a = a
    var b = b
    a.metadata.labels?["pod-template-hash"] = nil
    b.metadata.labels?["pod-template-hash"] = nil
    if a.metadata.labels?.isEmpty == true { a.metadata.labels = nil }
    if b.metadata.labels?.isEmpty == true { b.metadata.labels = nil }
    return a == b
  }

  static func replicaSets(_ list: [ReplicaSet]) -> String {
    let s = list.map { "\($0.metadata.name) (\($0.status.replicas)/\($0.spec.replicas ?? 0) replicas created)" }
      .joined(separator: ", ")
    return s.isEmpty ? "<none>" : s
  }

  static func replicaSet(_ rs: ReplicaSet, _ ctx: DescribeContext) -> String {
    let w = PrefixWriter()
    w.write(0, "Name:\t\(rs.metadata.name)\n")
    w.write(0, "Namespace:\t\(rs.metadata.namespace)\n")
    w.write(0, "Selector:\t\(rs.spec.selector.formatted)\n")
    Describer.labels(w, "Labels", rs.metadata.labels)
    Describer.annotations(w, "Annotations", rs.metadata.annotations)
    Describer.controller(w, rs.metadata)
    w.write(0, "Replicas:\t\(rs.status.replicas) current / \(rs.spec.replicas ?? 1) desired\n")
    w.write(0, "Pods Status:\t")
    w.write(
      0,
      Describer.podsStatus(ctx, namespace: rs.metadata.namespace, selector: rs.spec.selector, uid: rs.metadata.uid)
        + "\n")
    Describer.podTemplate(w, rs.spec.template)
    if !rs.status.conditions.isEmpty {
      w.write(0, "Conditions:\n  Type\tStatus\tReason\n")
      w.write(1, "----\t------\t------\n")
      for c in rs.status.conditions { w.write(1, "\(c.type) \t\(c.status)\t\(c.reason)\n") }
    }
    Describer.events(w, ctx.events(for: rs), now: ctx.now)
    return w.text
  }

  static func daemonSet(_ ds: DaemonSet, _ ctx: DescribeContext) -> String {
    let w = PrefixWriter()
    let st = ds.status
    w.write(0, "Name:\t\(ds.metadata.name)\n")
    w.write(0, "Namespace:\t\(ds.metadata.namespace)\n")
    w.write(0, "Selector:\t\((try? ds.spec.selector.asSelector().description) ?? "")\n")
    w.write(0, "Node-Selector:\t\(Cells.labels(ds.spec.template.spec.nodeSelector))\n")
    Describer.labels(w, "Labels", ds.metadata.labels)
    Describer.annotations(w, "Annotations", ds.metadata.annotations)
    w.write(0, "Desired Number of Nodes Scheduled: \(st.desiredNumberScheduled)\n")
    w.write(0, "Current Number of Nodes Scheduled: \(st.currentNumberScheduled)\n")
    w.write(0, "Number of Nodes Scheduled with Up-to-date Pods: \(st.updatedNumberScheduled ?? 0)\n")
    w.write(0, "Number of Nodes Scheduled with Available Pods: \(st.numberAvailable ?? 0)\n")
    w.write(0, "Number of Nodes Misscheduled: \(st.numberMisscheduled)\n")
    w.write(
      0,
      "Pods Status:\t\(Describer.podsStatus(ctx, namespace: ds.metadata.namespace, selector: ds.spec.selector, uid: ds.metadata.uid))\n"
    )
    Describer.podTemplate(w, ds.spec.template)
    Describer.events(w, ctx.events(for: ds), now: ctx.now)
    return w.text
  }

  static func job(_ j: Job, _ ctx: DescribeContext) -> String {
    let w = PrefixWriter()
    w.write(0, "Name:\t\(j.metadata.name)\n")
    w.write(0, "Namespace:\t\(j.metadata.namespace)\n")
    if let s = try? j.spec.selector.asSelector() {
      w.write(0, "Selector:\t\(s.description)\n")
    }
    Describer.labels(w, "Labels", j.metadata.labels)
    Describer.annotations(w, "Annotations", j.metadata.annotations)
    Describer.controller(w, j.metadata)
    if let p = j.spec.parallelism { w.write(0, "Parallelism:\t\(p)\n") }
    if let c = j.spec.completions {
      w.write(0, "Completions:\t\(c)\n")
    } else {
      w.write(0, "Completions:\t<unset>\n")
    }
    if let m = j.spec.completionMode { w.write(0, "Completion Mode:\t\(m)\n") }
    if let s = j.spec.suspend { w.write(0, "Suspend:\t\(s)\n") }
    if let b = j.spec.backoffLimit { w.write(0, "Backoff Limit:\t\(b)\n") }
    if let t = j.spec.ttlSecondsAfterFinished { w.write(0, "TTL Seconds After Finished:\t\(t)\n") }
    if let s = j.status.startTime { w.write(0, "Start Time:\t\(s.rfc1123Z)\n") }
    if let c = j.status.completionTime { w.write(0, "Completed At:\t\(c.rfc1123Z)\n") }
    if let s = j.status.startTime, let c = j.status.completionTime {
      w.write(0, "Duration:\t\(HumanDuration.format(seconds: HumanDuration.secondsBetween(s, c)))\n")
    }
    if let a = j.spec.activeDeadlineSeconds { w.write(0, "Active Deadline Seconds:\t\(a)s\n") }
    let st = j.status
    if let ready = st.ready {
      w.write(
        0,
        "Pods Statuses:\t\(st.active ?? 0) Active (\(ready) Ready) / \(st.succeeded ?? 0) Succeeded / \(st.failed ?? 0) Failed\n"
      )
    } else {
      w.write(
        0, "Pods Statuses:\t\(st.active ?? 0) Active / \(st.succeeded ?? 0) Succeeded / \(st.failed ?? 0) Failed\n")
    }
    Describer.podTemplate(w, j.spec.template)
    Describer.events(w, ctx.events(for: j), now: ctx.now)
    return w.text
  }
}
