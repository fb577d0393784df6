import Testing

@testable import KubeSim

struct ControllerDaemonSetTests {
  /// End to end: kubeadm's kube-proxy DaemonSet, its pods run by the real kubelets.
  @Test func kubeProxyRunsOnEveryNodeIncludingTheControlPlane() throws {
    let (_, fake) = realCluster()
    #expect(
      fake.tick(
        until: { fake.pods("kube-system", labels: ["k8s-app": "kube-proxy"]).filter(\.isReady).count == 3 },
        limit: 10))
    let pods = fake.pods("kube-system", labels: ["k8s-app": "kube-proxy"])
    #expect(Set(pods.map(\.spec.nodeName)) == ["control-plane", "node-1", "node-2"])
    for p in pods {
      #expect(p.metadata.generateName == "kube-proxy-")
      let term = try #require(
        p.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms.first)
      #expect(
        term.matchFields == [NodeSelectorRequirement(key: "metadata.name", operator: "In", values: [p.spec.nodeName])])
      #expect(p.metadata.labels?["controller-revision-hash"] != nil)
      #expect(p.metadata.labels?["pod-template-generation"] == "1")
      let keys = Set(p.spec.tolerations.map { "\($0.key):\($0.effect)" })
      #expect(
        keys.isSuperset(of: [
          "node.kubernetes.io/not-ready:NoExecute", "node.kubernetes.io/unreachable:NoExecute",
          "node.kubernetes.io/disk-pressure:NoSchedule", "node.kubernetes.io/memory-pressure:NoSchedule",
          "node.kubernetes.io/pid-pressure:NoSchedule", "node.kubernetes.io/unschedulable:NoSchedule",
          "node.kubernetes.io/network-unavailable:NoSchedule",
        ]))
      #expect(p.spec.tolerations.first { $0.key == "node.kubernetes.io/not-ready" }?.tolerationSeconds == nil)
    }
    fake.tick(2)
    let ds = try #require(fake.get(DaemonSet.self, "kube-system", "kube-proxy"))
    #expect(ds.status.desiredNumberScheduled == 3)
    #expect(ds.status.currentNumberScheduled == 3)
    #expect(ds.status.numberReady == 3)
    #expect(ds.status.numberAvailable == 3)
    #expect(ds.status.updatedNumberScheduled == 3)
    #expect(ds.status.numberMisscheduled == 0)
    #expect(ds.status.numberUnavailable == nil)
    #expect(ds.status.observedGeneration == 1)
  }

  @Test func skipsTaintedControlPlaneWithoutToleration() throws {
    let (_, fake) = testCluster()
    var ds = DaemonSet(metadata: ObjectMeta(name: "agent", namespace: "default"))
    ds.spec = DaemonSetSpec(selector: LabelSelector(matchLabels: ["app": "agent"]), template: template(app: "agent"))
    fake.create(ds)
    fake.tick(6)
    let pods = fake.pods(labels: ["app": "agent"])
    #expect(Set(pods.map(\.spec.nodeName)) == ["node-1", "node-2"])
    #expect(fake.get(DaemonSet.self, "default", "agent")?.status.desiredNumberScheduled == 2)
    // A nodeSelector narrows it further; the pod on the other node goes.
    fake.patch(
      DaemonSet.resource, "default", "agent",
      ["spec": ["template": ["spec": ["nodeSelector": ["kubernetes.io/hostname": "node-2"]]]]])
    fake.tick(8)
    #expect(fake.pods(labels: ["app": "agent"]).filter { !$0.isTerminating }.map(\.spec.nodeName) == ["node-2"])
  }

  /// End to end: each new pod must really start (pull nginx:1.16.1) before the next node's goes.
  @Test func rollingUpdateReplacesOneNodeAtATime() throws {
    let (_, fake) = realCluster(workers: 4)
    var ds = DaemonSet(metadata: ObjectMeta(name: "agent", namespace: "default"))
    ds.spec = DaemonSetSpec(selector: LabelSelector(matchLabels: ["app": "agent"]), template: template(app: "agent"))
    fake.create(ds)
    #expect(fake.tick(until: { fake.pods(labels: ["app": "agent"]).filter(\.isReady).count == 4 }, limit: 10))
    fake.patch(
      DaemonSet.resource, "default", "agent",
      ["spec": ["template": ["spec": ["containers": [["name": "nginx", "image": "nginx:1.16.1"]]]]]])
    var ticks = 0
    while ticks < 60 {
      fake.tick()
      ticks += 1
      let pods = fake.pods(labels: ["app": "agent"])
      #expect(pods.filter { $0.isReady && !$0.isTerminating }.count >= 3, "tick \(ticks)")
      if pods.count == 4 && pods.allSatisfy({ $0.spec.containers[0].image == "nginx:1.16.1" && $0.isReady }) { break }
    }
    #expect(ticks < 60, "took \(ticks) ticks")
  }
}
