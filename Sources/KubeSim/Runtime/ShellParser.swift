// ShellParser: reads the POSIX shell scripts containers run (`sh -c "…"`) into a small syntax tree.
// Simulation: a subset of sh — lists, && and ||, pipes, while/until/for/if, { }, redirections,
// $VAR, ${VAR}, $(cmd), $((arith)); no functions, globbing, here-documents or job control.

/// A piece of a word, before expansion.
enum WordPart: Hashable {
  /// Literal text; `quoted` text is never split into fields.
  case literal(String, quoted: Bool)
  /// `$NAME`, `${NAME}`, `$?`, `$$`; `quoted` inside double quotes.
  case parameter(String, quoted: Bool)
  /// `$(…)` or `` `…` ``.
  case command(String, quoted: Bool)
  /// `$((…))`.
  case arithmetic(String)
}

typealias Word = [WordPart]

/// An output redirection (`> file`, `>> file`, `2>&1` …). Input redirections read a file into stdin.
struct Redirect: Hashable {
  enum Kind: Hashable { case write, append, read, mergeErr, discardErr }
  var kind: Kind
  var target: Word
}

/// One command of the syntax tree.
indirect enum ShellNode {
  case simple(assignments: [(String, Word)], words: [Word], redirects: [Redirect])
  case pipeline([ShellNode], negated: Bool)
  case and(ShellNode, ShellNode)
  case or(ShellNode, ShellNode)
  case list([ShellNode])
  case loop(condition: ShellNode, body: ShellNode, until: Bool)
  case forLoop(variable: String, words: [Word]?, body: ShellNode)
  case ifThen(clauses: [(ShellNode, ShellNode)], otherwise: ShellNode?)
  case group(ShellNode, redirects: [Redirect])

  /// A command given as argv (the exec form of a container's command): no expansion at all.
  static func exec(_ argv: [String]) -> ShellNode {
    .simple(assignments: [], words: argv.map { [.literal($0, quoted: true)] }, redirects: [])
  }
}

/// A syntax error, worded as busybox sh words them.
struct ShellSyntaxError: Error, CustomStringConvertible {
  var message: String
  var description: String { "sh: syntax error: \(message)" }
}

/// Tokens of the shell language.
enum ShellToken: Hashable {
  case word(Word, raw: String)
  case op(String)
}

struct ShellParser {
  private var tokens: [ShellToken]
  private var pos = 0

  /// Parses a whole script.
  static func parse(_ script: String) throws(ShellSyntaxError) -> ShellNode {
    var p = ShellParser(tokens: try ShellLexer.tokenize(script))
    let list = try p.parseList(until: [])
    if p.pos < p.tokens.count {
      throw ShellSyntaxError(message: "unexpected \(p.describe(p.tokens[p.pos]))")
    }
    return list
  }

  private init(tokens: [ShellToken]) { self.tokens = tokens }

  private func describe(_ t: ShellToken) -> String {
    switch t {
    case .op(let o): return o == "\n" ? "newline" : "\"\(o)\""
    case .word(_, let raw): return "\"\(raw)\""
    }
  }

  private var peek: ShellToken? { pos < tokens.count ? tokens[pos] : nil }

  private func isKeyword(_ t: ShellToken?, _ words: Set<String>) -> Bool {
    if case .word(let w, let raw)? = t, w.count == 1, case .literal(_, false) = w[0] { return words.contains(raw) }
    return false
  }

  private mutating func skipNewlines() {
    while case .op(let o)? = peek, o == "\n" || o == ";" { pos += 1 }
  }

  private mutating func expectKeyword(_ k: String) throws(ShellSyntaxError) {
    skipNewlines()
    guard isKeyword(peek, [k]) else {
      throw ShellSyntaxError(
        message: peek.map { "unexpected \(describe($0)) (expecting \"\(k)\")" }
          ?? "unexpected end of file (expecting \"\(k)\")")
    }
    pos += 1
  }

