// Backoff: client-go's flowcontrol.Backoff — per-key exponential back-off (10 s doubling to 300 s),
// forgotten after twice the maximum without use. The kubelet keeps one for crashing containers and
// one for image pulls.

/// Exponential back-off per key, on simulated seconds.
struct Backoff {
  let initial: Int64
  let max: Int64
  private var entries: [String: (backoff: Int64, lastUpdate: Int64)] = [:]

  init(initial: Int64 = 10, max: Int64 = 300) {
    self.initial = initial
    self.max = max
  }

  /// The current back-off of `key` (0 if none).
  func get(_ key: String) -> Int64 { entries[key]?.backoff ?? 0 }

  private func expired(_ key: String, now: Int64) -> Bool {
    guard let e = entries[key] else { return true }
    return now - e.lastUpdate > max * 2
  }

  /// Upstream `Next`: start at `initial`, or double (up to `max`); starts over when the entry was
  /// last updated more than twice the maximum before `eventTime`.
  mutating func next(_ key: String, eventTime: Int64, now: Int64) {
    if let e = entries[key], !expired(key, now: eventTime) {
      entries[key] = (Swift.min(e.backoff * 2, max), now)
    } else {
      entries[key] = (initial, now)
    }
  }

  /// Upstream `IsInBackOffSince`: less than the back-off has passed since `eventTime`.
  func isInBackOffSince(_ key: String, eventTime: Int64, now: Int64) -> Bool {
    guard let e = entries[key], !expired(key, now: now) else { return false }
    return now - eventTime < e.backoff
  }

  /// Upstream `IsInBackOffSinceUpdate`: less than the back-off has passed since the last `next`.
  func isInBackOffSinceUpdate(_ key: String, now: Int64) -> Bool {
    guard let e = entries[key], !expired(key, now: now) else { return false }
    return now - e.lastUpdate < e.backoff
  }

  /// When `isInBackOffSince(eventTime)` turns false.
  func end(_ key: String, eventTime: Int64) -> Int64 { eventTime + (entries[key]?.backoff ?? 0) }

  /// When `isInBackOffSinceUpdate` turns false.
  func endSinceUpdate(_ key: String) -> Int64 {
    guard let e = entries[key] else { return 0 }
    return e.lastUpdate + e.backoff
  }

  mutating func reset(_ key: String) { entries[key] = nil }

  /// Drops entries unused for twice the maximum.
  mutating func gc(now: Int64) {
    entries = entries.filter { now - $0.value.lastUpdate <= max * 2 }
  }
}

/// Go's `time.Duration.String()` for whole seconds: `10s`, `1m20s`, `5m0s`.
func goDuration(seconds s: Int64) -> String {
  if s < 60 { return "\(s)s" }
  if s < 3600 { return "\(s / 60)m\(s % 60)s" }
  return "\(s / 3600)h\(s % 3600 / 60)m\(s % 60)s"
}

/// Go's `time.Duration.String()` for fractional seconds truncated to milliseconds: `888ms`, `4.2s`.
func goDuration(_ seconds: Double) -> String {
  let ms = Int64((seconds * 1000).rounded(.down))
  if ms < 1000 { return "\(ms)ms" }
  if ms < 60_000 {
    var frac = String(ms % 1000)
    frac = String(repeating: "0", count: 3 - frac.count) + frac
    while frac.hasSuffix("0") { frac.removeLast() }
    return frac.isEmpty ? "\(ms / 1000)s" : "\(ms / 1000).\(frac)s"
  }
  let whole = ms / 1000
  var frac = String(ms % 1000)
  frac = String(repeating: "0", count: 3 - frac.count) + frac
  while frac.hasSuffix("0") { frac.removeLast() }
  let secs = frac.isEmpty ? "\(whole % 60)s" : "\(whole % 60).\(frac)s"
  return whole < 3600 ? "\(whole / 60)m\(secs)" : "\(whole / 3600)h\(whole % 3600 / 60)m\(secs)"
}
