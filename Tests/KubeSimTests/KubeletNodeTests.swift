// KubeletNodeTests: node registration, node status, the node lease, static and mirror pods.
import Testing

@testable import KubeSim

struct KubeletNodeTests {
  @Test func registersNodeWithUpstreamStatus() throws {
    let h = KubeletHarness()
    let node = try #require(h.node("node-1"))
    #expect(node.metadata.labels?["kubernetes.io/hostname"] == "node-1")
    #expect(node.spec.podCIDR == "10.244.1.0/24")
    #expect(node.status.capacity["pods"] == Quantity("110"))
    #expect(node.status.capacity["cpu"] == Quantity("4"))
    #expect(node.status.allocatable["memory"] == Quantity("8092Mi"))
    let conditions = node.status.conditions.map { "\($0.type)=\($0.status) \($0.reason): \($0.message)" }
    #expect(
      conditions == [
        "MemoryPressure=False KubeletHasSufficientMemory: kubelet has sufficient memory available",
        "DiskPressure=False KubeletHasNoDiskPressure: kubelet has no disk pressure",
        "PIDPressure=False KubeletHasSufficientPID: kubelet has sufficient PID available",
        "Ready=True KubeletReady: kubelet is posting ready status",
      ])
    #expect(node.status.addresses.map(\.address) == ["192.168.56.11", "node-1"])
    #expect(node.status.nodeInfo.kubeletVersion == "v1.32.0")
    #expect(node.status.nodeInfo.containerRuntimeVersion == "containerd://1.7.24")
    #expect(node.status.nodeInfo.osImage == "Ubuntu 24.04.1 LTS")
    #expect(node.status.daemonEndpoints.kubeletEndpoint.port == 10250)
    #expect(node.status.images.contains { $0.names.contains("registry.k8s.io/pause:3.10") })
    let cp = try #require(h.node("control-plane"))
    #expect(cp.spec.taints.map(\.description) == ["node-role.kubernetes.io/control-plane:NoSchedule"])
  }

  @Test func renewsLeaseEveryTenSeconds() throws {
    let h = KubeletHarness()
    let lease = try #require(h.lease("node-1"))
    #expect(lease.spec.holderIdentity == "node-1")
    #expect(lease.spec.leaseDurationSeconds == 40)
    #expect(lease.metadata.ownerReferences?.first?.kind == "Node")
    var renewals: [Int64] = []
    var last = lease.spec.renewTime
    for _ in 0..<35 {
      h.ticks(1)
      let t = h.lease("node-1")?.spec.renewTime
      if t != last {
        renewals.append(h.now)
        last = t
      }
    }
    #expect(renewals.count == 3 || renewals.count == 4)
    let gaps = zip(renewals.dropFirst(), renewals).map { $0 - $1 }
    #expect(gaps.allSatisfy { $0 == 10 })
    // Renewals are PUTs from kubelet@node-1 in the report phase.
    let puts = h.messages.filter { $0.from == .kubelet("node-1") && $0.verb == "PUT" && $0.object == "leases/node-1" }
    #expect(puts.count == renewals.count)
    #expect(puts.allSatisfy { $0.phase == .report })
  }

  @Test func staticPodsHaveMirrorPods() throws {
    let h = KubeletHarness()
    let api = try #require(h.get("kube-apiserver-control-plane", namespace: "kube-system"))
    #expect(api.metadata.annotations?["kubernetes.io/config.mirror"] != nil)
    #expect(api.metadata.ownerReferences?.first?.kind == "Node")
    #expect(api.metadata.labels?["component"] == "kube-apiserver")
    #expect(api.status.phase == "Running")
    #expect(api.status.podIP == "192.168.56.10")
    for name in ["etcd", "kube-controller-manager", "kube-scheduler"] {
      #expect(h.get("\(name)-control-plane", namespace: "kube-system")?.status.phase == "Running")
    }
  }

  @Test func nodeStatusIsPostedWhenChangedOrEveryFiveMinutes() throws {
    let h = KubeletHarness()
    let mark = h.cluster.context.log.nextSeq
    h.ticks(620)
    let patches = h.cluster.context.log.since(seq: mark).filter {
      $0.from == .kubelet("node-1") && $0.verb == "PATCH" && $0.object == "nodes/node-1/status"
    }
    #expect(patches.count == 2)
    #expect(patches.count == 2 && patches[1].tick - patches[0].tick == 300)
    let node = try #require(h.node("node-1"))
    // The heartbeat moves with each post; the transition stays at registration.
    let ready = try #require(node.condition("Ready"))
    #expect(ready.lastHeartbeatTime != ready.lastTransitionTime)
  }

  @Test func disconnectedNodeKeepsRunningButCannotBeReached() throws {
    let h = KubeletHarness()
    h.run(
      yaml: """
        apiVersion: v1
        kind: Pod
        metadata:
          name: web
        spec:
          containers:
          - name: web
            image: nginx:1.14.2
        """)
    try #require(h.until { h.get("web")?.isReady == true } != nil)
    let renewed = h.lease("node-1")?.spec.renewTime
    h.cluster.setDisconnected("node-1", true)
    if case .failure(let e) = h.logs("web") {
      #expect(e.message.contains("dial tcp 192.168.56.11:10250: connect: connection refused"))
    } else {
      Issue.record("logs should fail while the node is cut off")
    }
    // Force-delete the pod while the node cannot hear about it.
    var o = RequestOptions()
    o.gracePeriodSeconds = 0
    _ = h.cluster.kubectl.perform(APIRequest(.delete, Pod.resource, namespace: "default", name: "web", options: o))
    h.ticks(25)
    #expect(h.lease("node-1")?.spec.renewTime == renewed)
    let rt = h.cluster.node("node-1")!.runtime
    #expect(rt.allContainers.contains { $0.config.metadata.name == "web" && $0.state == .running })
    h.cluster.setDisconnected("node-1", false)
    h.ticks(12)
    #expect(h.lease("node-1")?.spec.renewTime != renewed)
    // The relist shows the pod gone: its containers are stopped and removed.
    #expect(!rt.allContainers.contains { $0.config.metadata.name == "web" })
  }

  @Test func summaryReportsUsageForTop() throws {
    let h = KubeletHarness()
    h.run(
      yaml: """
        apiVersion: v1
        kind: Pod
        metadata:
          name: cpu-demo
        spec:
          containers:
          - name: cpu-demo-ctr
            image: vish/stress
            resources:
              limits:
                cpu: "1"
              requests:
                cpu: "0.5"
            args:
            - -cpus
            - "2"
        """)
    try #require(h.until { h.get("cpu-demo")?.status.phase == "Running" } != nil)
    let summary = h.cluster.node("node-1")!.kubelet.summary()
    let pod = try #require(summary.pods.first { $0.name == "cpu-demo" })
    #expect(pod.cpuMilli == 975)
    // The node is its system's own 25m plus every pod on it, kubeadm's CoreDNS and kube-proxy too.
    let system = summary.pods.filter { $0.namespace == "kube-system" }.map(\.name).sorted()
    #expect(system.count == 3)
    #expect(system.filter { $0.hasPrefix("coredns-") }.count == 2)
    #expect(system.filter { $0.hasPrefix("kube-proxy-") }.count == 1)
    #expect(summary.pods.allSatisfy { $0.cpuMilli > 0 })
    #expect(summary.cpuMilli == 25 + 975 + summary.pods.filter { $0.name != "cpu-demo" }.reduce(0) { $0 + $1.cpuMilli })
    #expect(h.messages.contains { $0.verb == "ListContainerStats" })
  }
}
