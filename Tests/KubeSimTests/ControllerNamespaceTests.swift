import Testing

@testable import KubeSim

struct ControllerNamespaceTests {
  @Test func newNamespaceGetsDefaultAccountAndRootCA() throws {
    let (_, fake) = testCluster()
    fake.create(Namespace(name: "team"))
    fake.tick(2)
    #expect(fake.get(ServiceAccount.self, "team", "default") != nil)
    let cm = try #require(fake.get(ConfigMap.self, "team", "kube-root-ca.crt"))
    #expect(cm.data["ca.crt"]?.hasPrefix("-----BEGIN CERTIFICATE-----\n") == true)
    #expect(cm.metadata.annotations?["kubernetes.io/description"]?.hasPrefix("Contains a CA bundle") == true)
    // Deleted: put back.
    fake.delete(ServiceAccount.resource, "team", "default")
    fake.tick(2)
    #expect(fake.get(ServiceAccount.self, "team", "default") != nil)
    for ns in ["default", "kube-system", "kube-public", "kube-node-lease"] {
      #expect(fake.get(ServiceAccount.self, ns, "default") != nil)
    }
  }

  @Test func podsInANewNamespaceWaitForTheDefaultAccount() throws {
    let (_, fake) = testCluster()
    fake.create(Namespace(name: "team"))
    fake.create(deployment("web", replicas: 1, namespace: "team"))
    #expect(fake.tick(until: { fake.pods("team").count == 1 }, limit: 10))
  }

  @Test func deletionEmptiesTheNamespaceThenFinalizes() throws {
    let (_, fake) = testCluster()
    fake.create(Namespace(name: "team"))
    fake.tick(2)
    fake.create(deployment("web", replicas: 2, namespace: "team"))
    fake.create(ConfigMap(metadata: ObjectMeta(name: "settings", namespace: "team"), data: ["a": "b"]))
    #expect(fake.tick(until: { fake.pods("team").filter(\.isReady).count == 2 }, limit: 15))
    fake.down = ["node-1", "node-2"]
    fake.delete(Namespace.resource, "", "team")
    fake.tick(4)
    let ns = try #require(fake.get(Namespace.self, "", "team"))
    #expect(ns.status.phase == "Terminating")
    #expect(fake.get(ConfigMap.self, "team", "settings") == nil)
    #expect(ns.status.conditions.map(\.type) == NamespaceController.conditionTypes)
    let remaining = try #require(ns.status.conditions.first { $0.type == "NamespaceContentRemaining" })
    #expect(remaining.status == "True" && remaining.reason == "SomeResourcesRemain")
    #expect(remaining.message == "Some resources are remaining: pods. has 2 resource instances")
    #expect(
      ns.status.conditions.first { $0.type == "NamespaceDeletionDiscoveryFailure" }?.message
        == "All resources successfully discovered")
    #expect(ns.spec.finalizers == ["kubernetes"])
    fake.down = []
    #expect(fake.tick(until: { fake.get(Namespace.self, "", "team") == nil }, limit: 40))
  }
}
