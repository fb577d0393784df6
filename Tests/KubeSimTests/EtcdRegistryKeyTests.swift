import Testing

@testable import KubeSim

@Suite struct EtcdRegistryKeyTests {
  static let pods = ResourceType(kind: "Pod", plural: "pods")
  static let nodes = ResourceType(kind: "Node", plural: "nodes", namespaced: false, etcdPrefix: "minions")
  static let services = ResourceType(kind: "Service", plural: "services", etcdPrefix: "services/specs")

  @Test func keysAndPrefixes() {
    #expect(RegistryKey(Self.pods, namespace: "default", name: "web").path == "/registry/pods/default/web")
    #expect(RegistryKey(Self.nodes, namespace: "ignored", name: "node-1").path == "/registry/minions/node-1")
    #expect(
      RegistryKey(Self.services, namespace: "default", name: "kubernetes").path
        == "/registry/services/specs/default/kubernetes")
    #expect(RegistryKey.prefix(for: Self.pods) == "/registry/pods/")
    #expect(RegistryKey.prefix(for: Self.pods, namespace: "kube-system") == "/registry/pods/kube-system/")
    #expect(RegistryKey.prefix(for: Self.nodes, namespace: "x") == "/registry/minions/")
    #expect(RegistryKey.prefix("leases", namespace: "kube-node-lease") == "/registry/leases/kube-node-lease/")
  }

  @Test(arguments: [
    ("/registry/pods/default/web", "pods", "default", "web"),
    ("/registry/minions/node-1", "minions", "", "node-1"),
    ("/registry/namespaces/default", "namespaces", "", "default"),
    ("/registry/services/specs/default/kubernetes", "services/specs", "default", "kubernetes"),
    ("/registry/services/endpoints/default/kubernetes", "services/endpoints", "default", "kubernetes"),
    ("/registry/leases/kube-node-lease/node-1", "leases", "kube-node-lease", "node-1"),
    ("/registry/stable.example.com/crontabs/default/cron", "stable.example.com/crontabs", "default", "cron"),
    ("/registry/apiregistration.k8s.io/apiservices/v1.apps", "apiregistration.k8s.io/apiservices", "", "v1.apps"),
  ])
  func parsesAnyKey(key: String, prefix: String, namespace: String, name: String) throws {
    let parsed = try #require(RegistryKey(parsing: key))
    #expect(parsed.resourcePrefix == prefix)
    #expect(parsed.namespace == namespace)
    #expect(parsed.name == name)
    #expect(parsed.path == key)
  }

  @Test(arguments: ["/other/pods/a", "/registry/pods", "/registry/pods/a/b/c", "/registry/pods//a", "/registry/"])
  func rejectsOtherShapes(key: String) {
    #expect(RegistryKey(parsing: key) == nil)
  }

  @Test func parsesWithAKnownResource() {
    #expect(RegistryKey(parsing: "/registry/pods/default/web", resource: Self.pods)?.name == "web")
    #expect(RegistryKey(parsing: "/registry/pods/web", resource: Self.pods) == nil)
    #expect(RegistryKey(parsing: "/registry/minions/node-1", resource: Self.nodes)?.name == "node-1")
    #expect(RegistryKey(parsing: "/registry/minions/a/b", resource: Self.nodes) == nil)
    #expect(RegistryKey(parsing: "/registry/podtemplates/default/t", resource: Self.pods) == nil)
  }
}
