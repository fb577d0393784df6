// ExplainCommand: `explain pod/NAME` — the scheduler's decision for a pod: every node, the filter
// that rejected it or its score from each plugin, and the winner.
import KubeSim
import Kubectl

struct ExplainCommand: REPLCommand {
  let name = "explain"
  let group = CommandGroup.inside
  let summary = "Show the scheduler's decision for a pod: filters, scores, winner"
  let usage = """
    Usage: explain pod/NAME [-n NAMESPACE]

    Shows the scheduler's last attempt for the pod: the nodes it looked at (at most the adaptive
    percentageOfNodesToScore share), which Filter plugin rejected each node and why, each Score
    plugin's raw score, normalized score (0–100), weight and weighted share, the total, and the
    node chosen (ties are broken at random).

    Example:
      explain pod/nginx-deployment-7d4b9c6c5-x2x9k
    """
  let flags = ["-n", "--namespace"]

  func run(_ args: [String], input: String?, session: Session, out: OutputSink) -> Bool {
    var namespace = session.kubectlRunner.contextNamespace
    var target: String? = nil
    var i = 0
    while i < args.count {
      if args[i] == "-n" || args[i] == "--namespace", i + 1 < args.count {
        namespace = args[i + 1]
        i += 2
        continue
      }
      if args[i].hasPrefix("--namespace=") { namespace = String(args[i].dropFirst(12)) } else { target = args[i] }
      i += 1
    }
    guard let target else {
      out.error("error: explain needs a pod: explain pod/NAME")
      return false
    }
    let parts = target.split(separator: "/", maxSplits: 1).map(String.init)
    let podName: String
    if parts.count == 2 {
      guard KindRegistry.resolve(parts[0])?.resource == Pod.resource else {
        out.error("error: explain shows the scheduler's decisions, which are about pods: use explain pod/NAME")
        return false
      }
      podName = parts[1]
    } else {
      podName = parts[0]
    }
    guard let decision = session.cluster.scheduler.decision(namespace: namespace, name: podName) else {
      if let pod = session.cluster.peek(Pod.resource, namespace: namespace, name: podName) as? Pod {
        if !pod.spec.nodeName.isEmpty {
          out.line(
            "pod/\(podName) is on \(pod.spec.nodeName), but the scheduler has no record of deciding it: "
              + "it was created with spec.nodeName set, bound before the scheduler last restarted, or decided long ago."
          )
        } else {
          out.line("pod/\(podName) has not been through a scheduling attempt yet: run `step` until the schedule phase.")
        }
        return true
      }
      out.error("Error from server (NotFound): pods \"\(podName)\" not found")
      return false
    }
    out.write(Self.render(decision))
    return true
  }

  static func render(_ d: SchedulingDecision) -> String {
    var s = "Pod \(d.namespace)/\(d.pod): attempt \(d.attempt) at tick \(d.tick) — \(d.outcome.rawValue)"
    if let n = d.selectedNode { s += " on \(n)" }
    s += "\n"
    let share =
      d.numAllNodes < 100
      ? "every node (fewer than 100 nodes)"
      : "\(d.numFeasibleNodesToFind) feasible nodes wanted (adaptive percentageOfNodesToScore), starting at node index \(d.startIndex)"
    s +=
      "Nodes: \(d.numAllNodes) in the cluster, \(d.nodes.count) filtered (\(share)), \(d.feasibleNodes) feasible\n"
    if let m = d.preFilterMessage { s += "PreFilter: \(m)\n" }
    if let n = d.nominatedNode { s += "Nominated node (tried first): \(n)\n" }
    s += "\n"
    var table = "NODE\tFILTER\t"
    for p in d.scorePlugins { table += "\(p.name) ×\(p.weight)\t" }
    table += "TOTAL\n"
    for n in d.nodes {
      let chosen = n.node == d.selectedNode ? " ★" : ""
      table += "\(n.node)\(chosen)\t"
      if n.feasible {
        table += "passed\t"
      } else {
        table += "\(n.rejectedBy ?? "rejected"): \(n.reasons.joined(separator: ", "))\t"
      }
      for p in d.scorePlugins {
        if let sc = n.scores.first(where: { $0.plugin == p.name }) {
          table +=
            sc.raw == sc.normalized
            ? "\(sc.normalized) → \(sc.weighted)\t" : "\(sc.raw)≈\(sc.normalized) → \(sc.weighted)\t"
        } else {
          table += "-\t"
        }
      }
      table += (n.totalScore.map(String.init) ?? "-") + "\n"
    }
    s += TabWriter(minWidth: 0, padding: 2).format(table)
    if !d.scorePlugins.isEmpty {
      s +=
        "\nScores read `normalized → weighted` (weight × normalized, 0–100 each); `raw≈normalized` where the plugin normalizes.\n"
    }
    if !d.skippedScorePlugins.isEmpty {
      s += "Skipped score plugins: \(d.skippedScorePlugins.joined(separator: ", "))\n"
    }
    if let p = d.preemption {
      s += "Preemption: nominated \(p.nominatedNode), evicting \(p.victims.joined(separator: ", "))\n"
    }
    s += "\n\(d.message)\n"
    return s
  }

  func complete(_ args: [String], session: Session) -> [String] {
    let word = args.last ?? ""
    let pods = session.cluster.peekAll(Pod.resource, namespace: session.kubectlRunner.contextNamespace)
      .map { "pod/\($0.metadata.name)" }.sorted()
    return pods.filter { $0.hasPrefix(word) }
  }
}
