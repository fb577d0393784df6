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

// MARK: - Buckets

extension EtcdKeyRange {
  /// A number for the key's first two path segments (`/registry/pods/` of
  /// `/registry/pods/default/web`), 0 if it has fewer. Two keys in different buckets never share a
  /// prefix that deep, so a watch can skip most events by comparing numbers instead of keys.
  /// (A hash: equal buckets still need the exact test; the value never reaches any output.)
  static func bucket(of key: String) -> Int {
    guard key.utf8.first == UInt8(ascii: "/") else { return 0 }
    var slashes = 0
    for i in key.utf8.indices where key.utf8[i] == UInt8(ascii: "/") {
      slashes += 1
      if slashes == 3 {
        let hash = key[...i].hashValue
        return hash == 0 ? 1 : hash
      }
    }
    return 0
  }

  /// The bucket every key of this range falls in, or nil if the range spans buckets.
  var sharedBucket: Int? {
    if isSingleKey { return Self.bucket(of: key) }
    guard key.utf8.first == UInt8(ascii: "/"), !isUnbounded else { return nil }
    var slashes = 0
    for i in key.utf8.indices where key.utf8[i] == UInt8(ascii: "/") {
      slashes += 1
      if slashes == 3 {
        let top = String(key[...i])
        return rangeEnd <= Self.prefixEnd(top) ? Self.bucket(of: top) : nil
      }
    }
    return nil
  }
}
