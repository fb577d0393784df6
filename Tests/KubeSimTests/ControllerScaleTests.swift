import Testing

@testable import KubeSim

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Timing at scale; runs only with KUBELAB_SCALE=1 (it takes a while).
struct ControllerScaleTests {
  static func seconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
  }

  @Test(.enabled(if: getenv("KUBELAB_SCALE") != nil)) func manyNodesAndPods() throws {
    let nodes = Int(String(cString: getenv("KUBELAB_NODES") ?? strdup("1000"))) ?? 1000
    let deployments = Int(String(cString: getenv("KUBELAB_DEPLOYMENTS") ?? strdup("20"))) ?? 20
    let replicas = Int32(String(cString: getenv("KUBELAB_REPLICAS") ?? strdup("1000"))) ?? 1000
    var options = ClusterOptions(workers: 0)
    options.bootstrap = false
    let cluster = Cluster(options: options)
    // The test binds and starts the pods itself: the real scheduler and kubelet stay out.
    cluster.scheduler.stop()
    for n in cluster.nodes { cluster.stopKubelet(n.name) }
    let kubectl = cluster.kubectl
    let now = cluster.context.now
    for i in 0..<nodes {
      var node = Node(metadata: ObjectMeta(name: "n\(i)", labels: ["kubernetes.io/os": "linux"]))
      node.status.conditions = [
        NodeCondition(type: "Ready", status: "True", lastHeartbeatTime: now, lastTransitionTime: now)
      ]
      _ = kubectl.perform(APIRequest(.create, Node.resource, body: .object(node)))
    }
    var phaseTime: [Phase: Double] = [:]
    func tick() {
      for _ in 0..<6 {
        let phase = cluster.clock.nextPhase
        let t0 = Self.seconds()
        cluster.step()
        phaseTime[phase, default: 0] += Self.seconds() - t0
      }
    }
    tick()
    tick()
    for i in 0..<deployments {
      _ = kubectl.perform(
        APIRequest(
          .create, Deployment.resource, namespace: "default", body: .object(deployment("d\(i)", replicas: replicas))))
    }
    let t0 = Self.seconds()
    var ticks = 0
    let target = deployments * Int(replicas)
    var bound = 0
    while ticks < 400 {
      tick()
      ticks += 1
      // Bind pending pods and start them, as the scheduler and kubelets would.
      guard case .success(.list(let l)) = kubectl.perform(APIRequest(.list, Pod.resource, namespace: "default")) else {
        break
      }
      var count = 0
      for case var pod as Pod in l.items {
        count += 1
        if pod.spec.nodeName.isEmpty {
          _ = kubectl.perform(
            APIRequest(
              .create, Pod.resource, namespace: "default", name: pod.metadata.name, subresource: "binding",
              body: .object(Binding(pod: pod, nodeName: "n\(bound % nodes)"))))
          bound += 1
        } else if pod.status.phase == "Pending" {
          pod.status.phase = "Running"
          pod.status.podIP = "10.0.\(bound / 250).\(bound % 250)"
          pod.setCondition(type: "Ready", status: "True", reason: "", message: "", now: cluster.context.now)
          _ = kubectl.perform(
            APIRequest(
              .update, Pod.resource, namespace: "default", name: pod.metadata.name, subresource: "status",
              body: .object(pod)))
        }
      }
      if ticks % 10 == 0 {
        print(
          "tick \(ticks): \(count) pods, \(phaseTime.map { "\($0.key)=\(String(format: "%.2f", $0.value))" }.sorted())")
      }
      if count >= target,
        case .success(.list(let dl)) = kubectl.perform(APIRequest(.list, Deployment.resource, namespace: "default")),
        dl.items.allSatisfy({ ($0 as? Deployment)?.status.availableReplicas == replicas })
      {
        break
      }
    }
    print(
      "settled after \(ticks) ticks, \(String(format: "%.1f", Self.seconds() - t0)) s; \(phaseTime.map { "\($0.key)=\(String(format: "%.2f", $0.value))" }.sorted())"
    )
    phaseTime = [:]
    let t1 = Self.seconds()
    for _ in 0..<20 { tick() }
    print(
      "20 quiet ticks: \(String(format: "%.3f", Self.seconds() - t1)) s; \(phaseTime.map { "\($0.key)=\(String(format: "%.3f", $0.value))" }.sorted())"
    )
  }
}
