import Testing

@testable import KubeSim

struct ControllerRestartTests {
  @Test func restartRebuildsFromListAndWatch() throws {
    let (cluster, fake) = testCluster()
    fake.create(deployment("web", replicas: 3))
    #expect(fake.tick(until: { fake.pods(labels: ["app": "web"]).filter(\.isReady).count == 3 }, limit: 15))
    fake.tick(3)
    let podsBefore = Set(fake.pods(labels: ["app": "web"]).map(\.metadata.name))
    let rsBefore = (fake.list(ReplicaSet.resource, namespace: "default") as [ReplicaSet]).map(\.metadata.name)

    cluster.restartControllerManager()
    fake.tick(5)
    // Nothing was lost or duplicated.
    #expect(Set(fake.pods(labels: ["app": "web"]).map(\.metadata.name)) == podsBefore)
    #expect((fake.list(ReplicaSet.resource, namespace: "default") as [ReplicaSet]).map(\.metadata.name) == rsBefore)
    let managers = cluster.controllerManager.controllers.map(\.name)
    #expect(managers.contains("deployment-controller") && managers.count == 14)

    // And it works: a scale and a rollout go through.
    fake.patch(Deployment.resource, "default", "web", ["spec": ["replicas": 4]])
    #expect(fake.tick(until: { fake.pods(labels: ["app": "web"]).filter(\.isReady).count == 4 }, limit: 10))
    cluster.controllerManager.stop()
    fake.patch(Deployment.resource, "default", "web", ["spec": ["replicas": 1]])
    fake.tick(5)
    #expect(fake.pods(labels: ["app": "web"]).filter { !$0.isTerminating }.count == 4)
    cluster.controllerManager.start()
    #expect(fake.tick(until: { fake.pods(labels: ["app": "web"]).count == 1 }, limit: 10))
  }

  @Test func sameSeedSameMessages() throws {
    func run() -> [String] {
      let (cluster, fake) = testCluster()
      fake.create(deployment("web", replicas: 3))
      fake.tick(10)
      return cluster.context.log.recent.map(\.line)
    }
    #expect(run() == run())
  }
}
