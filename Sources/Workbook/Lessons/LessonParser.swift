// LessonParser: reads a lesson file — YAML front matter, Markdown prose, `## ` steps with one
// fenced `lesson` block each — into a Lesson, collecting every problem with its line.
import Foundation
import KubeSim

public enum LessonParser {
  static let frontMatterKeys = ["id", "title", "language", "summary", "prerequisites", "cluster", "setup"]
  static let blockKeys = ["commands", "hints", "solution", "checks"]
  static let checkKinds = ["command", "message", "ran", "question"]
  static let checkKeys: [String: [String]] = [
    "command": ["equals", "contains", "matches"],
    "message": ["absent"],
    "ran": ["equals", "contains", "matches"],
    "question": ["choices", "answer", "predict", "explanation"],
  ]
  static let messageKeys = ["from", "to", "component", "verb", "object", "kind", "phase"]
  public static let languages = ["en", "zh"]

  /// Parses one lesson file. The lesson is nil when the file cannot be read as a lesson at all;
  /// otherwise it is returned even when there are problems (the linter reports them all).
  public static func parse(_ text: String, file: String) -> (lesson: Lesson?, problems: [LessonProblem]) {
    var p = Parse(file: file, text: text)
    let lesson = p.run()
    return (lesson, p.problems.sorted())
  }
}

/// The state of parsing one file.
private struct Parse {
  let file: String
  let lines: [String]
  var problems: [LessonProblem] = []

  init(file: String, text: String) {
    self.file = file
    var ls = text.split(separator: "\n", omittingEmptySubsequences: false).map {
      $0.hasSuffix("\r") ? String($0.dropLast()) : String($0)
    }
    if ls.last == "" { ls.removeLast() }
    lines = ls
  }

  mutating func problem(_ line: Int, _ message: String) {
    problems.append(LessonProblem(file: file, line: line, message: message))
  }

  // MARK: - The file

  mutating func run() -> Lesson? {
    guard let first = lines.first, first.trimmingCharacters(in: .whitespaces) == "---" else {
      problem(1, "missing front matter: a lesson starts with a line `---`, its settings in YAML, and `---`")
      return nil
    }
    guard
      let close = lines.indices.dropFirst().first(where: {
        let t = lines[$0].trimmingCharacters(in: .whitespaces)
        return t == "---" || t == "..."
      })
    else {
      problem(1, "the front matter is not closed by a line `---`")
      return nil
    }
    let yaml = lines[1..<close].joined(separator: "\n")
    let doc: YAMLBlock
    do {
      let docs = try YAMLReader.documents(yaml)
      doc = YAMLBlock(json: docs.first?.json ?? .object([:]), positions: docs.first?.positions ?? [:], offset: 1)
    } catch let e as YAMLSyntaxError {
      problem(e.line + 1, "bad YAML in the front matter: \(Self.shiftLines(e.message, by: 1))")
      return nil
    } catch {
      problem(2, "bad YAML in the front matter: \(error)")
      return nil
    }
    guard case .object(let o) = doc.json else {
      problem(2, "the front matter must be a mapping of settings (id, title, language …)")
      return nil
    }
    for key in o.keys where !LessonParser.frontMatterKeys.contains(key) {
      problem(keyLine(doc, key), Spelling.unknownKey(key, in: "the front matter", known: LessonParser.frontMatterKeys))
    }

    let id = requiredString(doc, "id") ?? ""
    if !id.isEmpty, !Self.isValidID(id) {
      problem(keyLine(doc, "id"), "id \"\(id)\" must be lowercase letters, digits and '-'")
    }
    let title = requiredString(doc, "title") ?? ""
    var language = requiredString(doc, "language") ?? ""
    if !language.isEmpty, !LessonParser.languages.contains(language) {
      problem(keyLine(doc, "language"), "language must be en or zh, not \"\(language)\"")
      language = ""
    }
    if !language.isEmpty {
      let folder = URL(fileURLWithPath: file).deletingLastPathComponent().lastPathComponent
      if LessonParser.languages.contains(folder), folder != language {
        problem(keyLine(doc, "language"), "language \(language) does not match the folder \(folder)/")
      }
    }
    var summary = ""
    if let s = o["summary"] {
      if let t = scalarText(s) { summary = t } else { problem(keyLine(doc, "summary"), "summary must be text") }
    }
    var prerequisites: [SourceText] = []
    if let v = o["prerequisites"] {
      for (path, item) in listItems(doc, "prerequisites", v) {
        guard let t = item.stringValue, !t.isEmpty else {
          problem(doc.line(path), "a prerequisite must be a lesson id")
          continue
        }
        prerequisites.append(SourceText(text: t, line: doc.line(path)))
      }
    }
    var cluster = ClusterOptions()
    if let c = o["cluster"] {
      cluster = clusterOptions(doc, c)
    }
    var setup: [ConsoleCommand] = []
    if let s = o["setup"] {
      setup = commands(doc, "setup", s)
    }

    let (introduction, steps) = body(from: close + 1)
    if steps.isEmpty {
      problem(close + 2 <= lines.count ? close + 2 : close + 1, "the lesson has no steps (`## ` sections)")
    }
    var digest = "\(o["cluster"]?.sortedKeys() ?? .null)"
    for c in setup { digest += "\n" + c.text }
    return Lesson(
      file: file, id: id, title: title, language: language, summary: summary, prerequisites: prerequisites,
      cluster: cluster, setup: setup, introduction: introduction, steps: steps,
      idLine: o["id"] != nil ? keyLine(doc, "id") : 1, fingerprint: Fingerprint.fnv1a(digest))
  }

