// PipeFilter: the text filters a console command's output may go through after `|`, as in the
// commands learners copy from the Kubernetes docs (`kubectl get pods | grep web`, `… | head -3`).
// Simulation: a shell runs these as programs; the console implements the common options of grep,
// head, tail, wc, sort and uniq itself, on the command's standard output (errors are not piped).
import Foundation

public struct PipeFilter: Sendable {
  public struct Failure: Error, CustomStringConvertible {
    public let description: String
  }

  /// The filters the console knows, for errors and help.
  public static let names = ["grep", "head", "tail", "wc", "sort", "uniq"]

  enum Kind: Sendable {
    case grep(pattern: String, invert: Bool, ignoreCase: Bool, fixed: Bool, word: Bool, count: Bool, numbers: Bool)
    case head(Int)
    case tail(Int, fromLine: Bool)
    case wc(lines: Bool, words: Bool, bytes: Bool)
    case sort(reverse: Bool, numeric: Bool, unique: Bool)
    case uniq(count: Bool)
  }

  let kind: Kind

  /// Reads `grep -i web` (the words after a `|`).
  public static func parse(_ words: [String]) throws -> PipeFilter {
    guard let name = words.first else {
      throw Failure(description: "error: a command is missing after |")
    }
    let args = Array(words.dropFirst())
    switch name {
    case "grep", "egrep", "fgrep": return try grep(name, args)
    case "head", "tail": return try headOrTail(name, args)
    case "wc":
      let flags = try shortFlags(name, args, allowed: "lwc")
      if flags.flags.isEmpty && !flags.operands.isEmpty {
        throw Failure(description: "error: wc: the console's wc reads only the piped output, not files")
      }
      let all = flags.flags.isEmpty
      return PipeFilter(
        kind: .wc(
          lines: all || flags.flags.contains("l"), words: all || flags.flags.contains("w"),
          bytes: all || flags.flags.contains("c")))
    case "sort":
      let flags = try shortFlags(name, args, allowed: "rnu")
      return PipeFilter(
        kind: .sort(
          reverse: flags.flags.contains("r"), numeric: flags.flags.contains("n"), unique: flags.flags.contains("u")))
    case "uniq":
      let flags = try shortFlags(name, args, allowed: "c")
      return PipeFilter(kind: .uniq(count: flags.flags.contains("c")))
    default:
      throw Failure(
        description:
          "error: \"\(name)\" cannot follow | in the kubelab console; it has \(names.joined(separator: ", "))")
    }
  }

  /// Short flags (`-vi`, `-n`) and the other words.
  private static func shortFlags(_ name: String, _ args: [String], allowed: String) throws -> (
    flags: Set<Character>, operands: [String]
  ) {
    var flags: Set<Character> = []
    var operands: [String] = []
    for a in args {
      if a.count > 1, a.hasPrefix("-"), !a.hasPrefix("--") {
        for c in a.dropFirst() {
          guard allowed.contains(c) else {
            throw Failure(
              description: "error: \(name): invalid option -- '\(c)' (the console's \(name) takes -\(allowed))")
          }
          flags.insert(c)
        }
      } else {
        operands.append(a)
      }
    }
    return (flags, operands)
  }

  private static func grep(_ name: String, _ args: [String]) throws -> PipeFilter {
    var pattern: String? = nil
    var flags: Set<Character> = name == "egrep" ? ["E"] : name == "fgrep" ? ["F"] : []
    var i = 0
    while i < args.count {
      let a = args[i]
      i += 1
      if a == "-e" || a == "--regexp" {
        guard i < args.count else { throw Failure(description: "error: grep: option requires an argument -- 'e'") }
        pattern = args[i]
        i += 1
      } else if a == "--" {
        if pattern == nil, i < args.count { pattern = args[i] }
        i = args.count
      } else if a.count > 1, a.hasPrefix("-"), !a.hasPrefix("--") {
        for c in a.dropFirst() {
          guard "viEFwcn".contains(c) else {
            throw Failure(
              description: "error: grep: invalid option -- '\(c)' (the console's grep takes -v -i -E -F -w -c -n)")
          }
          flags.insert(c)
        }
      } else if a.hasPrefix("--") {
        let long = [
          "--invert-match": "v", "--ignore-case": "i", "--extended-regexp": "E", "--fixed-strings": "F",
          "--word-regexp": "w", "--count": "c", "--line-number": "n",
        ]
        guard let c = long[a] else { throw Failure(description: "error: grep: unrecognized option '\(a)'") }
        flags.insert(Character(c))
      } else if pattern == nil {
        pattern = a
      } else {
        throw Failure(description: "error: grep: the console's grep reads only the piped output, not the file \(a)")
      }
    }
    guard let pattern else {
      throw Failure(description: "error: grep: a pattern is missing (usage: grep [-viEFwcn] PATTERN)")
    }
    if !flags.contains("F") {
      guard (try? NSRegularExpression(pattern: pattern)) != nil else {
        throw Failure(description: "error: grep: invalid regular expression \"\(pattern)\"")
      }
    }
    return PipeFilter(
      kind: .grep(
        pattern: pattern, invert: flags.contains("v"), ignoreCase: flags.contains("i"), fixed: flags.contains("F"),
        word: flags.contains("w"), count: flags.contains("c"), numbers: flags.contains("n")))
  }

