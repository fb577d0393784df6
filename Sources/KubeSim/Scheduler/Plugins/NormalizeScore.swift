// NormalizeScore: the shared NormalizeScore of count-based scorers (upstream
// plugins/helper/normalize_score.go, DefaultNormalizeScore).

extension Plugins {
  /// Scales the scores so the largest becomes `maxPriority`; `reverse` turns "more is worse" counts
  /// into scores (`max - score`). All zero: everything 0, or `maxPriority` when reversed.
  ///
  /// Trace (reverse, max 100): counts [0, 1, 2] → [100, 50, 0].
  static func defaultNormalizeScore(_ maxPriority: Int64, reverse: Bool, _ scores: inout [Int64]) {
    var maxCount: Int64 = 0
    for s in scores where s > maxCount { maxCount = s }
    if maxCount == 0 {
      if reverse { for i in scores.indices { scores[i] = maxPriority } }
      return
    }
    for i in scores.indices {
      var s = maxPriority * scores[i] / maxCount
      if reverse { s = maxPriority - s }
      scores[i] = s
    }
  }
}
