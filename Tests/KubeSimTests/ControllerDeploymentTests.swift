import Testing

@testable import KubeSim

struct ControllerDeploymentTests {
  func replicaSets(_ fake: ClusterDriver, of name: String) -> [ReplicaSet] {
    (fake.list(ReplicaSet.resource, namespace: "default") as [ReplicaSet]).filter {
      $0.metadata.controllerRef?.name == name
    }.sorted { DeploymentUtil.revision($0) < DeploymentUtil.revision($1) }
  }

  func setImage(_ fake: ClusterDriver, _ name: String, _ image: String) {
    fake.patch(
      Deployment.resource, "default", name,
      ["spec": ["template": ["spec": ["containers": [["name": "nginx", "image": .string(image)]]]]]])
  }

  func settled(_ fake: ClusterDriver, _ name: String, replicas: Int32) -> Bool {
    guard let d = fake.get(Deployment.self, "default", name) else { return false }
    return d.status.updatedReplicas == replicas && d.status.availableReplicas == replicas
      && d.status.replicas == replicas && d.status.observedGeneration == d.metadata.generation
  }

  /// End to end: the Deployment becomes Available through pods the real scheduler binds and the
  /// real kubelets run (pulling nginx first).
  @Test func createsReplicaSetNamedByTemplateHash() throws {
    let (_, fake) = realCluster()
    var d = deployment("nginx", replicas: 3)
    d.metadata.annotations = ["kubernetes.io/change-cause": "first"]
    fake.create(d)
    #expect(fake.tick(until: { settled(fake, "nginx", replicas: 3) }, limit: 30))
    let rs = try #require(replicaSets(fake, of: "nginx").first)
    let hash = try #require(rs.metadata.labels?["pod-template-hash"])
    #expect(rs.metadata.name == "nginx-\(hash)")
    #expect(hash.count == 10 || hash.count == 9 || hash.count == 8)
    #expect(hash.allSatisfy { "bcdfghjklmnpqrstvwxz2456789".contains($0) })
    #expect(rs.spec.selector?.matchLabels?["pod-template-hash"] == hash)
    #expect(rs.spec.template.metadata.labels?["pod-template-hash"] == hash)
    #expect(rs.metadata.annotations?["deployment.kubernetes.io/revision"] == "1")
    #expect(rs.metadata.annotations?["deployment.kubernetes.io/desired-replicas"] == "3")
    #expect(rs.metadata.annotations?["deployment.kubernetes.io/max-replicas"] == "4")
    #expect(rs.metadata.annotations?["kubernetes.io/change-cause"] == "first")
    #expect(rs.metadata.controllerRef?.kind == "Deployment")
    fake.tick(2)
    let dep = try #require(fake.get(Deployment.self, "default", "nginx"))
    #expect(dep.metadata.annotations?["deployment.kubernetes.io/revision"] == "1")
    let available = try #require(dep.condition("Available"))
    #expect(available.status == "True" && available.reason == "MinimumReplicasAvailable")
    #expect(available.message == "Deployment has minimum availability.")
    let progressing = try #require(dep.condition("Progressing"))
    #expect(progressing.status == "True" && progressing.reason == "NewReplicaSetAvailable")
    #expect(progressing.message == "ReplicaSet \"\(rs.metadata.name)\" has successfully progressed.")
    #expect(
      fake.eventMessages(reason: "ScalingReplicaSet", involving: "nginx")
        == ["Scaled up replica set \(rs.metadata.name) from 0 to 3"])
  }

  @Test(arguments: [(Int32(4), "25%", "25%"), (Int32(5), "1", "0"), (Int32(3), "0", "1")])
  func rollingUpdateStaysWithinBounds(replicas: Int32, surge: String, unavailable: String) throws {
    let (_, fake) = testCluster()
    var d = deployment("nginx", replicas: replicas)
    func value(_ s: String) -> IntOrString { s.hasSuffix("%") ? .string(s) : .int(Int(s)!) }
    d.spec.strategy = DeploymentStrategy(
      type: "RollingUpdate",
      rollingUpdate: RollingUpdateDeployment(maxUnavailable: value(unavailable), maxSurge: value(surge)))
    fake.create(d)
    #expect(fake.tick(until: { settled(fake, "nginx", replicas: replicas) }, limit: 15))
    let created = try #require(fake.get(Deployment.self, "default", "nginx"))
    let maxSurge = DeploymentUtil.maxSurge(created)
    let maxUnavailable = DeploymentUtil.maxUnavailable(created)
    setImage(fake, "nginx", "nginx:1.16.1")
    var ticks = 0
    while !settled(fake, "nginx", replicas: replicas) || replicaSets(fake, of: "nginx").count < 2 {
      fake.tick()
      ticks += 1
      let pods = fake.pods(labels: ["app": "nginx"]).filter { !$0.isTerminating }
      #expect(pods.count <= Int(replicas + maxSurge), "tick \(ticks): \(pods.count) pods")
      #expect(pods.filter(\.isReady).count >= Int(replicas - maxUnavailable), "tick \(ticks)")
      if ticks > 60 { break }
    }
    #expect(ticks <= 60)
    let sets = replicaSets(fake, of: "nginx")
    #expect(sets.count == 2)
    #expect(sets.map { $0.spec.replicas ?? -1 } == [0, replicas])
    #expect(sets.map { $0.metadata.annotations?["deployment.kubernetes.io/revision"] } == ["1", "2"])
    #expect(sets[1].spec.template.spec.containers[0].image == "nginx:1.16.1")
    let images = fake.pods(labels: ["app": "nginx"]).filter { !$0.isTerminating }.map { $0.spec.containers[0].image }
    #expect(images == Array(repeating: "nginx:1.16.1", count: Int(replicas)))
    fake.tick(2)
    let messages = fake.eventMessages(reason: "ScalingReplicaSet", involving: "nginx")
    #expect(
      messages.contains {
        $0.hasPrefix("Scaled down replica set \(sets[0].metadata.name) from") && $0.hasSuffix(" to 0")
      })
    #expect(
      messages.contains {
        $0.hasPrefix("Scaled up replica set \(sets[1].metadata.name) from") && $0.hasSuffix(" to \(replicas)")
      })
  }

  @Test func recreateNeverRunsOldAndNewTogether() throws {
    let (_, fake) = testCluster()
    var d = deployment("nginx", replicas: 3)
    d.spec.strategy = DeploymentStrategy(type: "Recreate")
    fake.create(d)
    #expect(fake.tick(until: { settled(fake, "nginx", replicas: 3) }, limit: 15))
    setImage(fake, "nginx", "nginx:1.16.1")
    for _ in 0..<20 {
      fake.tick()
      let images = Set(fake.pods(labels: ["app": "nginx"]).map { $0.spec.containers[0].image })
      #expect(images.count <= 1)
    }
    #expect(settled(fake, "nginx", replicas: 3))
    let sets = replicaSets(fake, of: "nginx")
    #expect(sets.map { $0.spec.replicas ?? -1 } == [0, 3])
    fake.tick(2)
    #expect(
      fake.eventMessages(reason: "ScalingReplicaSet", involving: "nginx").suffix(2) == [
        "Scaled down replica set \(sets[0].metadata.name) from 3 to 0",
        "Scaled up replica set \(sets[1].metadata.name) from 0 to 3",
      ])
  }

  @Test func pauseHoldsTheRolloutUntilResume() throws {
    let (_, fake) = testCluster()
    fake.create(deployment("nginx", replicas: 2))
    #expect(fake.tick(until: { settled(fake, "nginx", replicas: 2) }, limit: 15))
    fake.patch(Deployment.resource, "default", "nginx", ["spec": ["paused": true]])
    setImage(fake, "nginx", "nginx:1.16.1")
    fake.tick(5)
    #expect(replicaSets(fake, of: "nginx").count == 1)
    let paused = try #require(fake.get(Deployment.self, "default", "nginx")?.condition("Progressing"))
    #expect(
      paused.status == "Unknown" && paused.reason == "DeploymentPaused" && paused.message == "Deployment is paused")
    fake.patch(Deployment.resource, "default", "nginx", ["spec": ["paused": false]])
    fake.tick(2)
    #expect(
      fake.tick(until: { settled(fake, "nginx", replicas: 2) && replicaSets(fake, of: "nginx").count == 2 }, limit: 30))
    fake.tick(2)
    let done = try #require(fake.get(Deployment.self, "default", "nginx")?.condition("Progressing"))
    #expect(done.reason == "NewReplicaSetAvailable")
  }

  @Test func undoByTemplateReusesTheOldReplicaSet() throws {
    let (_, fake) = testCluster()
    fake.create(deployment("nginx", replicas: 2))
    #expect(fake.tick(until: { settled(fake, "nginx", replicas: 2) }, limit: 15))
    setImage(fake, "nginx", "nginx:1.16.1")
    #expect(
      fake.tick(until: { settled(fake, "nginx", replicas: 2) && replicaSets(fake, of: "nginx").count == 2 }, limit: 30))
    fake.tick(2)
    // `kubectl rollout undo`: the old ReplicaSet's template, without its hash label.
    let first = replicaSets(fake, of: "nginx")[0]
    var d = try #require(fake.get(Deployment.self, "default", "nginx"))
    var t = first.spec.template
    t.metadata.labels?["pod-template-hash"] = nil
    d.spec.template = t
    _ = fake.kubectl.perform(
      APIRequest(.update, Deployment.resource, namespace: "default", name: "nginx", body: .object(d)))
    fake.tick(2)
    #expect(
      fake.tick(
        until: {
          settled(fake, "nginx", replicas: 2)
            && (fake.get(ReplicaSet.self, "default", first.metadata.name)?.spec.replicas == 2)
        }, limit: 30))
    let sets = replicaSets(fake, of: "nginx")
    #expect(sets.count == 2)
    let reused = try #require(fake.get(ReplicaSet.self, "default", first.metadata.name))
    #expect(reused.metadata.annotations?["deployment.kubernetes.io/revision"] == "3")
    #expect(reused.metadata.annotations?["deployment.kubernetes.io/revision-history"] == "1")
    fake.tick(2)
    #expect(
      fake.get(Deployment.self, "default", "nginx")?.metadata.annotations?["deployment.kubernetes.io/revision"] == "3")
  }

  @Test func revisionHistoryLimitDeletesOldReplicaSets() throws {
    let (_, fake) = testCluster()
    var d = deployment("nginx", replicas: 1)
    d.spec.revisionHistoryLimit = 1
    fake.create(d)
    #expect(fake.tick(until: { settled(fake, "nginx", replicas: 1) }, limit: 15))
    for image in ["nginx:1.15", "nginx:1.16", "nginx:1.17"] {
      setImage(fake, "nginx", image)
      fake.tick(3)
      #expect(fake.tick(until: { settled(fake, "nginx", replicas: 1) }, limit: 30))
    }
    fake.tick(5)
    let sets = replicaSets(fake, of: "nginx")
    #expect(sets.count == 2)
    #expect(sets.map { $0.metadata.annotations?["deployment.kubernetes.io/revision"] } == ["3", "4"])
  }

  @Test func scalingMidRolloutIsProportional() throws {
    let (_, fake) = testCluster()
    var d = deployment("nginx", replicas: 10)
    d.spec.strategy = DeploymentStrategy(
      type: "RollingUpdate", rollingUpdate: RollingUpdateDeployment(maxUnavailable: .int(2), maxSurge: .int(3)))
    fake.create(d)
    #expect(fake.tick(until: { settled(fake, "nginx", replicas: 10) }, limit: 15))
    fake.podsBecomeReady = false
    setImage(fake, "nginx", "nginx:does-not-start")
    fake.tick(8)
    let before = replicaSets(fake, of: "nginx").map { $0.spec.replicas ?? 0 }
    #expect(before == [8, 5])
    fake.patch(Deployment.resource, "default", "nginx", ["spec": ["replicas": 20]])
    fake.tick(3)
    let after = replicaSets(fake, of: "nginx").map { $0.spec.replicas ?? 0 }
    #expect(after.reduce(0, +) == 23)
    #expect(after[0] > 8 && after[1] > 5)
  }
}

struct ControllerDeploymentProgressTests {
  @Test func progressDeadlineExceeded() throws {
    let (_, fake) = testCluster()
    var d = deployment("slow", replicas: 2)
    d.spec.progressDeadlineSeconds = 10
    fake.podsBecomeReady = false
    fake.create(d)
    #expect(
      fake.tick(
        until: { fake.get(Deployment.self, "default", "slow")?.condition("Progressing")?.status == "False" }, limit: 30)
    )
    let dep = try #require(fake.get(Deployment.self, "default", "slow"))
    let c = try #require(dep.condition("Progressing"))
    let rs = try #require((fake.list(ReplicaSet.resource, namespace: "default") as [ReplicaSet]).first)
    #expect(c.reason == "ProgressDeadlineExceeded")
    #expect(c.message == "ReplicaSet \"\(rs.metadata.name)\" has timed out progressing.")
    #expect(dep.condition("Available")?.reason == "MinimumReplicasUnavailable")
    #expect(dep.condition("Available")?.message == "Deployment does not have minimum availability.")
  }
}