  private static func headOrTail(_ name: String, _ args: [String]) throws -> PipeFilter {
    var count = 10
    var fromLine = false
    var i = 0
    func number(_ s: String) throws -> Int {
      var t = Substring(s)
      if name == "tail", t.hasPrefix("+") {
        fromLine = true
        t = t.dropFirst()
      }
      guard let n = Int(t), n >= 0 else {
        throw Failure(description: "error: \(name): invalid number of lines: '\(s)'")
      }
      return n
    }
    while i < args.count {
      let a = args[i]
      i += 1
      if a == "-n" || a == "--lines" {
        guard i < args.count else { throw Failure(description: "error: \(name): option requires an argument -- 'n'") }
        count = try number(args[i])
        i += 1
      } else if a.hasPrefix("--lines=") {
        count = try number(String(a.dropFirst("--lines=".count)))
      } else if a.hasPrefix("-n") {
        count = try number(String(a.dropFirst(2)))
      } else if a.count > 1, a.hasPrefix("-"), Int(a.dropFirst()) != nil {
        count = try number(String(a.dropFirst()))
      } else if a.hasPrefix("-") {
        throw Failure(description: "error: \(name): invalid option '\(a)' (the console's \(name) takes -n N)")
      } else {
        throw Failure(
          description: "error: \(name): the console's \(name) reads only the piped output, not the file \(a)")
      }
    }
    return name == "head" ? PipeFilter(kind: .head(count)) : PipeFilter(kind: .tail(count, fromLine: fromLine))
  }

  /// Applies the filter; `ok` is its exit status as a shell sees it (grep: whether a line matched).
  public func apply(_ text: String) -> (output: String, ok: Bool) {
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    if lines.last == "" { lines.removeLast() }
    func joined(_ ls: [String]) -> String { ls.isEmpty ? "" : ls.joined(separator: "\n") + "\n" }
    switch kind {
    case .grep(let pattern, let invert, let ignoreCase, let fixed, let word, let count, let numbers):
      var p = fixed ? NSRegularExpression.escapedPattern(for: pattern) : pattern
      if word { p = "\\b(?:" + p + ")\\b" }
      let re = try? NSRegularExpression(pattern: p, options: ignoreCase ? [.caseInsensitive] : [])
      var selected: [String] = []
      for (n, l) in lines.enumerated() {
        let found = re?.firstMatch(in: l, range: NSRange(l.startIndex..., in: l)) != nil
        if found != invert { selected.append(numbers ? "\(n + 1):\(l)" : l) }
      }
      return (count ? "\(selected.count)\n" : joined(selected), !selected.isEmpty)
    case .head(let n):
      return (joined(Array(lines.prefix(n))), true)
    case .tail(let n, let fromLine):
      return (joined(fromLine ? Array(lines.dropFirst(max(0, n - 1))) : Array(lines.suffix(n))), true)
    case .wc(let l, let w, let c):
      var fields: [String] = []
      if l { fields.append(String(lines.count)) }
      if w { fields.append(String(text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).count)) }
      if c { fields.append(String(text.utf8.count)) }
      // GNU wc on standard input: one count alone as it is; several right-aligned in 7 columns.
      let out =
        fields.count == 1
        ? fields[0] : fields.map { String(repeating: " ", count: max(0, 7 - $0.count)) + $0 }.joined(separator: " ")
      return (out + "\n", true)
    case .sort(let reverse, let numeric, let unique):
      var sorted = lines.sorted { a, b in
        if numeric {
          let x = Double(a.prefix { $0.isNumber || $0 == "." || $0 == "-" }) ?? 0
          let y = Double(b.prefix { $0.isNumber || $0 == "." || $0 == "-" }) ?? 0
          if x != y { return x < y }
        }
        return a < b
      }
      if reverse { sorted.reverse() }
      if unique {
        sorted = sorted.enumerated().filter { $0.offset == 0 || sorted[$0.offset - 1] != $0.element }.map(\.element)
      }
      return (joined(sorted), true)
    case .uniq(let count):
      var runs: [(String, Int)] = []
      for l in lines {
        if let last = runs.last, last.0 == l { runs[runs.count - 1].1 += 1 } else { runs.append((l, 1)) }
      }
      let out = runs.map {
        count ? String(repeating: " ", count: max(0, 7 - String($0.1).count)) + "\($0.1) \($0.0)" : $0.0
      }
      return (joined(out), true)
    }
  }
}