  /// libyaml's "(… at line 4, column 10)" counts from the YAML's first line: make it a file line.
  static func shiftLines(_ message: String, by offset: Int) -> String {
    guard let re = try? NSRegularExpression(pattern: "at line ([0-9]+)") else { return message }
    var result = message
    for m in re.matches(in: message, range: NSRange(message.startIndex..., in: message)).reversed() {
      guard let r = Range(m.range(at: 1), in: message), let n = Int(message[r]) else { continue }
      result.replaceSubrange(r, with: String(n + offset))
    }
    return result
  }

  static func isValidID(_ id: String) -> Bool {
    guard let f = id.first, let l = id.last, f.isLetter || f.isNumber, l.isLetter || l.isNumber else { return false }
    return id.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" }
  }

  mutating func requiredString(_ doc: YAMLBlock, _ key: String) -> String? {
    guard let v = doc.json[key] else {
      problem(1, "missing \(key) in the front matter")
      return nil
    }
    guard let s = scalarText(v), !s.isEmpty else {
      problem(keyLine(doc, key), "\(key) must be non-empty text")
      return nil
    }
    return s
  }

  /// The cluster settings, read by the same code as `--cluster` files.
  mutating func clusterOptions(_ doc: YAMLBlock, _ json: JSON) -> ClusterOptions {
    do {
      return try ClusterOptions.from(json, file: "\u{1}")
    } catch let e as ClusterFileError {
      // The message reads "\u{1}: PATH: MESSAGE"; the path names the setting.
      var rest = Substring(e.message)
      if rest.hasPrefix("\u{1}: ") { rest = rest.dropFirst(3) }
      var path = ""
      var message = String(rest)
      if let r = rest.range(of: ": ") {
        path = String(rest[..<r.lowerBound])
        message = String(rest[r.upperBound...])
      }
      let full = path.isEmpty ? "cluster" : "cluster." + path
      problem(doc.line(full), "\(full): \(message)")
    } catch {
      problem(keyLine(doc, "cluster"), "cluster: \(error)")
    }
    return ClusterOptions()
  }

  /// Console commands given as one script (a string) or a list of scripts.
  mutating func commands(_ doc: YAMLBlock, _ path: String, _ value: JSON) -> [ConsoleCommand] {
    var result: [ConsoleCommand] = []
    let items: [(String, JSON)]
    if case .array = value { items = listItems(doc, path, value) } else { items = [(path, value)] }
    for (itemPath, item) in items {
      guard let text = scalarText(item) else {
        problem(doc.line(itemPath), "\(path): expected console commands as text")
        continue
      }
      let first = doc.scalarFirstLine(itemPath, lines: lines)
      do {
        let parsed = try ConsoleScript.parse(text, firstLine: first)
        if parsed.isEmpty { problem(doc.line(itemPath), "\(path): an empty command") }
        result += parsed
      } catch let e as ConsoleScript.ParseError {
        problem(first + e.line, "\(path): \(e.description)")
      } catch {
        problem(first, "\(path): \(error)")
      }
    }
    return result
  }

