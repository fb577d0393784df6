import Testing

@testable import KubeSim

struct ControllerJobTests {
  func job(_ name: String, completions: Int32?, parallelism: Int32?, backoffLimit: Int32? = nil) -> Job {
    var j = Job(metadata: ObjectMeta(name: name, namespace: "default"))
    var t = PodTemplateSpec(labels: [:], containers: [Container(name: "pi", image: "perl")])
    t.spec.restartPolicy = "Never"
    j.spec = JobSpec(parallelism: parallelism, completions: completions, backoffLimit: backoffLimit, template: t)
    return j
  }

  func jobPods(_ fake: FakeNodes, _ name: String) -> [Pod] {
    fake.pods().filter { $0.metadata.labels?["job-name"] == name }
  }

  @Test func completionsWithParallelism() throws {
    let (_, fake) = testCluster()
    fake.create(job("pi", completions: 3, parallelism: 2))
    var maxActive = 0
    for _ in 0..<40 {
      fake.tick()
      let running = jobPods(fake, "pi").filter { $0.status.phase == PodPhase.running }
      maxActive = max(maxActive, jobPods(fake, "pi").filter(\.isActive).count)
      // Each running pod finishes successfully one tick after it starts.
      for p in running { fake.finish(p, succeeded: true) }
      if fake.get(Job.self, "default", "pi")?.isFinished == true { break }
    }
    #expect(maxActive == 2)
    let j = try #require(fake.get(Job.self, "default", "pi"))
    #expect(j.status.succeeded == 3)
    #expect(j.status.active == nil)
    #expect(j.status.conditions.map(\.type) == ["SuccessCriteriaMet", "Complete"])
    #expect(j.condition("Complete")?.reason == "CompletionsReached")
    #expect(j.condition("Complete")?.message == "Reached expected number of succeeded pods")
    #expect(j.status.completionTime != nil && j.status.startTime != nil)
    #expect(j.status.uncountedTerminatedPods == UncountedTerminatedPods())
    #expect(j.status.ready == 0 && j.status.terminating == 0)
    let pods = jobPods(fake, "pi")
    #expect(pods.count == 3)
    #expect(pods.allSatisfy { ($0.metadata.finalizers ?? []).isEmpty })
    fake.tick(2)
    #expect(fake.eventMessages(reason: "Completed", involving: "pi") == ["Job completed"])
    #expect(fake.eventMessages(reason: "SuccessfulCreate", involving: "pi").count == 3)
  }

  @Test func backoffLimitFailsTheJobWithExponentialDelays() throws {
    let (cluster, fake) = testCluster()
    fake.create(job("fail", completions: 1, parallelism: 1, backoffLimit: 2))
    var created: [Int64] = []
    var seen: Set<String> = []
    for _ in 0..<120 {
      fake.tick()
      for p in jobPods(fake, "fail") where !seen.contains(p.metadata.name) {
        seen.insert(p.metadata.name)
        created.append(cluster.context.clock.seconds)
      }
      for p in jobPods(fake, "fail") where p.status.phase == PodPhase.running { fake.finish(p, succeeded: false) }
      if fake.get(Job.self, "default", "fail")?.isFinished == true { break }
    }
    #expect(created.count == 3)
    if created.count == 3 {
      // 10 s after the first failure, then 20 s after the second (plus the ticks to notice).
      #expect((10...14).contains(created[1] - created[0]))
      #expect((20...24).contains(created[2] - created[1]))
    }
    let j = try #require(fake.get(Job.self, "default", "fail"))
    #expect(j.status.failed == 3)
    #expect(j.status.conditions.map(\.type) == ["FailureTarget", "Failed"])
    #expect(j.condition("Failed")?.reason == "BackoffLimitExceeded")
    #expect(j.condition("Failed")?.message == "Job has reached the specified backoff limit")
    #expect(j.status.completionTime == nil)
    fake.tick(2)
    #expect(
      fake.eventMessages(reason: "BackoffLimitExceeded", involving: "fail")
        == ["Job has reached the specified backoff limit"])
  }

  @Test func ttlAfterFinishedDeletesTheJobAndItsPods() throws {
    let (_, fake) = testCluster()
    var j = job("short", completions: 1, parallelism: 1)
    j.spec.ttlSecondsAfterFinished = 5
    fake.create(j)
    var finishedAt: Int64? = nil
    for _ in 0..<40 {
      fake.tick()
      for p in jobPods(fake, "short") where p.status.phase == PodPhase.running { fake.finish(p, succeeded: true) }
      if finishedAt == nil, fake.get(Job.self, "default", "short")?.isFinished == true {
        finishedAt = fake.cluster.context.clock.seconds
      }
      if finishedAt != nil && fake.get(Job.self, "default", "short") == nil { break }
    }
    #expect(finishedAt != nil)
    #expect(fake.get(Job.self, "default", "short") == nil)
    #expect(jobPods(fake, "short").isEmpty)
    let elapsed = fake.cluster.context.clock.seconds - (finishedAt ?? 0)
    #expect((5...9).contains(elapsed))
  }

  @Test func activeDeadlineFailsTheJob() throws {
    let (_, fake) = testCluster()
    var j = job("slow", completions: 1, parallelism: 1)
    j.spec.activeDeadlineSeconds = 10
    fake.create(j)
    #expect(fake.tick(until: { fake.get(Job.self, "default", "slow")?.isFinished == true }, limit: 30))
    let done = try #require(fake.get(Job.self, "default", "slow"))
    #expect(done.condition("Failed")?.reason == "DeadlineExceeded")
    #expect(done.condition("Failed")?.message == "Job was active longer than specified deadline")
  }
}