  /// list := and_or ((; | & | newline) and_or)*, stopping at one of `terminators` (keywords).
  private mutating func parseList(until terminators: Set<String>) throws(ShellSyntaxError) -> ShellNode {
    var items: [ShellNode] = []
    while true {
      skipNewlines()
      guard let t = peek else { break }
      if isKeyword(t, terminators) { break }
      if case .op(let o) = t, o == ")" || o == "}" { break }
      if isKeyword(t, ["}"]) { break }
      items.append(try parseAndOr())
      if case .op(let o)? = peek, o == ";" || o == "&" || o == "\n" {
        pos += 1
        continue
      }
      if peek == nil || isKeyword(peek, terminators.union(["}"])) { break }
      if case .op(let o)? = peek, o == ")" { break }
    }
    return items.count == 1 ? items[0] : .list(items)
  }

  private mutating func parseAndOr() throws(ShellSyntaxError) -> ShellNode {
    var node = try parsePipeline()
    while case .op(let o)? = peek, o == "&&" || o == "||" {
      pos += 1
      while case .op("\n")? = peek { pos += 1 }
      let rhs = try parsePipeline()
      node = o == "&&" ? .and(node, rhs) : .or(node, rhs)
    }
    return node
  }

  private mutating func parsePipeline() throws(ShellSyntaxError) -> ShellNode {
    var negated = false
    if isKeyword(peek, ["!"]) {
      negated = true
      pos += 1
    }
    var cmds = [try parseCommand()]
    while case .op("|")? = peek {
      pos += 1
      cmds.append(try parseCommand())
    }
    if cmds.count == 1 && !negated { return cmds[0] }
    return .pipeline(cmds, negated: negated)
  }

  private mutating func parseCommand() throws(ShellSyntaxError) -> ShellNode {
    guard let t = peek else { throw ShellSyntaxError(message: "unexpected end of file") }
    if isKeyword(t, ["while", "until"]) {
      let until = isKeyword(t, ["until"])
      pos += 1
      let cond = try parseList(until: ["do"])
      try expectKeyword("do")
      let body = try parseList(until: ["done"])
      try expectKeyword("done")
      return .group(.loop(condition: cond, body: body, until: until), redirects: try parseRedirects())
    }
    if isKeyword(t, ["for"]) {
      pos += 1
      guard case .word(_, let name)? = peek else { throw ShellSyntaxError(message: "unexpected end of file") }
      pos += 1
      var words: [Word]? = nil
      while case .op("\n")? = peek { pos += 1 }
      if isKeyword(peek, ["in"]) {
        pos += 1
        var ws: [Word] = []
        while case .word(let w, _)? = peek {
          ws.append(w)
          pos += 1
        }
        words = ws
      }
      try expectKeyword("do")
      let body = try parseList(until: ["done"])
      try expectKeyword("done")
      return .group(.forLoop(variable: name, words: words, body: body), redirects: try parseRedirects())
    }
    if isKeyword(t, ["if"]) {
      pos += 1
      var clauses: [(ShellNode, ShellNode)] = []
      var otherwise: ShellNode? = nil
      let cond = try parseList(until: ["then"])
      try expectKeyword("then")
      let body = try parseList(until: ["elif", "else", "fi"])
      clauses.append((cond, body))
      while true {
        skipNewlines()
        if isKeyword(peek, ["elif"]) {
          pos += 1
          let c = try parseList(until: ["then"])
          try expectKeyword("then")
          clauses.append((c, try parseList(until: ["elif", "else", "fi"])))
        } else if isKeyword(peek, ["else"]) {
          pos += 1
          otherwise = try parseList(until: ["fi"])
        } else {
          break
        }
      }
      try expectKeyword("fi")
      return .group(.ifThen(clauses: clauses, otherwise: otherwise), redirects: try parseRedirects())
    }
    if isKeyword(t, ["{"]) {
      pos += 1
      let body = try parseList(until: ["}"])
      try expectKeyword("}")
      return .group(body, redirects: try parseRedirects())
    }
    if case .op("(") = t {
      pos += 1
      let body = try parseList(until: [])
      guard case .op(")")? = peek else { throw ShellSyntaxError(message: "unexpected end of file (expecting \")\")") }
      pos += 1
      return .group(body, redirects: try parseRedirects())
    }
    return try parseSimple()
  }

  private mutating func parseRedirects() throws(ShellSyntaxError) -> [Redirect] {
    var out: [Redirect] = []
    while let r = try parseRedirect() { out.append(r) }
    return out
  }