  /// The items of a list (a single scalar counts as a list of one), with their paths.
  mutating func listItems(_ doc: YAMLBlock, _ path: String, _ value: JSON) -> [(String, JSON)] {
    switch value {
    case .array(let items): return items.enumerated().map { ("\(path)[\($0.offset)]", $0.element) }
    case .null: return []
    case .object:
      problem(doc.line(path), "\(path): expected a list")
      return []
    default: return [(path, value)]
    }
  }

  /// The line of `key:` (the value may start on a later line).
  func keyLine(_ doc: YAMLBlock, _ path: String) -> Int {
    let valueLine = doc.line(path)
    let key = path.split(separator: ".").last.map { String($0.split(separator: "[").first ?? "") } ?? path
    var l = valueLine
    while l >= 1 && l > valueLine - 20 {
      guard l <= lines.count else { break }
      var t = lines[l - 1].trimmingCharacters(in: .whitespaces)
      if t.hasPrefix("- ") { t = String(t.dropFirst(2)).trimmingCharacters(in: .whitespaces) }
      if t.hasPrefix(key + ":") || t.hasPrefix("\"\(key)\":") || t.hasPrefix("'\(key)':") { return l }
      if t.hasPrefix("{") || t.contains(key + ":") { return l }
      l -= 1
    }
    return valueLine
  }

  // MARK: - The body

  /// Splits the Markdown after the front matter into the introduction and the steps.
  mutating func body(from start: Int) -> (String, [LessonStep]) {
    var intro: [String] = []
    var steps: [LessonStep] = []
    var current: (title: String, line: Int, prose: [String], blocks: [(line: Int, text: String)])? = nil
    var i = start
    while i < lines.count {
      let raw = lines[i]
      let lineNo = i + 1
      if let fence = Fence.open(raw) {
        // Collect the fenced block.
        var content: [String] = []
        var j = i + 1
        var closed = false
        while j < lines.count {
          if fence.closes(lines[j]) {
            closed = true
            break
          }
          content.append(lines[j])
          j += 1
        }
        if !closed { problem(lineNo, "code block is not closed by \(fence.marker)") }
        if fence.info == "lesson" {
          if current == nil {
            problem(lineNo, "a lesson block outside a step: put it under a `## ` heading")
          } else {
            current!.blocks.append((lineNo, content.joined(separator: "\n")))
          }
        } else {
          let block = Array(lines[i..<min(j + 1, lines.count)])
          if current == nil { intro += block } else { current!.prose += block }
        }
        i = j + 1
        continue
      }
      if raw.hasPrefix("## ") {
        if let c = current { steps.append(step(c)) }
        current = (String(raw.dropFirst(3)).trimmingCharacters(in: .whitespaces), lineNo, [], [])
      } else if current == nil {
        intro.append(raw)
      } else {
        current!.prose.append(raw)
      }
      i += 1
    }
    if let c = current { steps.append(step(c)) }
    return (Self.trimBlankLines(intro), steps)
  }

  static func trimBlankLines(_ lines: [String]) -> String {
    var ls = lines
    while let f = ls.first, f.trimmingCharacters(in: .whitespaces).isEmpty { ls.removeFirst() }
    while let l = ls.last, l.trimmingCharacters(in: .whitespaces).isEmpty { ls.removeLast() }
    return ls.joined(separator: "\n")
  }

