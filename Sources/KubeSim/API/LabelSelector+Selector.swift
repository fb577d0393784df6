// LabelSelector+Selector: turning the API form of a label selector into a Selector (metav1.LabelSelectorAsSelector).

extension LabelSelector {
  /// The selector this API object stands for (LabelSelectorAsSelector). An empty
  /// LabelSelector (`selector: {}`) selects everything; see `Optional.asSelector()` for nil.
  /// `matchLabels` become `key=value` requirements and `matchExpressions` keep their values
  /// as given; operators are In, NotIn, Exists and DoesNotExist, checked as upstream does.
  public func asSelector() throws(SelectorError) -> Selector {
    let labels = matchLabels ?? [:]
    let expressions = matchExpressions ?? []
    if labels.isEmpty && expressions.isEmpty { return .everything }
    var requirements: [Selector.Requirement] = []
    // Upstream walks a Go map here; sorted keys make the first error deterministic.
    for key in labels.keys.sorted(by: GoFormat.less) {
      requirements.append(try Selector.Requirement(key: key, operator: .equals, values: [labels[key]!]))
    }
    for expression in expressions {
      let op: Selector.Operator
      switch expression.operator {
      case "In": op = .in
      case "NotIn": op = .notIn
      case "Exists": op = .exists
      case "DoesNotExist": op = .doesNotExist
      default:
        throw SelectorError("\(GoFormat.quoted(expression.operator)) is not a valid pod selector operator")
      }
      requirements.append(
        try Selector.Requirement(
          key: expression.key, operator: op, values: expression.values ?? [], nilValues: true))
    }
    return Selector(requirements)
  }

  /// How kubectl prints a selector (FormatLabelSelector): `app=nginx`, `<none>` when it
  /// selects everything or nothing, `<error>` when it is invalid.
  public var formatted: String { Optional(self).formatted }
}

extension Optional where Wrapped == LabelSelector {
  /// LabelSelectorAsSelector for a selector that may be missing: nil selects nothing, so a
  /// controller with no selector adopts no pods. A present one behaves as
  /// `LabelSelector.asSelector()`.
  public func asSelector() throws(SelectorError) -> Selector {
    guard let selector = self else { return .nothing }
    return try selector.asSelector()
  }

  /// FormatLabelSelector: `<none>` for nil or empty, `<error>` when invalid.
  public var formatted: String {
    guard let selector = try? asSelector() else { return "<error>" }
    let text = selector.description
    return text.isEmpty ? "<none>" : text
  }
}
