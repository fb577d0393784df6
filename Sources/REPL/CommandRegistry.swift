// CommandRegistry: the console's commands by name and alias, and "did you mean".

public final class CommandRegistry {
  public private(set) var commands: [any REPLCommand] = []

  public init(_ commands: [any REPLCommand]) { self.commands = commands }

  public func register(_ c: any REPLCommand) { commands.append(c) }

  public func command(named name: String) -> (any REPLCommand)? {
    commands.first { $0.name == name || $0.aliases.contains(name) }
  }

  /// Every name and alias, sorted.
  public var names: [String] { commands.flatMap { [$0.name] + $0.aliases }.sorted() }

  /// The closest known name within a small edit distance.
  public func nearest(to word: String) -> String? {
    Suggest.nearest(to: word, in: names)
  }
}

/// Suggestions for typos, by Levenshtein distance (as kubectl and cobra suggest).
public enum Suggest {
  public static func nearest(to word: String, in candidates: [String], maxDistance: Int = 2) -> String? {
    var best: (String, Int)? = nil
    for c in candidates {
      let d = distance(word, c)
      if d <= maxDistance, best == nil || d < best!.1 { best = (c, d) }
    }
    if best == nil, word.count >= 2 { return candidates.first { $0.hasPrefix(word) } }
    return best?.0
  }

  public static func distance(_ a: String, _ b: String) -> Int {
    let x = Array(a)
    let y = Array(b)
    if x.isEmpty { return y.count }
    if y.isEmpty { return x.count }
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
}