  mutating func step(_ s: (title: String, line: Int, prose: [String], blocks: [(line: Int, text: String)]))
    -> LessonStep
  {
    var step = LessonStep(
      title: s.title, line: s.line, prose: Self.trimBlankLines(s.prose), commands: [], hints: [], solution: [],
      checks: [])
    if s.title.isEmpty { problem(s.line, "a step needs a title after `## `") }
    guard let block = s.blocks.first else {
      problem(s.line, "step \"\(s.title)\" has no checks (add a ```lesson block with checks:)")
      return step
    }
    for extra in s.blocks.dropFirst() {
      problem(extra.line, "a second lesson block in step \"\(s.title)\": put everything in one block")
    }
    let doc: YAMLBlock
    do {
      let docs = try YAMLReader.documents(block.text)
      doc = YAMLBlock(
        json: docs.first?.json ?? .object([:]), positions: docs.first?.positions ?? [:], offset: block.line)
    } catch let e as YAMLSyntaxError {
      problem(block.line + e.line, "bad YAML in the lesson block: \(Self.shiftLines(e.message, by: block.line))")
      return step
    } catch {
      problem(block.line, "bad YAML in the lesson block: \(error)")
      return step
    }
    guard case .object(let o) = doc.json else {
      problem(block.line, "a lesson block must be a mapping (commands, hints, solution, checks)")
      return step
    }
    for key in o.keys where !LessonParser.blockKeys.contains(key) {
      problem(keyLine(doc, key), Spelling.unknownKey(key, in: "a lesson block", known: LessonParser.blockKeys))
    }
    if let c = o["commands"] { step.commands = commands(doc, "commands", c) }
    if let h = o["hints"] {
      for (path, item) in listItems(doc, "hints", h) {
        guard let t = scalarText(item), !t.isEmpty else {
          problem(doc.line(path), "a hint must be text")
          continue
        }
        step.hints.append(t.trimmingCharacters(in: .whitespacesAndNewlines))
      }
    }
    if let sol = o["solution"] { step.solution = commands(doc, "solution", sol) }
    if let cs = o["checks"] {
      for (path, item) in listItems(doc, "checks", cs) {
        if let c = check(doc, path, item) { step.checks.append(c) }
      }
    }
    if o["checks"] == nil || (o["checks"]?.arrayValue?.isEmpty ?? false) {
      problem(block.line, "step \"\(s.title)\" has no checks")
    }
    return step
  }

  // MARK: - Checks

