// ClusterEvent: the changes in the cluster that may make an unschedulable pod schedulable, and the
// queueing hints plugins register for them (upstream framework/events.go, EnqueueExtensions).

extension Framework {
  /// Upstream `ActionType`.
  struct ActionType: OptionSet, Hashable, Sendable {
    let rawValue: Int
    static let add = ActionType(rawValue: 1 << 0)
    static let delete = ActionType(rawValue: 1 << 1)
    static let updateNodeAllocatable = ActionType(rawValue: 1 << 2)
    static let updateNodeLabel = ActionType(rawValue: 1 << 3)
    /// Also `spec.unschedulable` (upstream's NodeSpecUnschedulableChange is a taint update).
    static let updateNodeTaint = ActionType(rawValue: 1 << 4)
    static let updateNodeCondition = ActionType(rawValue: 1 << 5)
    static let updatePodScaleDown = ActionType(rawValue: 1 << 6)
    static let update: ActionType = [
      .updateNodeAllocatable, .updateNodeLabel, .updateNodeTaint, .updateNodeCondition, .updatePodScaleDown,
    ]
    static let all: ActionType = [.add, .delete, .update]
  }

  /// The kind of object that changed. `assignedPod` is a pod bound to a node.
  enum EventResource: String, Sendable {
    case node = "Node"
    case assignedPod = "AssignedPod"
    /// Upstream's wildcard: moves every pod (the five-minute timeout, a forced flush).
    case wildcard = "*"
  }

  /// Upstream `ClusterEvent`.
  struct ClusterEvent: Sendable {
    var resource: EventResource
    var actionType: ActionType
    /// Upstream's label, e.g. `NodeAdd`, `AssignedPodDelete`, `UnschedulableTimeout`.
    var label: String

    static let nodeAdd = ClusterEvent(resource: .node, actionType: .add, label: "NodeAdd")
    static let assignedPodDelete = ClusterEvent(resource: .assignedPod, actionType: .delete, label: "AssignedPodDelete")
    static let assignedPodUpdate = ClusterEvent(
      resource: .assignedPod, actionType: .updatePodScaleDown, label: "AssignedPodUpdate")
    static let unschedulableTimeout = ClusterEvent(
      resource: .wildcard, actionType: .all, label: "UnschedulableTimeout")

    func matches(_ registered: ClusterEvent) -> Bool {
      resource == .wildcard || (registered.resource == resource && !registered.actionType.isDisjoint(with: actionType))
    }
  }

  /// What changed, for a hint to look at.
  enum ClusterEventObject {
    case node(old: Node?, new: Node)
    case pod(old: Pod?, new: Pod?)
    case none
  }

  /// Upstream `QueueingHint`.
  enum QueueingHint { case queue, skip }

  /// Upstream `ClusterEventWithHint`: no hint means "always worth a retry".
  struct ClusterEventWithHint {
    var event: ClusterEvent
    var hint: ((PodInfo, ClusterEventObject) -> QueueingHint)?
  }

  /// Upstream `EnqueueExtensions`: which events may help a pod this plugin rejected.
  protocol EnqueueExtensions: Plugin {
    func eventsToRegister() -> [ClusterEventWithHint]
  }
}
