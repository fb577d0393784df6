// FitError: why no node fits a pod, and its message `0/3 nodes are available: …` (upstream
// framework/types.go: NodeToStatus, Diagnosis, FitError).

extension Framework {
  /// Upstream `NodeToStatus`: the status of every node that was rejected, in the order the nodes
  /// were evaluated, plus one status that stands for every node not listed.
  struct NodeToStatus {
    private(set) var explicit: [(node: String, status: Status)] = []
    /// Upstream `NewDefaultNodeToStatus`: nodes not listed are UnschedulableAndUnresolvable with no reason.
    var absentNodesStatus = Status(.unschedulableAndUnresolvable)

    var count: Int { explicit.count }

    mutating func set(_ node: String, _ status: Status) {
      if let i = explicit.firstIndex(where: { $0.node == node }) {
        explicit[i].status = status
      } else {
        explicit.append((node, status))
      }
    }

    /// Appends a node known not to be listed yet (the filter loop, which sees each node once).
    mutating func append(_ node: String, _ status: Status) { explicit.append((node, status)) }

    func get(_ node: String) -> Status {
      explicit.first { $0.node == node }?.status ?? absentNodesStatus
    }

    /// Upstream `NodesForStatusCode`: the nodes (of `all`) whose status has `code`.
    func nodes(withCode code: Code, in all: [NodeInfo]) -> [NodeInfo] {
      let listed = Dictionary(explicit.map { ($0.node, $0.status.code) }, uniquingKeysWith: { a, _ in a })
      return all.filter { n in
        if let c = listed[n.name] { return c == code }
        return absentNodesStatus.code == code
      }
    }
  }

  /// Upstream `Diagnosis`: what the filters said, for the FitError and for preemption.
  struct Diagnosis {
    var nodeToStatus = NodeToStatus()
    /// Plugins that rejected the pod on some node (used to decide which events may help it).
    var unschedulablePlugins: Set<String> = []
    var preFilterMessage = ""
    var postFilterMessage = ""

    /// Upstream `AddPluginStatus`.
    mutating func addPluginStatus(_ s: Status) {
      if !s.plugin.isEmpty && s.isRejected { unschedulablePlugins.insert(s.plugin) }
    }
  }

  /// Upstream `NoNodeAvailableMsg`.
  static let noNodeAvailableMessage = "0/%v nodes are available"

  /// Upstream `FitError`: no node fits the pod.
  struct FitError: Error {
    var numAllNodes: Int
    var diagnosis: Diagnosis

    /// Upstream `FitError.Error()`: `0/N nodes are available:`, then the PreFilter message or the
    /// histogram of filter reasons (`"<count> <reason>"` sorted as Go's sort.Strings sorts bytes),
    /// then the PostFilter (preemption) message.
    var message: String {
      var msg = "0/\(numAllNodes) nodes are available:"
      let pre = diagnosis.preFilterMessage
      if !pre.isEmpty {
        msg += " \(pre)."
      } else {
        var counts: [String: Int] = [:]
        let statuses = diagnosis.nodeToStatus
        for (_, status) in statuses.explicit {
          for r in status.reasons { counts[r, default: 0] += 1 }
        }
        if statuses.count < numAllNodes {
          for r in statuses.absentNodesStatus.reasons { counts[r, default: 0] += numAllNodes - statuses.count }
        }
        let histogram = counts.map { "\($0.value) \($0.key)" }.sorted(by: goLess)
        if !histogram.isEmpty { msg += " \(histogram.joined(separator: ", "))." }
      }
      let post = diagnosis.postFilterMessage
      if !post.isEmpty { msg += " \(post)" }
      return msg
    }
  }

  /// Go's string order: bytewise.
  static func goLess(_ a: String, _ b: String) -> Bool { a.utf8.lexicographicallyPrecedes(b.utf8) }
}
