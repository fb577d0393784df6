// Interface: the scheduling framework's status codes and one small protocol per extension point
// (upstream pkg/scheduler/framework/interface.go).

/// The scheduling framework: the types plugins see (upstream package `framework`).
public enum Framework {
  /// `MaxNodeScore`: every Score plugin's normalized score lies in 0...100.
  public static let maxNodeScore: Int64 = 100
  /// `MinNodeScore`.
  public static let minNodeScore: Int64 = 0
}

// MARK: - Status

extension Framework {
  /// Upstream `Code`: what a plugin's answer means.
  public enum Code: Int, Sendable, Codable, CustomStringConvertible {
    /// The plugin ran and the pod may go on.
    case success = 0
    /// Something went wrong inside the plugin (not the pod's fault); the pod is retried after a backoff.
    case error = 1
    /// The pod does not fit, but preemption may change that.
    case unschedulable = 2
    /// The pod does not fit and preemption cannot help (e.g. a taint or a node selector).
    case unschedulableAndUnresolvable = 3
    /// PreFilter/PreScore: the plugin has nothing to do for this pod; its Filter/Score is skipped.
    case skip = 5

    /// Upstream's `Code.String()`.
    public var description: String {
      switch self {
      case .success: return "Success"
      case .error: return "Error"
      case .unschedulable: return "Unschedulable"
      case .unschedulableAndUnresolvable: return "UnschedulableAndUnresolvable"
      case .skip: return "Skip"
      }
    }
  }

  /// Upstream `Status`: a code, the reasons (one line each) and the plugin that answered.
  /// A success carries no reasons, so answering it allocates nothing.
  public struct Status: Sendable, Hashable {
    public var code: Code
    public var reasons: [String]
    /// Filled in by the framework with the name of the plugin that returned the status.
    public var plugin: String

    public init(_ code: Code, _ reasons: [String] = [], plugin: String = "") {
      self.code = code
      self.reasons = reasons
      self.plugin = plugin
    }

    public init(_ code: Code, _ reason: String, plugin: String = "") {
      self.init(code, [reason], plugin: plugin)
    }

    public static let success = Status(.success)
    public static let skip = Status(.skip)

    public var isSuccess: Bool { code == .success }
    public var isSkip: Bool { code == .skip }
    /// Upstream `IsRejected`: Unschedulable or UnschedulableAndUnresolvable.
    public var isRejected: Bool { code == .unschedulable || code == .unschedulableAndUnresolvable }
    /// Upstream `Message`: the reasons joined with ", ".
    public var message: String { reasons.joined(separator: ", ") }

    func with(plugin name: String) -> Status {
      var s = self
      s.plugin = name
      return s
    }
  }
}

// MARK: - Results of extension points

extension Framework {
  /// Upstream `PreFilterResult`: nil `nodeNames` means every node; a set restricts Filter to it.
  struct PreFilterResult {
    var nodeNames: Set<String>?

    var allNodes: Bool { nodeNames == nil }

    /// Upstream `Merge`: the intersection of two restrictions.
    func merge(_ other: PreFilterResult?) -> PreFilterResult {
      guard let other, let theirs = other.nodeNames else { return self }
      guard let ours = nodeNames else { return other }
      return PreFilterResult(nodeNames: ours.intersection(theirs))
    }
  }

  /// Upstream `NominatingInfo`: whether a failure should (re)set `status.nominatedNodeName`.
  struct NominatingInfo {
    enum Mode { case noop, override }
    var mode: Mode
    var nodeName: String

    static let noop = NominatingInfo(mode: .noop, nodeName: "")
    /// Upstream `clearNominatedNode`.
    static let clear = NominatingInfo(mode: .override, nodeName: "")
  }

  /// Upstream `PostFilterResult`.
  struct PostFilterResult {
    var nominatingInfo: NominatingInfo
  }
}

// MARK: - Extension points

extension Framework {
  /// Upstream `Plugin`: every plugin has a name.
  protocol Plugin: AnyObject {
    var name: String { get }
  }

  /// Upstream `QueueSortPlugin`: orders the activeQ.
  protocol QueueSortPlugin: Plugin {
    func less(_ a: QueuedPodInfo, _ b: QueuedPodInfo) -> Bool
  }

  /// Upstream `PreEnqueuePlugin`: may keep a pod out of the activeQ (scheduling gates).
  protocol PreEnqueuePlugin: Plugin {
    func preEnqueue(_ pod: PodInfo) -> Status
  }

  /// Upstream `PreFilterPlugin`: runs once per cycle before Filter; may restrict the nodes,
  /// reject the pod outright, or return Skip so that its Filter is not run.
  protocol PreFilterPlugin: Plugin {
    func preFilter(_ state: CycleState, _ pod: PodInfo) -> (PreFilterResult?, Status)
  }

  /// Upstream `FilterPlugin`: can the pod run on this node? Called once per node evaluated.
  protocol FilterPlugin: Plugin {
    func filter(_ state: CycleState, _ pod: PodInfo, _ node: NodeInfo) -> Status
  }

  /// Upstream `PostFilterPlugin`: runs when no node fits (preemption).
  protocol PostFilterPlugin: Plugin {
    func postFilter(_ state: CycleState, _ pod: PodInfo, _ statuses: NodeToStatus) -> (PostFilterResult?, Status)
  }

  /// Upstream `PreScorePlugin`: runs once per cycle before Score; Skip leaves its Score out.
  protocol PreScorePlugin: Plugin {
    func preScore(_ state: CycleState, _ pod: PodInfo, _ nodes: [NodeInfo]) -> Status
  }

  /// Upstream `ScorePlugin`: a raw score per feasible node.
  protocol ScorePlugin: Plugin {
    func score(_ state: CycleState, _ pod: PodInfo, _ node: NodeInfo) -> (Int64, Status)
    /// Upstream `ScoreExtensions()`: nil when the raw score is already in 0...100.
    var scoreExtensions: ScoreExtensions? { get }
  }

  /// Upstream `ScoreExtensions`: brings the raw scores into 0...100.
  protocol ScoreExtensions: AnyObject {
    func normalizeScore(_ state: CycleState, _ pod: PodInfo, _ scores: inout [Int64]) -> Status
  }

  /// Upstream `BindPlugin`. Binding is asynchronous: `done` runs when the apiserver answers.
  protocol BindPlugin: Plugin {
    func bind(_ state: CycleState, _ pod: PodInfo, _ nodeName: String, done: @escaping (Status) -> Void)
  }
}
