// LabelSelector: the API form of a label selector (metav1.LabelSelector).

public struct LabelSelector: Codable, Sendable, Hashable {
  public var matchLabels: [String: String]? = nil
  public var matchExpressions: [LabelSelectorRequirement]? = nil

  public init(matchLabels: [String: String]? = nil, matchExpressions: [LabelSelectorRequirement]? = nil) {
    self.matchLabels = matchLabels
    self.matchExpressions = matchExpressions
  }
}

/// One `matchExpressions` entry: `key`, `operator` (In, NotIn, Exists, DoesNotExist), `values`.
public struct LabelSelectorRequirement: Codable, Sendable, Hashable {
  public var key: String = ""
  public var `operator`: String = ""
  public var values: [String]? = nil

  public init(key: String, operator op: String, values: [String]? = nil) {
    self.key = key
    self.operator = op
    self.values = values
  }
}