  mutating func check(_ doc: YAMLBlock, _ path: String, _ json: JSON) -> LessonCheck? {
    let line = doc.line(path)
    guard case .object(let o) = json else {
      problem(line, "a check must be a mapping such as `command: …` with `equals: …`")
      return nil
    }
    let kinds = o.keys.filter { LessonParser.checkKinds.contains($0) }
    guard let kind = kinds.first else {
      let keys = o.keys.filter { $0 != "description" }
      problem(
        line,
        "check of unknown kind\(keys.isEmpty ? "" : " (\(keys.joined(separator: ", ")))"): use command, message, ran or question"
      )
      return nil
    }
    if kinds.count > 1 {
      problem(line, "a check has one kind, not \(kinds.joined(separator: " and ")): split it into separate checks")
      return nil
    }
    let allowed = LessonParser.checkKeys[kind]! + [kind, "description"]
    for key in o.keys where !allowed.contains(key) {
      problem(keyLine(doc, "\(path).\(key)"), Spelling.unknownKey(key, in: "a \(kind) check", known: allowed))
    }
    var description = ""
    if let d = o["description"] {
      if let t = scalarText(d) {
        description = t
      } else {
        problem(doc.line("\(path).description"), "description must be text")
      }
    }
    let value = o[kind]!
    let valueLine = doc.line("\(path).\(kind)")
    switch kind {
    case "command":
      guard let command = value.stringValue, !command.isEmpty else {
        problem(valueLine, "command: expected a console command")
        return nil
      }
      let given = ["equals", "contains", "matches"].filter { o[$0] != nil }
      guard given.count == 1 else {
        problem(
          line,
          given.isEmpty
            ? "a command check needs equals, contains or matches"
            : "a command check takes one of equals, contains or matches, not \(given.joined(separator: " and "))")
        return nil
      }
      guard let found = expectation(doc, json, path, line, kind: "a command check"), let expectation = found else {
        return nil
      }
      if ConsoleScript.heredoc(command) != nil {
        problem(valueLine, "a check's command cannot take a here-document")
      }
      return LessonCheck(
        kind: .command(command, expectation), description: description, line: line)
    case "message":
      guard case .object(let m) = value else {
        problem(valueLine, "message: expected a mapping such as {from: scheduler, verb: POST}")
        return nil
      }
      var filter = MessageFilter()
      var ok = true
      for key in m.keys where !LessonParser.messageKeys.contains(key) {
        problem(
          keyLine(doc, "\(path).message.\(key)"),
          Spelling.unknownKey(key, in: "a message check", known: LessonParser.messageKeys))
        ok = false
      }
      for key in ["from", "to", "component"] {
        guard let v = m[key] else { continue }
        guard let s = scalarText(v), Component.parse(s) != nil else {
          problem(
            doc.line("\(path).message.\(key)"),
            "message.\(key): unknown component \"\(scalarText(v) ?? v.typeName)\" (components: kubectl, apiserver, etcd, scheduler, controller-manager, kubelet, runtime, kube-proxy, coredns, dashboard; add @NODE for one node)"
          )
          ok = false
          continue
        }
        switch key {
        case "from": filter.from = s
        case "to": filter.to = s
        default: filter.component = s
        }
      }
      if let v = m["verb"] { filter.verb = scalarText(v) }
      if let v = m["object"] { filter.object = scalarText(v) }
      if let v = m["kind"] {
        let s = scalarText(v) ?? ""
        guard let k = MessageKind(rawValue: s == "watch-event" ? "watch" : s) else {
          problem(doc.line("\(path).message.kind"), "message.kind: \"\(s)\" is not request, response, watch or cri")
          return nil
        }
        filter.kind = k
      }
      if let v = m["phase"] {
        let s = scalarText(v) ?? ""
        guard let p = Phase.allCases.first(where: { $0.description == s }) else {
          problem(
            doc.line("\(path).message.phase"),
            "message.phase: \"\(s)\" is not a phase (report, store, schedule, dispatch, run, reconcile)")
          return nil
        }
        filter.phase = p
      }
      if filter.isEmpty, ok {
        problem(valueLine, "message: say which message, e.g. {from: scheduler, verb: POST, object: \"pods/*/binding\"}")
        ok = false
      }
      var absent = false
      if let a = o["absent"] {
        guard let b = a.boolValue else {
          problem(doc.line("\(path).absent"), "absent: expected true or false")
          return nil
        }
        absent = b
      }
      guard ok else { return nil }
      return LessonCheck(kind: .message(filter, absent: absent), description: description, line: line)
    case "ran":
      guard let pattern = scalarText(value), !pattern.isEmpty else {
        problem(valueLine, "ran: expected a regular expression")
        return nil
      }
      guard regexCompiles(pattern, valueLine) else { return nil }
      guard let output = expectation(doc, json, path, line, kind: "a ran check") else { return nil }
      return LessonCheck(kind: .ran(pattern, output), description: description, line: line)
    default:
      guard let text = scalarText(value), !text.isEmpty else {
        problem(valueLine, "question: expected the question's text")
        return nil
      }
      var q = LessonQuestion(text: text, choices: [], answers: [], predict: false, explanation: "")
      if let c = o["choices"] {
        for (p, item) in listItems(doc, "\(path).choices", c) {
          guard let t = scalarText(item) else {
            problem(doc.line(p), "a choice must be text")
            continue
          }
          q.choices.append(t)
        }
      }
      guard let a = o["answer"] else {
        problem(line, "a question needs an answer")
        return nil
      }
      for (p, item) in listItems(doc, "\(path).answer", a) {
        guard let t = scalarText(item), !t.isEmpty else {
          problem(doc.line(p), "an answer must be text")
          continue
        }
        if !q.choices.isEmpty,
          !q.choices.contains(where: { LessonQuestion.normalize($0) == LessonQuestion.normalize(t) })
        {
          problem(doc.line(p), "answer \"\(t)\" is not among the choices")
        }
        q.answers.append(t)
      }
      if q.answers.isEmpty { return nil }
      if let pr = o["predict"] {
        guard let b = pr.boolValue else {
          problem(doc.line("\(path).predict"), "predict: expected true or false")
          return nil
        }
        q.predict = b
      }
      if let e = o["explanation"] {
        if let t = scalarText(e) {
          q.explanation = t.trimmingCharacters(in: .whitespacesAndNewlines)
        } else {
          problem(doc.line("\(path).explanation"), "explanation must be text")
        }
      }
      return LessonCheck(kind: .question(q), description: description, line: line)
    }
  }

