// PodResourcesTests: PodRequests/PodLimits aggregation and the QoS class, per upstream's helpers.

import Testing

@testable import KubeSim

@Suite struct PodResourcesTests {
  static func container(_ name: String, requests: ResourceList = [:], limits: ResourceList = [:], sidecar: Bool = false)
    -> Container
  {
    var c = Container(name: name, image: "busybox", resources: ResourceRequirements(limits: limits, requests: requests))
    if sidecar { c.restartPolicy = "Always" }
    return c
  }

  @Test func appContainersAreSummedAndInitContainersRaiseTheMaximum() {
    var spec = PodSpec(containers: [
      Self.container("a", requests: ["cpu": "100m", "memory": "64Mi"]),
      Self.container("b", requests: ["cpu": "200m"]),
    ])
    spec.initContainers = [Self.container("init", requests: ["cpu": "500m", "memory": "32Mi"])]
    let pod = Pod(spec: spec)
    #expect(pod.requests() == ["cpu": "500m", "memory": "64Mi"])
  }

  @Test func sidecarsAddToTheSumAndToLaterInitSteps() {
    // Upstream's example: sidecar 1 cpu, then an init container of 2 cpu needs 1+2 = 3 while it
    // runs; the app container (1 cpu) runs beside the sidecar: 1+1 = 2. The pod needs max(3, 2) = 3.
    var spec = PodSpec(containers: [Self.container("app", requests: ["cpu": "1"])])
    spec.initContainers = [
      Self.container("sidecar", requests: ["cpu": "1"], sidecar: true),
      Self.container("init", requests: ["cpu": "2"]),
    ]
    #expect(Pod(spec: spec).requests()["cpu"] == Quantity("3"))
    spec.initContainers[1].resources.requests["cpu"] = "500m"
    #expect(Pod(spec: spec).requests()["cpu"] == Quantity("2"))
  }

  @Test func overheadIsAddedUnlessExcluded() {
    var spec = PodSpec(containers: [Self.container("a", requests: ["cpu": "100m"], limits: ["cpu": "200m"])])
    spec.overhead = ["cpu": "10m", "memory": "5Mi"]
    let pod = Pod(spec: spec)
    #expect(pod.requests() == ["cpu": "110m", "memory": "5Mi"])
    #expect(pod.requests(PodResourcesOptions(excludeOverhead: true)) == ["cpu": "100m"])
    // Limits get overhead only where a limit exists.
    #expect(pod.limits() == ["cpu": "210m"])
  }

  @Test func nonMissingRequestsFillInForContainersThatRequestNothing() {
    let pod = Pod(spec: PodSpec(containers: [Self.container("a"), Self.container("b", requests: ["cpu": "1"])]))
    let opts = PodResourcesOptions(nonMissingContainerRequests: ["cpu": "100m", "memory": "200Mi"])
    #expect(pod.requests(opts) == ["cpu": "1100m", "memory": "400Mi"])
  }

  @Test(arguments: [
    ([Self.container("a")], "BestEffort"),
    ([Self.container("a", requests: ["cpu": "0"])], "BestEffort"),
    (
      [Self.container("a", requests: ["cpu": "700m", "memory": "200Mi"], limits: ["cpu": "700m", "memory": "200Mi"])],
      "Guaranteed"
    ),
    (
      [Self.container("a", requests: ["cpu": "0.7", "memory": "200Mi"], limits: ["cpu": "700m", "memory": "200Mi"])],
      "Guaranteed"
    ),
    ([Self.container("a", limits: ["cpu": "1", "memory": "1Gi"])], "Burstable"),  // before defaulting copies limits
    ([Self.container("a", requests: ["memory": "100Mi"], limits: ["memory": "200Mi"])], "Burstable"),
    (
      [
        Self.container("a", requests: ["cpu": "1", "memory": "1Gi"], limits: ["cpu": "1", "memory": "1Gi"]),
        Self.container("b"),
      ], "Burstable"
    ),
    ([Self.container("a", requests: ["ephemeral-storage": "1Gi"])], "BestEffort"),
  ])
  func qosClass(containers: [Container], expected: String) {
    #expect(Pod(spec: PodSpec(containers: containers)).qosClass == expected)
  }

  @Test func defaultingRequestsFromLimitsMakesAPodGuaranteed() {
    var pod = Pod(spec: PodSpec(containers: [Self.container("a", limits: ["cpu": "1", "memory": "1Gi"])]))
    Defaulting.apply(to: &pod)
    #expect(pod.spec.containers[0].resources.requests == ["cpu": "1", "memory": "1Gi"])
    #expect(pod.qosClass == PodQOSClass.guaranteed)
    // prepareForCreate defaults first, so an undefaulted pod gets the same class.
    let raw = Pod(spec: PodSpec(containers: [Self.container("a", limits: ["cpu": "1", "memory": "1Gi"])]))
    #expect((Defaulting.prepareForCreate(raw) as! Pod).status.qosClass == PodQOSClass.guaranteed)
  }
}
