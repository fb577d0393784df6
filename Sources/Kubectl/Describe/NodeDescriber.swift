// NodeDescriber: `kubectl describe node` in describe.go's layout (describeNode, describeNodeResource).
import KubeSim

enum NodeDescriber {
  static func describe(_ node: Node, _ ctx: DescribeContext) -> String {
    let w = PrefixWriter()
    w.write(0, "Name:\t\(node.metadata.name)\n")
    w.write(0, "Roles:\t\(ClusterTables.roles(node))\n")
    Describer.labels(w, "Labels", node.metadata.labels)
    Describer.annotations(w, "Annotations", node.metadata.annotations)
    w.write(0, "CreationTimestamp:\t\((node.metadata.creationTimestamp ?? Time(seconds: 0)).rfc1123Z)\n")
    Describer.taints(w, "Taints", node.spec.taints)
    w.write(0, "Unschedulable:\t\(node.spec.unschedulable ?? false)\n")
    do {
      let lease = try ctx.inv.get(Lease.self, node.metadata.name, namespace: "kube-node-lease") as? Lease
      w.write(0, "Lease:\n")
      w.write(1, "HolderIdentity:\t\(lease?.spec.holderIdentity ?? "<unset>")\n")
      w.write(1, "AcquireTime:\t\(lease?.spec.acquireTime.map { $0.time.rfc1123Z } ?? "<unset>")\n")
      w.write(1, "RenewTime:\t\(lease?.spec.renewTime.map { $0.time.rfc1123Z } ?? "<unset>")\n")
    } catch {
      // describeNode prints the error when the node's lease cannot be read (a node whose kubelet never ran).
      w.write(0, "Lease:\tFailed to get lease: \(Describer.errorText(error))\n")
    }
    if !node.status.conditions.isEmpty {
      w.write(0, "Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n")
      w.write(1, "----\t------\t-----------------\t------------------\t------\t-------\n")
      for c in node.status.conditions {
        let hb = (c.lastHeartbeatTime ?? Time(seconds: 0)).rfc1123Z
        let tr = (c.lastTransitionTime ?? Time(seconds: 0)).rfc1123Z
        w.write(1, "\(c.type) \t\(c.status) \t\(hb) \t\(tr) \t\(c.reason) \t\(c.message)\n")
      }
    }
    w.write(0, "Addresses:\n")
    for a in node.status.addresses { w.write(1, "\(a.type):\t\(a.address)\n") }
    if !node.status.capacity.isEmpty {
      w.write(0, "Capacity:\n")
      for k in node.status.capacity.keys.sorted() { w.write(0, "  \(k):\t\(node.status.capacity[k]!)\n") }
    }
    if !node.status.allocatable.isEmpty {
      w.write(0, "Allocatable:\n")
      for k in node.status.allocatable.keys.sorted() { w.write(0, "  \(k):\t\(node.status.allocatable[k]!)\n") }
    }
    let info = node.status.nodeInfo
    w.write(0, "System Info:\n")
    w.write(0, "  Machine ID:\t\(info.machineID)\n")
    w.write(0, "  System UUID:\t\(info.systemUUID)\n")
    w.write(0, "  Boot ID:\t\(info.bootID)\n")
    w.write(0, "  Kernel Version:\t\(info.kernelVersion)\n")
    w.write(0, "  OS Image:\t\(info.osImage)\n")
    w.write(0, "  Operating System:\t\(info.operatingSystem)\n")
    w.write(0, "  Architecture:\t\(info.architecture)\n")
    w.write(0, "  Container Runtime Version:\t\(info.containerRuntimeVersion)\n")
    w.write(0, "  Kubelet Version:\t\(info.kubeletVersion)\n")
    w.write(0, "  Kube-Proxy Version:\t\(info.kubeProxyVersion)\n")
    if !node.spec.podCIDR.isEmpty { w.write(0, "PodCIDR:\t\(node.spec.podCIDR)\n") }
    if !node.spec.podCIDRs.isEmpty { w.write(0, "PodCIDRs:\t\(node.spec.podCIDRs.joined(separator: ","))\n") }
    if !node.spec.providerID.isEmpty { w.write(0, "ProviderID:\t\(node.spec.providerID)\n") }
    if let pods = try? ctx.inv.list(
      Pod.self, namespace: "",
      fieldSelector: "spec.nodeName=\(node.metadata.name),status.phase!=Succeeded,status.phase!=Failed")
    {
      resources(w, pods.compactMap { $0 as? Pod }, node, now: ctx.now)
    } else {
      w.write(0, "Pods:\tnot authorized\n")
    }
    Describer.events(w, ctx.events(kind: "Node", name: node.metadata.name, namespace: "", uid: ""), now: ctx.now)
    return w.text
  }

