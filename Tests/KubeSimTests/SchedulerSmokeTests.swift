import Testing

@testable import KubeSim

struct SchedulerSmokeTests {
  @Test func fitsNowhere() {
    let t = SchedulerTestCluster()
    t.create(SchedulerTestCluster.pod("big", cpu: "5"))
    t.ticks(3)
    let p = t.get("big")!
    print(p.status.conditions)
    for e in t.events("big") { print(e.reason, e.message) }
    for m in t.cluster.context.log.recent.suffix(40) { print(m.line) }
    print(t.scheduler.decision(namespace: "default", name: "big") as Any)
  }
}
