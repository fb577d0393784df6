import Testing

@testable import KubeSim

struct ControllerEndpointsTests {
  func service(_ name: String, publishNotReady: Bool = false) -> Service {
    var svc = Service(metadata: ObjectMeta(name: name, namespace: "default", labels: ["app": name]))
    svc.spec = ServiceSpec(
      type: "ClusterIP", selector: ["app": name],
      ports: [ServicePort(name: "web", protocol: "TCP", port: 80, targetPort: .string("http"))])
    if publishNotReady { svc.spec.publishNotReadyAddresses = true }
    return svc
  }

  @Test func readyAndNotReadyAddresses() throws {
    let (_, fake) = testCluster()
    fake.create(deployment("web", replicas: 3))
    fake.create(service("web"))
    #expect(fake.tick(until: { fake.pods(labels: ["app": "web"]).filter(\.isReady).count == 3 }, limit: 15))
    fake.tick(3)
    let ep = try #require(fake.get(Endpoints.self, "default", "web"))
    #expect(ep.subsets.count == 1)
    let subset = try #require(ep.subsets.first)
    #expect(subset.ports == [EndpointPort(name: "web", port: 80, protocol: "TCP")])
    let pods = fake.pods(labels: ["app": "web"])
    #expect(subset.addresses.map(\.ip) == pods.map(\.status.podIP).sorted())
    for a in subset.addresses {
      let pod = try #require(pods.first { $0.status.podIP == a.ip })
      #expect(a.nodeName == pod.spec.nodeName)
      #expect(
        a.targetRef
          == ObjectReference(kind: "Pod", namespace: "default", name: pod.metadata.name, uid: pod.metadata.uid))
    }
    #expect(ep.metadata.labels?["app"] == "web")
    #expect(ep.metadata.annotations?["endpoints.kubernetes.io/last-change-trigger-time"] != nil)

    // One pod stops being ready: it moves to notReadyAddresses, and its slice endpoint says so.
    let victim = pods[0]
    fake.podsBecomeReady = false
    fake.setReady(victim, false)
    fake.tick(3)
    let ep2 = try #require(fake.get(Endpoints.self, "default", "web"))
    #expect(ep2.subsets.first?.addresses.count == 2)
    #expect(ep2.subsets.first?.notReadyAddresses.map(\.ip) == [victim.status.podIP])

    let slices = (fake.list(EndpointSlice.resource, namespace: "default") as [EndpointSlice]).filter {
      $0.metadata.labels?["kubernetes.io/service-name"] == "web"
    }
    #expect(slices.count == 1)
    let slice = try #require(slices.first)
    #expect(slice.metadata.generateName == "web-")
    #expect(slice.metadata.labels?["endpointslice.kubernetes.io/managed-by"] == "endpointslice-controller.k8s.io")
    #expect(slice.metadata.ownerReferences?.first?.kind == "Service")
    #expect(slice.metadata.ownerReferences?.first?.controller == true)
    #expect(slice.addressType == "IPv4")
    #expect(slice.ports == [EndpointSlicePort(name: "web", protocol: "TCP", port: 80)])
    #expect(slice.endpoints.count == 3)
    let e = try #require(slice.endpoints.first { $0.addresses == [victim.status.podIP] })
    #expect(e.conditions == EndpointConditions(ready: false, serving: false, terminating: false))
    #expect(e.nodeName == victim.spec.nodeName)
    #expect(e.targetRef?.name == victim.metadata.name)
    #expect(slice.endpoints.filter { $0.conditions.ready == true }.count == 2)
  }

  @Test func noWriteWhenNothingChanged() throws {
    let (cluster, fake) = testCluster()
    fake.create(deployment("web", replicas: 2))
    fake.create(service("web"))
    fake.tick(10)
    let start = cluster.context.log.nextSeq
    fake.tick(5)
    let writes = cluster.context.log.since(seq: start).filter {
      $0.from == .controllerManager && ($0.object.hasPrefix("endpoints") || $0.object.hasPrefix("endpointslices"))
    }
    #expect(writes.isEmpty)
  }

  @Test func terminatingPodsAndPublishNotReady() throws {
    let (_, fake) = testCluster()
    fake.create(deployment("web", replicas: 1))
    fake.create(service("web", publishNotReady: true))
    fake.tick(6)
    let pod = try #require(fake.pods(labels: ["app": "web"]).first)
    // The node's kubelet is gone: the pod stays terminating.
    fake.down.insert(pod.spec.nodeName)
    fake.delete(Pod.resource, "default", pod.metadata.name)
    fake.tick(3)
    let slice = try #require(
      (fake.list(EndpointSlice.resource, namespace: "default") as [EndpointSlice]).first {
        $0.metadata.labels?["kubernetes.io/service-name"] == "web"
      })
    let e = try #require(slice.endpoints.first { $0.targetRef?.name == pod.metadata.name })
    #expect(e.conditions == EndpointConditions(ready: true, serving: true, terminating: true))
    let ep = try #require(fake.get(Endpoints.self, "default", "web"))
    #expect(ep.subsets.flatMap(\.addresses).contains { $0.targetRef?.name == pod.metadata.name })
  }

  @Test func kubernetesServiceEndpoints() throws {
    let (_, fake) = testCluster()
    fake.tick(2)
    let ep = try #require(fake.get(Endpoints.self, "default", "kubernetes"))
    #expect(
      ep.subsets == [
        EndpointSubset(
          addresses: [EndpointAddress(ip: "192.168.56.10")],
          ports: [EndpointPort(name: "https", port: 6443, protocol: "TCP")])
      ])
    let slice = try #require(fake.get(EndpointSlice.self, "default", "kubernetes"))
    #expect(slice.endpoints.map(\.addresses) == [["192.168.56.10"]])
    #expect(slice.ports == [EndpointSlicePort(name: "https", protocol: "TCP", port: 6443)])
  }

  @Test func manyPodsSpreadOverSlicesOfAHundred() throws {
    let (_, fake) = testCluster(workers: 3)
    fake.create(deployment("big", replicas: 230))
    fake.create(service("big"))
    #expect(
      fake.tick(
        until: {
          let slices = (fake.list(EndpointSlice.resource, namespace: "default") as [EndpointSlice]).filter {
            $0.metadata.labels?["kubernetes.io/service-name"] == "big"
          }
          return slices.reduce(0) { $0 + $1.endpoints.count } == 230
        }, limit: 30))
    let counts = (fake.list(EndpointSlice.resource, namespace: "default") as [EndpointSlice]).filter {
      $0.metadata.labels?["kubernetes.io/service-name"] == "big"
    }.map(\.endpoints.count).sorted()
    #expect(counts.allSatisfy { $0 <= 100 })
    #expect(counts.count == 3)
  }
}