  private mutating func parseRedirect() throws(ShellSyntaxError) -> Redirect? {
    guard case .op(let o)? = peek else { return nil }
    let kind: Redirect.Kind
    switch o {
    case ">", "1>", "&>": kind = .write
    case ">>", "1>>": kind = .append
    case "<": kind = .read
    case "2>&1", ">&2", "1>&2": kind = .mergeErr
    case "2>", "2>>": kind = .discardErr
    default: return nil
    }
    pos += 1
    if kind == .mergeErr { return Redirect(kind: kind, target: []) }
    guard case .word(let w, _)? = peek else { throw ShellSyntaxError(message: "unexpected newline") }
    pos += 1
    return Redirect(kind: kind, target: w)
  }

  private mutating func parseSimple() throws(ShellSyntaxError) -> ShellNode {
    var assignments: [(String, Word)] = []
    var words: [Word] = []
    var redirects: [Redirect] = []
    loop: while let t = peek {
      switch t {
      case .word(let w, let raw):
        if words.isEmpty, let eq = raw.firstIndex(of: "="), raw.first != "=",
          raw[..<eq].allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }), case .literal(let first, false) = w[0],
          let feq = first.firstIndex(of: "=")
        {
          var value = w
          let rest = String(first[first.index(after: feq)...])
          value[0] = .literal(rest, quoted: true)
          assignments.append((String(raw[..<eq]), value))
        } else {
          words.append(w)
        }
        pos += 1
      case .op:
        if let r = try parseRedirect() {
          redirects.append(r)
        } else {
          break loop
        }
      }
    }
    if words.isEmpty && assignments.isEmpty && redirects.isEmpty {
      throw ShellSyntaxError(message: peek.map { "unexpected \(describe($0))" } ?? "unexpected end of file")
    }
    return .simple(assignments: assignments, words: words, redirects: redirects)
  }
}

