// KeyRange: etcd's half-open key interval [key, range_end) and the prefix trick.

/// A set of keys the way etcd's requests name it: `key` plus `rangeEnd`.
///
/// - `rangeEnd` empty: just `key`.
/// - `rangeEnd` = `"\0"`: every key ≥ `key` (and with `key` = `"\0"` too: every key).
/// - otherwise: the half-open interval `[key, rangeEnd)` in byte order, so the prefix `/registry/pods/`
///   is `["/registry/pods/", "/registry/pods0")` (`/` + 1 = `0`).
///
/// Simulation: keys are Swift strings compared by Unicode scalar values, which is etcd's byte order
/// for the ASCII keys Kubernetes uses (and for any NFC-normalised UTF-8).
public struct EtcdKeyRange: Sendable, Hashable, CustomStringConvertible {
  public var key: String
  public var rangeEnd: String

  public init(_ key: String, rangeEnd: String = "") {
    self.key = key
    self.rangeEnd = rangeEnd
  }

  /// Every key that starts with `prefix` (clientv3's `WithPrefix`; an empty prefix means every key).
  public static func prefix(_ prefix: String) -> EtcdKeyRange {
    prefix.isEmpty ? EtcdKeyRange("\0", rangeEnd: "\0") : EtcdKeyRange(prefix, rangeEnd: prefixEnd(prefix))
  }

  /// Every key ≥ `key` (clientv3's `WithFromKey`).
  public static func fromKey(_ key: String) -> EtcdKeyRange {
    EtcdKeyRange(key.isEmpty ? "\0" : key, rangeEnd: "\0")
  }

  /// The smallest key greater than every key with this prefix: the last character plus one
  /// (clientv3's `GetPrefixRangeEnd`); `"\0"` (no upper bound) if there is none.
  public static func prefixEnd(_ prefix: String) -> String {
    var scalars = Array(prefix.unicodeScalars)
    while let last = scalars.popLast() {
      var next = last.value + 1
      if next == 0xD800 { next = 0xE000 }  // skip the surrogates, which are not scalars
      if let scalar = Unicode.Scalar(next) {
        scalars.append(scalar)
        var end = String.UnicodeScalarView()
        end.append(contentsOf: scalars)
        return String(end)
      }
    }
    return "\0"
  }

  /// Just one key.
  public var isSingleKey: Bool { rangeEnd.isEmpty }
  /// No upper bound.
  public var isUnbounded: Bool { rangeEnd == "\0" }

  public func contains(_ candidate: String) -> Bool {
    if isSingleKey { return candidate == key }
    if candidate < key { return false }
    return isUnbounded || candidate < rangeEnd
  }

  /// `foo`, `[foo, fop)` or `[foo, <open ended>`, as etcdctl writes ranges.
  public var description: String {
    if isSingleKey { return key }
    if isUnbounded { return "[\(key), <open ended>" }
    return "[\(key), \(rangeEnd))"
  }
}
