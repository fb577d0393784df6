// LiveLab: the real default cluster (control plane, node-1, node-2, every component running) for
// tests that need real behaviour — kubelets serving logs and exec, a deployment's real ReplicaSets
// and pods, events from the components. Deterministic: a fixed seed, time advanced tick by tick.
import KubeSim
import Testing

@testable import Kubectl

final class LiveLab {
  let cluster: Cluster
  let kubectl: KubectlRunner

  init(seed: UInt64 = 1) {
    cluster = Cluster(options: ClusterOptions(seed: seed))
    kubectl = KubectlRunner(cluster: cluster)
    // `kubectl top` reads the kubelets' summaries, as the console wires it.
    let cluster = self.cluster
    kubectl.usageSummary = { node in
      guard let s = cluster.statsSummary(node: node) else { return nil }
      return UsageSummary(
        nodeName: s.nodeName, nodeMilliCPU: s.cpuMilli, nodeMemoryBytes: s.memoryBytes,
        pods: s.pods.map { p in
          UsageSummary.PodUsage(
            namespace: p.namespace, name: p.name,
            containers: p.containers.map {
              UsageSummary.ContainerUsage(name: $0.name, milliCPU: $0.cpuMilli, memoryBytes: $0.memoryBytes)
            })
        })
    }
  }

  /// Runs a command line as the learner types it.
  @discardableResult
  func run(_ line: String, stdin: String? = nil) -> CommandResult {
    kubectl.run(line: line, stdin: stdin, workingDirectory: "/")
  }

  /// Advances simulated time by whole ticks (one tick is one second).
  func wait(seconds: Int) { for _ in 0..<seconds { cluster.runTick() } }

  /// Runs ticks until `done` holds (checked after every tick); the ticks it took, nil if it never held.
  @discardableResult
  func wait(atMost seconds: Int, until done: () -> Bool) -> Int? {
    for t in 0...seconds {
      if done() { return t }
      if t < seconds { cluster.runTick() }
    }
    return nil
  }

  func get<T: KubeObject>(_ t: T.Type, _ name: String, namespace: String = "default") -> T? {
    cluster.peek(T.resource, namespace: namespace, name: name) as? T
  }

  /// The pods in `namespace` whose name starts with `prefix`, by name.
  func pods(_ prefix: String, namespace: String = "default") -> [Pod] {
    cluster.peekAll(Pod.resource, namespace: namespace).compactMap { $0 as? Pod }
      .filter { $0.metadata.name.hasPrefix(prefix) }.sorted { $0.metadata.name < $1.metadata.name }
  }

  /// The STATUS column `kubectl get pods` shows for one pod.
  func status(_ pod: String) -> String? {
    get(Pod.self, pod).map { PodSummary($0).reason }
  }
}
