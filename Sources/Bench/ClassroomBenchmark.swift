// ClassroomBenchmark: the default cluster (a control plane and two workers) running the docs'
// nginx Deployment — the cost of one tick, and of each phase, at a learner's scale.
import KubeSim
import REPL

/// `kubelab bench classroom`: what a learner's `tick` costs.
public enum ClassroomBenchmark {
  /// The Kubernetes docs' `controllers/nginx-deployment.yaml`.
  public static let nginxDeployment = """
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: nginx-deployment
      labels:
        app.kubernetes.io/name: nginx
    spec:
      replicas: 3
      selector:
        matchLabels:
          app.kubernetes.io/name: nginx
      template:
        metadata:
          labels:
            app.kubernetes.io/name: nginx
        spec:
          containers:
          - name: nginx
            image: nginx:1.14.2
            ports:
            - containerPort: 80

    """

  /// One measured run: bootstrap, apply the Deployment and let it become available (untimed),
  /// then time `ticks` ticks phase by phase.
  public static func run(ticks: Int, window: Int) throws -> Measurement {
    var options = ClusterOptions()
    options.messageWindow = window
    let session = Session(options: SessionOptions(cluster: options))
    let out = OutputSink()
    session.execute("kubectl apply -f -", input: nginxDeployment, out: out)
    session.execute("run until deployment/nginx-deployment available", out: out)
    guard out.stderr.isEmpty else { throw BenchError("setting up the classroom failed: \(out.stderr)") }
    let cluster = session.cluster
    let firstSeq = cluster.context.log.nextSeq
    var tickTimes: [Double] = []
    var phaseTimes: [Phase: [Double]] = [:]
    tickTimes.reserveCapacity(ticks)
    for _ in 0..<ticks {
      var tick = 0.0
      repeat {
        let phase = cluster.clock.nextPhase
        let t = Stopwatch.time { cluster.step() }
        phaseTimes[phase, default: []].append(t)
        tick += t
      } while cluster.clock.phase != .reconcile
      tickTimes.append(tick)
    }
    var m = Measurement()
    m["ticks"] = Double(ticks)
    m["tick_median_ms"] = Measurement.median(tickTimes) * 1e3
    m["tick_mean_ms"] = tickTimes.reduce(0, +) / Double(max(1, ticks)) * 1e3
    m["tick_p99_ms"] = percentile(tickTimes, 0.99) * 1e3
    m["tick_max_ms"] = (tickTimes.max() ?? 0) * 1e3
    for phase in Phase.allCases {
      let times = phaseTimes[phase] ?? []
      m["\(phase)_median_us"] = Measurement.median(times) * 1e6
      m["\(phase)_mean_us"] = times.reduce(0, +) / Double(max(1, times.count)) * 1e6
    }
    m["messages_per_tick"] = Double(cluster.context.log.nextSeq - firstSeq) / Double(max(1, ticks))
    m["peak_rss_mib"] = Stopwatch.peakRSSMiB()
    return m
  }

  static func percentile(_ samples: [Double], _ p: Double) -> Double {
    let s = samples.sorted()
    guard !s.isEmpty else { return 0 }
    return s[min(s.count - 1, Int((Double(s.count) * p).rounded(.up)) - 1)]
  }
}