  private static func percent(_ part: Int64, _ whole: Int64) -> Int64 {
    whole == 0 ? 0 : Int64(Double(part) / Double(whole) * 100)
  }

  /// The Non-terminated Pods table and the Allocated resources summary.
  static func resources(_ w: PrefixWriter, _ pods: [Pod], _ node: Node, now: Time) {
    w.write(0, "Non-terminated Pods:\t(\(pods.count) in total)\n")
    w.write(1, "Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n")
    w.write(1, "---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n")
    let allocatable = node.status.allocatable.isEmpty ? node.status.capacity : node.status.allocatable
    let cpuTotal = allocatable.milliCPU
    let memTotal = allocatable.memoryBytes
    var totalReq: ResourceList = [:]
    var totalLim: ResourceList = [:]
    for p in pods {
      let req = p.requests()
      let lim = p.limits()
      totalReq.add(req)
      totalLim.add(lim)
      let cr = req.cpu ?? .zero
      let cl = lim.cpu ?? .zero
      let mr = req.memory ?? .zero
      let ml = lim.memory ?? .zero
      w.write(
        1,
        "\(p.metadata.namespace)\t\(p.metadata.name)\t\t\(cr) (\(percent(cr.milliValue, cpuTotal))%)\t\(cl) (\(percent(cl.milliValue, cpuTotal))%)\t\(mr) (\(percent(mr.value, memTotal))%)\t\(ml) (\(percent(ml.value, memTotal))%)\t\(HumanDuration.since(p.metadata.creationTimestamp, now: now))\n"
      )
    }
    w.write(0, "Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n")
    w.write(1, "Resource\tRequests\tLimits\n")
    w.write(1, "--------\t--------\t------\n")
    let cr = totalReq.cpu ?? .zero
    let cl = totalLim.cpu ?? .zero
    let mr = totalReq.memory ?? .zero
    let ml = totalLim.memory ?? .zero
    let er = totalReq.ephemeralStorage ?? .zero
    let el = totalLim.ephemeralStorage ?? .zero
    let eTotal = allocatable.ephemeralStorage?.value ?? 0
    w.write(1, "cpu\t\(cr) (\(percent(cr.milliValue, cpuTotal))%)\t\(cl) (\(percent(cl.milliValue, cpuTotal))%)\n")
    w.write(1, "memory\t\(mr) (\(percent(mr.value, memTotal))%)\t\(ml) (\(percent(ml.value, memTotal))%)\n")
    w.write(1, "ephemeral-storage\t\(er) (\(percent(er.value, eTotal))%)\t\(el) (\(percent(el.value, eTotal))%)\n")
    for k in allocatable.keys.sorted() where k.hasPrefix(ResourceName.hugePagesPrefix) {
      let r = totalReq[k] ?? .zero
      let l = totalLim[k] ?? .zero
      let t = allocatable[k]?.value ?? 0
      w.write(1, "\(k)\t\(r) (\(percent(r.value, t))%)\t\(l) (\(percent(l.value, t))%)\n")
    }
    let standard: Set<String> = [
      ResourceName.cpu, ResourceName.memory, ResourceName.ephemeralStorage, ResourceName.pods, ResourceName.storage,
    ]
    for k in allocatable.keys.sorted() where !standard.contains(k) && !k.hasPrefix(ResourceName.hugePagesPrefix) {
      w.write(1, "\(k)\t\(totalReq[k] ?? .zero)\t\(totalLim[k] ?? .zero)\n")
    }
  }
}
