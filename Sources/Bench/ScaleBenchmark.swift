// ScaleBenchmark: N worker nodes and Deployments of `podsPerNode` × N pods, from `kubectl apply`
// until every pod is Running.
import KubeSim
import REPL

/// `kubelab bench scale`: how the simulation copes with thousands of nodes and pods.
public enum ScaleBenchmark {
  /// Pods per Deployment: 100 nodes' worth of pods in each, so N/100 Deployments (at least one).
  public static func deploymentSizes(nodes: Int, podsPerNode: Int) -> [Int] {
    let total = nodes * podsPerNode
    let count = max(1, nodes / 100)
    return (0..<count).map { total / count + ($0 < total % count ? 1 : 0) }
  }

  /// The manifests `kubectl apply -f -` gets: one multi-document YAML stream.
  public static func manifest(sizes: [Int]) -> String {
    sizes.enumerated().map { i, replicas in
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: scale-\(i + 1)
        labels:
          app: scale-\(i + 1)
      spec:
        replicas: \(replicas)
        selector:
          matchLabels:
            app: scale-\(i + 1)
        template:
          metadata:
            labels:
              app: scale-\(i + 1)
          spec:
            containers:
            - name: nginx
              image: nginx:1.27
              resources:
                requests:
                  cpu: 10m
                  memory: 16Mi

      """
    }.joined(separator: "---\n")
  }

  /// One measured run. The cluster bootstraps first (timed apart as `setup_s`); the clock runs
  /// from `kubectl apply` until every pod of the Deployments is Running. Checking whether they
  /// are (a scan of the watch cache, as `run until` does) is not counted.
  public static func run(nodes: Int, podsPerNode: Int, window: Int, tickLimit: Int = 600) throws -> Measurement {
    var options = ClusterOptions(workers: nodes)
    options.messageWindow = window
    for i in options.nodes.indices { options.nodes[i].pods = max(110, podsPerNode + 10) }
    var session: Session! = nil
    let setup = Stopwatch.time { session = Session(options: SessionOptions(cluster: options)) }
    let cluster = session.cluster
    let sizes = deploymentSizes(nodes: nodes, podsPerNode: podsPerNode)
    let total = sizes.reduce(0, +)

    var wall = 0.0
    var cpu = 0.0
    let out = OutputSink()
    let applied = Stopwatch.measure { session.execute("kubectl apply -f -", input: manifest(sizes: sizes), out: out) }
    wall += applied.wall
    cpu += applied.cpu
    guard out.stderr.isEmpty else { throw BenchError("kubectl apply failed: \(out.stderr)") }
    let startTick = cluster.clock.tick
    var scheduledAt = 0.0
    var running = 0
    var ticks = 0
    while ticks < tickLimit {
      let t = Stopwatch.measure { cluster.runTick() }
      wall += t.wall
      cpu += t.cpu
      ticks += 1
      let (bound, up) = count(cluster, deployments: sizes.count)
      if bound == total && scheduledAt == 0 { scheduledAt = wall }
      running = up
      if running == total { break }
    }
    guard running == total else {
      throw BenchError("only \(running) of \(total) pods Running after \(tickLimit) ticks")
    }
    let log = cluster.context.log
    var m = Measurement()
    m["nodes"] = Double(nodes)
    m["pods"] = Double(total)
    m["deployments"] = Double(sizes.count)
    m["wall_s"] = wall
    m["cpu_s"] = cpu
    m["ticks"] = Double(cluster.clock.tick - startTick)
    m["scheduled_s"] = scheduledAt
    m["pods_per_s"] = Double(total) / wall
    m["us_per_pod"] = wall / Double(total) * 1e6
    m["messages"] = Double(log.total)
    m["messages_per_s"] = Double(log.total) / wall
    m["kept_messages"] = Double(log.recent.count)
    m["setup_s"] = setup
    m["peak_rss_mib"] = Stopwatch.peakRSSMiB()
    return m
  }

  /// Pods of the benchmark's Deployments that are bound to a node, and that are Running.
  static func count(_ cluster: Cluster, deployments: Int) -> (bound: Int, running: Int) {
    var bound = 0
    var running = 0
    for case let pod as Pod in cluster.peekAll(Pod.resource, namespace: "default")
    where pod.metadata.name.hasPrefix("scale-") {
      if !pod.spec.nodeName.isEmpty { bound += 1 }
      if pod.status.phase == PodPhase.running { running += 1 }
    }
    return (bound, running)
  }
}
