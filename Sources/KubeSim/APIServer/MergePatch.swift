// MergePatch: RFC 7386 JSON merge patch (`kubectl patch --type merge`, and how kubectl's label,
// annotate, scale and apply reach the apiserver here).

public enum MergePatch {
  /// Applies `patch` to `target`: objects merge key by key, `null` deletes, anything else replaces.
  public static func apply(_ patch: JSON, to target: JSON) -> JSON {
    guard case .object(let p) = patch else { return patch }
    var result: OrderedDictionaryStringJSON
    if case .object(let t) = target { result = t } else { result = [:] }
    for (k, v) in p {
      if v.isNull {
        result[k] = nil
      } else {
        result[k] = apply(v, to: result[k] ?? .null)
      }
    }
    return .object(result)
  }

  /// The merge patch that turns `from` into `to` (lists are replaced whole).
  public static func diff(from: JSON, to: JSON) -> JSON? {
    guard case .object(let a) = from, case .object(let b) = to else {
      // Not `from == to ? nil : to`: JSON is ExpressibleByNilLiteral, so that `nil` would be `.null`.
      if from == to { return nil }
      return to
    }
    var patch = OrderedDictionaryStringJSON()
    for (k, v) in b {
      if let old = a[k] {
        if let d = diff(from: old, to: v) { patch[k] = d }
      } else {
        patch[k] = v
      }
    }
    for k in a.keys where b[k] == nil { patch[k] = .null }
    return patch.isEmpty ? nil : .object(patch)
  }
}