  /// What a check expects of an output: `equals`, `contains` or `matches` (at most one). nil after a
  /// problem; `.some(nil)` when the check gives none.
  mutating func expectation(
    _ doc: YAMLBlock, _ o: JSON, _ path: String, _ line: Int, kind: String
  ) -> OutputExpectation?? {
    let given = ["equals", "contains", "matches"].filter { o[$0] != nil }
    guard let key = given.first else { return .some(nil) }
    guard given.count == 1 else {
      problem(line, "\(kind) takes one of equals, contains or matches, not \(given.joined(separator: " and "))")
      return nil
    }
    guard let expected = scalarText(o[key]!) else {
      problem(doc.line("\(path).\(key)"), "\(key): expected text")
      return nil
    }
    switch key {
    case "equals": return .some(.equals(expected))
    case "contains": return .some(.contains(expected))
    default:
      guard regexCompiles(expected, doc.line("\(path).\(key)")) else { return nil }
      return .some(.matches(expected))
    }
  }

  mutating func regexCompiles(_ pattern: String, _ line: Int) -> Bool {
    do {
      _ = try NSRegularExpression(pattern: pattern)
      return true
    } catch {
      problem(line, "invalid regular expression \"\(pattern)\"")
      return false
    }
  }

  /// A scalar as text: strings as they are, numbers and booleans as written in YAML.
  func scalarText(_ v: JSON) -> String? {
    switch v {
    case .string(let s): return s
    case .int(let i): return String(i)
    case .double(let d): return d.rounded() == d && abs(d) < 1e15 ? String(Int64(d)) : String(d)
    case .bool(let b): return b ? "true" : "false"
    default: return nil
    }
  }
}

/// A parsed YAML document placed in the file: `offset` is the file line before its first line.
private struct YAMLBlock {
  let json: JSON
  let positions: [String: SourcePosition]
  let offset: Int

  /// The file line of `path`, or of its nearest ancestor with a position.
  func line(_ path: String) -> Int {
    var p = path
    while true {
      if let pos = positions[p] { return pos.line + offset }
      if p.isEmpty { return 1 + offset }
      if p.hasSuffix("]"), let open = p.lastIndex(of: "[") {
        p = String(p[..<open])
      } else if let dot = p.lastIndex(of: ".") {
        p = String(p[..<dot])
      } else {
        p = ""
      }
    }
  }

  /// The file line of a scalar's first line of text: the next line for block scalars (`|`, `>`).
  func scalarFirstLine(_ path: String, lines: [String]) -> Int {
    guard let pos = positions[path] else { return line(path) }
    let fileLine = pos.line + offset
    guard fileLine >= 1, fileLine <= lines.count else { return fileLine }
    let text = Array(lines[fileLine - 1])
    let col = max(0, pos.column - 1)
    if col < text.count, text[col] == "|" || text[col] == ">" { return fileLine + 1 }
    return fileLine
  }
}

/// A Markdown code fence (``` or ~~~).
private struct Fence {
  let marker: String
  let info: String

  static func open(_ line: String) -> Fence? {
    let indent = line.prefix { $0 == " " }.count
    guard indent <= 3 else { return nil }
    let rest = line.dropFirst(indent)
    guard let ch = rest.first, ch == "`" || ch == "~" else { return nil }
    let run = rest.prefix { $0 == ch }.count
    guard run >= 3 else { return nil }
    let info = rest.dropFirst(run).trimmingCharacters(in: .whitespaces)
    if ch == "`" && info.contains("`") { return nil }
    return Fence(
      marker: String(repeating: ch, count: run),
      info: String(info.split(separator: " ").first ?? ""))
  }

  func closes(_ line: String) -> Bool {
    let t = line.trimmingCharacters(in: .whitespaces)
    guard let ch = marker.first, t.count >= marker.count, t.allSatisfy({ $0 == ch }) else { return false }
    return line.prefix { $0 == " " }.count <= 3
  }
}

/// A short stable digest (FNV-1a, 64 bits) for telling whether a lesson's start changed.
enum Fingerprint {
  static func fnv1a(_ s: String) -> String {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in s.utf8 {
      h ^= UInt64(b)
      h = h &* 0x100_0000_01b3
    }
    let hex = String(h, radix: 16)
    return String(repeating: "0", count: 16 - hex.count) + hex
  }
}
