import Testing

@testable import KubeSim

struct APIServerSmokeTests {
  @Test func createGetAndConflict() throws {
    let cluster = Cluster(options: ClusterOptions())
    _ = cluster.kubectl.perform(
      APIRequest(
        .create, ServiceAccount.resource, namespace: "default",
        body: .object(ServiceAccount(metadata: ObjectMeta(name: "default", namespace: "default")))))
    var pod = Pod(metadata: ObjectMeta(name: "web", namespace: "default"))
    pod.spec.containers = [Container(name: "web", image: "nginx:1.14.2")]
    let created = cluster.kubectl.perform(APIRequest(.create, Pod.resource, namespace: "default", body: .object(pod)))
    guard case .success(.object(let stored)) = created else {
      Issue.record("create failed: \(created)")
      return
    }
    #expect(!stored.metadata.uid.isEmpty)
    let again = cluster.kubectl.perform(APIRequest(.create, Pod.resource, namespace: "default", body: .object(pod)))
    guard case .failure(let e) = again else {
      Issue.record("expected AlreadyExists")
      return
    }
    #expect(e.description == #"Error from server (AlreadyExists): pods "web" already exists"#)
    let missing = cluster.kubectl.perform(APIRequest(.get, Pod.resource, namespace: "default", name: "nope"))
    if case .failure(let e) = missing {
      #expect(e.description == #"Error from server (NotFound): pods "nope" not found"#)
    } else {
      Issue.record("expected NotFound")
    }
    print(cluster.etcdctl(["get", "/registry/pods/default/web", "--keys-only"]).output)
    for m in cluster.context.log.recent { print(m.line) }
  }
}
