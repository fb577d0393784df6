// Affinity: node and inter-pod (anti-)affinity of a pod (core/v1 Affinity, NodeSelector and friends).

/// core/v1 `Affinity`.
public struct Affinity: Codable, Sendable, Hashable {
  public var nodeAffinity: NodeAffinity? = nil
  public var podAffinity: PodAffinity? = nil
  public var podAntiAffinity: PodAntiAffinity? = nil

  public init(
    nodeAffinity: NodeAffinity? = nil, podAffinity: PodAffinity? = nil, podAntiAffinity: PodAntiAffinity? = nil
  ) {
    self.nodeAffinity = nodeAffinity
    self.podAffinity = podAffinity
    self.podAntiAffinity = podAntiAffinity
  }
}

/// core/v1 `NodeAffinity`. The required rule is one `NodeSelector` object (a list there is a decode error).
public struct NodeAffinity: Codable, Sendable, Hashable {
  public var requiredDuringSchedulingIgnoredDuringExecution: NodeSelector? = nil
  public var preferredDuringSchedulingIgnoredDuringExecution: [PreferredSchedulingTerm] = []

  public init(
    requiredDuringSchedulingIgnoredDuringExecution: NodeSelector? = nil,
    preferredDuringSchedulingIgnoredDuringExecution: [PreferredSchedulingTerm] = []
  ) {
    self.requiredDuringSchedulingIgnoredDuringExecution = requiredDuringSchedulingIgnoredDuringExecution
    self.preferredDuringSchedulingIgnoredDuringExecution = preferredDuringSchedulingIgnoredDuringExecution
  }
}

/// core/v1 `NodeSelector`: the terms are ORed.
public struct NodeSelector: Codable, Sendable, Hashable {
  public var nodeSelectorTerms: [NodeSelectorTerm] = []

  public init(nodeSelectorTerms: [NodeSelectorTerm]) { self.nodeSelectorTerms = nodeSelectorTerms }

  /// Upstream `nodeaffinity.NodeSelector.Match`: some term matches the node's labels and name.
  public func matches(labels: [String: String], nodeName: String) -> Bool {
    nodeSelectorTerms.contains { $0.matches(labels: labels, nodeName: nodeName) }
  }
}

/// core/v1 `NodeSelectorTerm`: the requirements are ANDed; a term with none matches no node.
public struct NodeSelectorTerm: Codable, Sendable, Hashable {
  public var matchExpressions: [NodeSelectorRequirement] = []
  public var matchFields: [NodeSelectorRequirement] = []

  public init(matchExpressions: [NodeSelectorRequirement] = [], matchFields: [NodeSelectorRequirement] = []) {
    self.matchExpressions = matchExpressions
    self.matchFields = matchFields
  }

  public func matches(labels: [String: String], nodeName: String) -> Bool {
    if matchExpressions.isEmpty && matchFields.isEmpty { return false }
    for r in matchExpressions where !r.matches(labels) { return false }
    // Simulation: like upstream, the only supported field is `metadata.name`.
    for r in matchFields where r.key != "metadata.name" || !r.matches(["metadata.name": nodeName]) { return false }
    return true
  }
}

/// core/v1 `NodeSelectorOperator` values.
public enum NodeSelectorOperator {
  public static let `in` = "In"
  public static let notIn = "NotIn"
  public static let exists = "Exists"
  public static let doesNotExist = "DoesNotExist"
  public static let gt = "Gt"
  public static let lt = "Lt"
  /// In the order upstream validation lists them.
  public static let all = [`in`, notIn, exists, doesNotExist, gt, lt]
}

/// core/v1 `NodeSelectorRequirement`.
public struct NodeSelectorRequirement: Codable, Sendable, Hashable {
  public var key: String = ""
  public var `operator`: String = ""
  public var values: [String] = []

  public init(key: String, operator op: String, values: [String] = []) {
    self.key = key
    self.operator = op
    self.values = values
  }

  /// Label-selector semantics: `NotIn` and `DoesNotExist` match an absent key; `Gt`/`Lt` compare
  /// the label and the single value as integers.
  public func matches(_ labels: [String: String]) -> Bool {
    let value = labels[key]
    switch self.operator {
    case NodeSelectorOperator.in: return value.map { values.contains($0) } ?? false
    case NodeSelectorOperator.notIn: return value.map { !values.contains($0) } ?? true
    case NodeSelectorOperator.exists: return value != nil
    case NodeSelectorOperator.doesNotExist: return value == nil
    case NodeSelectorOperator.gt, NodeSelectorOperator.lt:
      guard let v = value, let have = Int64(v), values.count == 1, let want = Int64(values[0]) else { return false }
      return self.operator == NodeSelectorOperator.gt ? have > want : have < want
    default: return false
    }
  }
}

/// core/v1 `PreferredSchedulingTerm`.
public struct PreferredSchedulingTerm: Codable, Sendable, Hashable {
  public var weight: Int32 = 0
  public var preference: NodeSelectorTerm = NodeSelectorTerm()
  public init(weight: Int32, preference: NodeSelectorTerm) {
    self.weight = weight
    self.preference = preference
  }
}

/// core/v1 `PodAffinity`.
public struct PodAffinity: Codable, Sendable, Hashable {
  public var requiredDuringSchedulingIgnoredDuringExecution: [PodAffinityTerm] = []
  public var preferredDuringSchedulingIgnoredDuringExecution: [WeightedPodAffinityTerm] = []
  public init(
    required: [PodAffinityTerm] = [], preferred: [WeightedPodAffinityTerm] = []
  ) {
    self.requiredDuringSchedulingIgnoredDuringExecution = required
    self.preferredDuringSchedulingIgnoredDuringExecution = preferred
  }
}

/// core/v1 `PodAntiAffinity`.
public struct PodAntiAffinity: Codable, Sendable, Hashable {
  public var requiredDuringSchedulingIgnoredDuringExecution: [PodAffinityTerm] = []
  public var preferredDuringSchedulingIgnoredDuringExecution: [WeightedPodAffinityTerm] = []
  public init(
    required: [PodAffinityTerm] = [], preferred: [WeightedPodAffinityTerm] = []
  ) {
    self.requiredDuringSchedulingIgnoredDuringExecution = required
    self.preferredDuringSchedulingIgnoredDuringExecution = preferred
  }
}

/// core/v1 `PodAffinityTerm`.
public struct PodAffinityTerm: Codable, Sendable, Hashable {
  public var labelSelector: LabelSelector? = nil
  public var namespaces: [String] = []
  public var topologyKey: String = ""
  public var namespaceSelector: LabelSelector? = nil
  public var matchLabelKeys: [String] = []
  public var mismatchLabelKeys: [String] = []

  public init(labelSelector: LabelSelector? = nil, namespaces: [String] = [], topologyKey: String) {
    self.labelSelector = labelSelector
    self.namespaces = namespaces
    self.topologyKey = topologyKey
  }
}

/// core/v1 `WeightedPodAffinityTerm`.
public struct WeightedPodAffinityTerm: Codable, Sendable, Hashable {
  public var weight: Int32 = 0
  public var podAffinityTerm: PodAffinityTerm = PodAffinityTerm(topologyKey: "")
  public init(weight: Int32, podAffinityTerm: PodAffinityTerm) {
    self.weight = weight
    self.podAffinityTerm = podAffinityTerm
  }
}
