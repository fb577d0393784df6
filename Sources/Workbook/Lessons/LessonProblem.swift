// LessonProblem: one thing wrong with a lesson file, reported as `file:line: message`.

public struct LessonProblem: Sendable, Hashable, Comparable, CustomStringConvertible {
  public var file: String
  public var line: Int
  public var message: String

  public init(file: String, line: Int, message: String) {
    self.file = file
    self.line = line
    self.message = message
  }

  /// `lessons/en/first-tick.md:12: unknown key "hint" in a lesson block`
  public var description: String { "\(file):\(line): \(message)" }

  public static func < (a: LessonProblem, b: LessonProblem) -> Bool {
    (a.file, a.line, a.message) < (b.file, b.line, b.message)
  }
}

/// "Did you mean …?" for misspelt keys, by edit distance.
enum Spelling {
  static func nearest(_ word: String, in candidates: [String]) -> String? {
    var best: (String, Int)? = nil
    for c in candidates {
      let d = distance(word.lowercased(), c.lowercased())
      if d <= 2, best == nil || d < best!.1 { best = (c, d) }
    }
    return best?.0
  }

  static func distance(_ a: String, _ b: String) -> Int {
    let x = Array(a)
    let y = Array(b)
    if x.isEmpty || y.isEmpty { return max(x.count, y.count) }
    var prev = Array(0...y.count)
    var cur = [Int](repeating: 0, count: y.count + 1)
    for i in 1...x.count {
      cur[0] = i
      for j in 1...y.count {
        cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
      }
      swap(&prev, &cur)
    }
    return prev[y.count]
  }

  /// `unknown key "titel" in the front matter (did you mean "title"?)`
  static func unknownKey(_ key: String, in place: String, known: [String]) -> String {
    var m = "unknown key \"\(key)\" in \(place)"
    if let near = nearest(key, in: known) {
      m += " (did you mean \"\(near)\"?)"
    } else {
      m += " (known: \(known.joined(separator: ", ")))"
    }
    return m
  }
}