/// Splits a script into words and operators, keeping quoting and `$` expansions apart.
enum ShellLexer {
  static func tokenize(_ script: String) throws(ShellSyntaxError) -> [ShellToken] {
    let c = Array(script)
    var i = 0
    var tokens: [ShellToken] = []
    var parts: [WordPart] = []
    var raw = ""
    var inWord = false

    func flush() {
      if inWord { tokens.append(.word(merge(parts), raw: raw)) }
      parts = []
      raw = ""
      inWord = false
    }
    func lit(_ s: String, quoted: Bool) {
      parts.append(.literal(s, quoted: quoted))
      inWord = true
    }

    /// Reads `$…` at c[i] (i at the `$`); returns the part and advances i.
    func dollar(quoted: Bool) throws(ShellSyntaxError) -> WordPart {
      i += 1
      guard i < c.count else { return .literal("$", quoted: quoted) }
      if c[i] == "(" {
        if i + 1 < c.count && c[i + 1] == "(" {
          var depth = 0
          var j = i + 2
          var body = ""
          while j < c.count {
            if c[j] == "(" { depth += 1 }
            if c[j] == ")" {
              if depth == 0 && j + 1 < c.count && c[j + 1] == ")" { break }
              depth -= 1
            }
            body.append(c[j])
            j += 1
          }
          guard j < c.count else { throw ShellSyntaxError(message: "unterminated $((") }
          i = j + 2
          return .arithmetic(body)
        }
        var depth = 0
        var j = i + 1
        var body = ""
        while j < c.count {
          if c[j] == "(" { depth += 1 }
          if c[j] == ")" {
            if depth == 0 { break }
            depth -= 1
          }
          body.append(c[j])
          j += 1
        }
        guard j < c.count else { throw ShellSyntaxError(message: "unterminated $(") }
        i = j + 1
        return .command(body, quoted: quoted)
      }
      if c[i] == "{" {
        var j = i + 1
        var name = ""
        while j < c.count && c[j] != "}" {
          name.append(c[j])
          j += 1
        }
        guard j < c.count else { throw ShellSyntaxError(message: "bad substitution") }
        i = j + 1
        return .parameter(name, quoted: quoted)
      }
      if "?$#!@*0123456789".contains(c[i]) {
        let name = String(c[i])
        i += 1
        return .parameter(name, quoted: quoted)
      }
      var name = ""
      while i < c.count && (c[i].isLetter || c[i].isNumber || c[i] == "_") && c[i].isASCII {
        name.append(c[i])
        i += 1
      }
      if name.isEmpty { return .literal("$", quoted: quoted) }
      return .parameter(name, quoted: quoted)
    }

    while i < c.count {
      let ch = c[i]
      switch ch {
      case " ", "\t":
        flush()
        i += 1
      case "\n", ";", "|", "&", "(", ")", "<", ">":
        // `2>` and `2>&1`: a lone digit word right before `>` is a file descriptor.
        if ch == ">" && inWord && raw == "2" && parts.count == 1 {
          parts = []
          raw = ""
          inWord = false
          if i + 2 < c.count && c[i + 1] == "&" && c[i + 2] == "1" {
            tokens.append(.op("2>&1"))
            i += 3
          } else if i + 1 < c.count && c[i + 1] == ">" {
            tokens.append(.op("2>>"))
            i += 2
          } else {
            tokens.append(.op("2>"))
            i += 1
          }
          continue
        }
        if ch == ">" && inWord && raw == "1" && parts.count == 1 {
          parts = []
          raw = ""
          inWord = false
        }
        flush()
        let two = i + 1 < c.count ? String([ch, c[i + 1]]) : String(ch)
        if ["&&", "||", ">>"].contains(two) {
          tokens.append(.op(two))
          i += 2
        } else if two == ">&" && i + 2 < c.count && c[i + 2] == "2" {
          tokens.append(.op(">&2"))
          i += 3
        } else if two == "&>" {
          tokens.append(.op("&>"))
          i += 2
        } else {
          tokens.append(.op(String(ch)))
          i += 1
        }
      case "'":
        var j = i + 1
        var s = ""
        while j < c.count && c[j] != "'" {
          s.append(c[j])
          j += 1
        }
        guard j < c.count else { throw ShellSyntaxError(message: "unterminated quoted string") }
        raw += "'" + s + "'"
        lit(s, quoted: true)
        i = j + 1
      case "\"":
        inWord = true
        raw.append("\"")
        i += 1
        var s = ""
        while i < c.count && c[i] != "\"" {
          if c[i] == "\\" && i + 1 < c.count && "$`\"\\\n".contains(c[i + 1]) {
            s.append(c[i + 1])
            raw.append(c[i + 1])
            i += 2
          } else if c[i] == "$" {
            if !s.isEmpty { lit(s, quoted: true) }
            s = ""
            let start = i
            parts.append(try dollar(quoted: true))
            raw += String(c[start..<i])
          } else {
            s.append(c[i])
            raw.append(c[i])
            i += 1
          }
        }
        guard i < c.count else { throw ShellSyntaxError(message: "unterminated quoted string") }
        lit(s, quoted: true)
        raw.append("\"")
        i += 1
      case "\\":
        if i + 1 < c.count {
          if c[i + 1] != "\n" { lit(String(c[i + 1]), quoted: true) }
          raw.append(c[i + 1])
          i += 2
        } else {
          i += 1
        }
      case "$":
        let start = i
        parts.append(try dollar(quoted: false))
        inWord = true
        raw += String(c[start..<i])
      case "`":
        var j = i + 1
        var s = ""
        while j < c.count && c[j] != "`" {
          s.append(c[j])
          j += 1
        }
        parts.append(.command(s, quoted: false))
        inWord = true
        raw += "`" + s + "`"
        i = j + 1
      case "#" where !inWord:
        while i < c.count && c[i] != "\n" { i += 1 }
      default:
        lit(String(ch), quoted: false)
        raw.append(ch)
        i += 1
      }
    }
    flush()
    return tokens
  }

  /// Joins adjacent literals of the same quoting.
  private static func merge(_ parts: [WordPart]) -> Word {
    var out: Word = []
    for p in parts {
      if case .literal(let s, let q) = p, case .literal(let t, let q2)? = out.last, q == q2 {
        out[out.count - 1] = .literal(t + s, quoted: q)
      } else {
        out.append(p)
      }
    }
    return out
  }
}
