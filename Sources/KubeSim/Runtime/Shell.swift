// Shell: a resumable interpreter for the scripts containers run. `sleep` suspends it on the
// simulated clock, so `touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600` takes 630 s.

/// What a shell sees of its container: environment, files, clock and network.
protocol ShellHost: AnyObject {
  var now: Time { get }
  var hostname: String { get }
  /// The process environment, in order.
  var environment: [(String, String)] { get }
  /// busybox wording (`can't open`) rather than GNU coreutils' (`No such file or directory`).
  var busybox: Bool { get }
  func readFile(_ path: String) -> String?
  func writeFile(_ path: String, _ content: String, append: Bool)
  func removeFile(_ path: String) -> Bool
  func isDirectory(_ path: String) -> Bool
  func makeDirectory(_ path: String)
  func list(_ path: String) -> [String]?
  /// Whether the image ships `program` (`curl`, `wget`, `nslookup`).
  func has(_ program: String) -> Bool
  /// An HTTP GET through the cluster network and why it failed (nil: no network to use).
  func request(_ url: String, headers: [String: String]) -> (trace: NetworkTrace, failure: NetworkFailure?)?
  /// `nslookup` through the pod's resolver, as the image's nslookup prints it (nil: no network).
  func nslookup(_ name: String, type: String, style: NSLookup.Style) -> (output: String, exitCode: Int32)?
  /// Whose nslookup the image has: busybox's or bind9's.
  var nslookupStyle: NSLookup.Style { get }
}

/// A running shell script.
final class Shell {
  /// Why `run` returned.
  enum Outcome: Equatable {
    /// The script finished with this exit status.
    case exited(Int32)
    /// `sleep`: wake again after this many seconds (nil: `sleep infinity`).
    case sleeping(Int64?)
    /// The step budget ran out (a busy loop): continue next tick.
    case yielded
  }

  private enum Frame {
    case run(ShellNode)
    case andThen(ShellNode)
    case orElse(ShellNode)
    case loopCheck(condition: ShellNode, body: ShellNode, until: Bool)
    case loopNext(condition: ShellNode, body: ShellNode, until: Bool)
    case forNext(variable: String, items: [String], index: Int, body: ShellNode)
    case ifCheck(clauses: [(ShellNode, ShellNode)], index: Int, otherwise: ShellNode?)
    case popOutput
  }

  private enum Output {
    case stdout
    case file(String)
    case discard
  }

  private var stack: [Frame]
  private var outputs: [Output] = []
  /// Shell variables set by assignments (the environment is the host's).
  var variables: [String: String] = [:]
  private(set) var status: Int32 = 0
  /// Text written to stdout and stderr since the last `takeOutput()`.
  private var pending = ""
  /// True inside `runToCompletion`: `sleep` does not suspend.
  private var synchronous = false
  private var exitRequested: Int32? = nil

  init(_ node: ShellNode) { stack = [.run(node)] }

  /// Parses `script` (`sh -c` text); a syntax error becomes a script that prints it and exits 2.
  static func script(_ text: String) -> Shell {
    do {
      return Shell(try ShellParser.parse(text))
    } catch {
      let s = Shell(.list([]))
      s.pending = "sh: syntax error: \(error.message)\n"
      s.stack = []
      s.status = 2
      return s
    }
  }

  /// Takes what the script printed so far.
  func takeOutput() -> String {
    defer { pending = "" }
    return pending
  }

  /// Runs until the script sleeps, exits, or spends `budget` steps.
  func run(_ host: ShellHost, budget: Int = 2000) -> Outcome {
    var steps = 0
    while steps < budget {
      steps += 1
      if let code = exitRequested {
        stack.removeAll()
        status = code
        return .exited(code)
      }
      guard let frame = stack.popLast() else { return .exited(status) }
      switch frame {
      case .run(let node):
        if let sleep = execute(node, host) { return .sleeping(sleep) }
      case .andThen(let node):
        if status == 0 { stack.append(.run(node)) }
      case .orElse(let node):
        if status != 0 { stack.append(.run(node)) }
      case .loopCheck(let cond, let body, let until):
        if (status == 0) != until {
          stack.append(.loopNext(condition: cond, body: body, until: until))
          stack.append(.run(body))
        } else {
          status = 0
        }
      case .loopNext(let cond, let body, let until):
        stack.append(.loopCheck(condition: cond, body: body, until: until))
        stack.append(.run(cond))
      case .forNext(let variable, let items, let index, let body):
        if index < items.count {
          variables[variable] = items[index]
          stack.append(.forNext(variable: variable, items: items, index: index + 1, body: body))
          stack.append(.run(body))
        }
      case .ifCheck(let clauses, let index, let otherwise):
        if status == 0 {
          stack.append(.run(clauses[index].1))
        } else if index + 1 < clauses.count {
          stack.append(.ifCheck(clauses: clauses, index: index + 1, otherwise: otherwise))
          stack.append(.run(clauses[index + 1].0))
        } else if let otherwise {
          stack.append(.run(otherwise))
        } else {
          status = 0
        }
      case .popOutput:
        _ = outputs.popLast()
      }
    }
    return .yielded
  }

  /// Runs a command to its end at once (exec, `$(…)`): `sleep` returns immediately.
  static func runToCompletion(
    _ node: ShellNode, _ host: ShellHost, variables: [String: String] = [:], stdin: String = ""
  )
    -> (output: String, status: Int32)
  {
    let s = Shell(node)
    s.variables = variables
    s.synchronous = true
    s.stdin = stdin
    var out = ""
    for _ in 0..<50 {
      let o = s.run(host, budget: 5000)
      out += s.takeOutput()
      if case .exited(let code) = o { return (out, code) }
    }
    return (out, s.status)
  }

  private var stdin = ""

  // MARK: - Executing one node

  /// Runs `node` (or schedules its parts); returns a sleep duration when it suspends.
  private func execute(_ node: ShellNode, _ host: ShellHost) -> Int64?? {
    switch node {
    case .list(let items):
      for n in items.reversed() { stack.append(.run(n)) }
    case .and(let a, let b):
      stack.append(.andThen(b))
      stack.append(.run(a))
    case .or(let a, let b):
      stack.append(.orElse(b))
      stack.append(.run(a))
    case .loop(let cond, let body, let until):
      stack.append(.loopCheck(condition: cond, body: body, until: until))
      stack.append(.run(cond))
    case .forLoop(let variable, let words, let body):
      let items = words.map { $0.flatMap { expandFields($0, host) } } ?? []
      stack.append(.forNext(variable: variable, items: items, index: 0, body: body))
    case .ifThen(let clauses, let otherwise):
      guard !clauses.isEmpty else { return nil }
      stack.append(.ifCheck(clauses: clauses, index: 0, otherwise: otherwise))
      stack.append(.run(clauses[0].0))
    case .group(let body, let redirects):
      if let target = redirects.last(where: { $0.kind == .write || $0.kind == .append }) {
        let path = expandWord(target.target, host)
        if target.kind == .write { host.writeFile(path, "", append: false) }
        outputs.append(.file(path))
        stack.append(.popOutput)
      }
      stack.append(.run(body))
    case .pipeline(let cmds, let negated):
      var input = ""
      var last: Int32 = 0
      for (i, c) in cmds.enumerated() {
        let (out, code) = Shell.runToCompletion(c, host, variables: variables, stdin: input)
        if i == cmds.count - 1 { write(out, host) } else { input = out }
        last = code
      }
      status = negated ? (last == 0 ? 1 : 0) : last
    case .simple(let assignments, let words, let redirects):
      var argv: [String] = []
      for w in words { argv += expandFields(w, host) }
      if argv.isEmpty {
        for (name, value) in assignments { variables[name] = expandWord(value, host) }
        status = 0
        return nil
      }
      var input = stdin
      if let r = redirects.last(where: { $0.kind == .read }) {
        let path = expandWord(r.target, host)
        guard let content = host.readFile(path) else {
          write("sh: can't open '\(path)': No such file or directory\n", host)
          status = 1
          return nil
        }
        input = content
      }
      var env = variables
      for (name, value) in assignments { env[name] = expandWord(value, host) }
      let result = builtin(argv, input, env, host)
      switch result {
      case .sleep(let seconds):
        status = 0
        if synchronous { return nil }
        return .some(seconds)
      case .exit(let code):
        exitRequested = code
        status = code
      case .done(let code, let out, let err):
        status = code
        route([.out(out), .err(err)], redirects, host)
      case .streams(let code, let chunks):
        status = code
        route(chunks, redirects, host)
      }
    }
    return nil
  }

  /// Sends a command's stdout and stderr, in the order written, where its redirections say.
  private func route(_ chunks: [Chunk], _ redirects: [Redirect], _ host: ShellHost) {
    let discardErr = redirects.contains { $0.kind == .discardErr }
    let mergeErr = redirects.contains { $0.kind == .mergeErr }
    let target = redirects.last { $0.kind == .write || $0.kind == .append }
    let path = target.map { expandWord($0.target, host) }
    let toFile = path.map { $0 != "/dev/null" && $0 != "/dev/stdout" && $0 != "/proc/1/fd/1" } ?? false
    var file = ""
    func stdout(_ text: String) {
      switch path {
      case nil, "/dev/stdout", "/proc/1/fd/1": write(text, host)
      case "/dev/null": break
      default: file += text
      }
    }
    for chunk in chunks {
      switch chunk {
      case .out(let text): stdout(text)
      case .err(let text):
        if discardErr { continue }
        if mergeErr { stdout(text) } else { write(text, host) }
      }
    }
    if toFile, let target, let path { host.writeFile(path, file, append: target.kind == .append) }
  }

  private func write(_ text: String, _ host: ShellHost) {
    guard !text.isEmpty else { return }
    switch outputs.last ?? .stdout {
    case .stdout: pending += text
    case .file(let path): host.writeFile(path, text, append: true)
    case .discard: break
    }
  }

  // MARK: - Expansion

  private func value(of name: String, _ host: ShellHost) -> String? {
    switch name {
    case "?": return String(status)
    case "$": return "1"
    case "#": return "0"
    case "0": return "sh"
    case "HOSTNAME" where variables["HOSTNAME"] == nil:
      return host.environment.first { $0.0 == "HOSTNAME" }?.1 ?? host.hostname
    default: break
    }
    var n = name
    var fallback: String? = nil
    if let r = name.firstIndex(of: ":"), name.index(after: r) < name.endIndex, name[name.index(after: r)] == "-" {
      n = String(name[..<r])
      fallback = String(name[name.index(r, offsetBy: 2)...])
    }
    let v = variables[n] ?? host.environment.last { $0.0 == n }?.1
    if let v, !v.isEmpty { return v }
    return fallback ?? v
  }

  /// One word, without field splitting (assignments, redirection targets).
  func expandWord(_ word: Word, _ host: ShellHost) -> String {
    var s = ""
    for p in word {
      switch p {
      case .literal(let t, _): s += t
      case .parameter(let name, _): s += value(of: name, host) ?? ""
      case .command(let text, _): s += commandSubstitution(text, host)
      case .arithmetic(let expr): s += String(Arithmetic.evaluate(expr) { self.value(of: $0, host) })
      }
    }
    return s
  }

  /// A word as command arguments: unquoted expansions split on whitespace.
  private func expandFields(_ word: Word, _ host: ShellHost) -> [String] {
    var fields: [String] = []
    var current = ""
    var hasQuoted = false
    func split(_ text: String) {
      let pieces = text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).map(String.init)
      guard !pieces.isEmpty else { return }
      if text.first == " " || text.first == "\n", !current.isEmpty {
        fields.append(current)
        current = ""
      }
      current += pieces[0]
      for p in pieces.dropFirst() {
        fields.append(current)
        current = p
      }
      if text.last == " " || text.last == "\n" {
        fields.append(current)
        current = ""
      }
    }
    for p in word {
      switch p {
      case .literal(let t, let q):
        current += t
        if q { hasQuoted = true }
      case .parameter(let name, let q):
        let v = value(of: name, host) ?? ""
        if q {
          current += v
          hasQuoted = true
        } else {
          split(v)
        }
      case .command(let text, let q):
        let v = commandSubstitution(text, host)
        if q {
          current += v
          hasQuoted = true
        } else {
          split(v)
        }
      case .arithmetic(let expr):
        current += String(Arithmetic.evaluate(expr) { self.value(of: $0, host) })
      }
    }
    if !current.isEmpty || (hasQuoted && fields.isEmpty) { fields.append(current) }
    return fields
  }

  private func commandSubstitution(_ text: String, _ host: ShellHost) -> String {
    guard let node = try? ShellParser.parse(text) else { return "" }
    var (out, _) = Shell.runToCompletion(node, host, variables: variables)
    while out.hasSuffix("\n") { out.removeLast() }
    return out
  }

  // MARK: - Commands

  enum CommandResult {
    /// Exit status, stdout, then stderr.
    case done(Int32, String, String)
    /// Exit status and output interleaved as written (wget's messages around the page it prints).
    case streams(Int32, [Chunk])
    case sleep(Int64?)
    case exit(Int32)
  }

  /// Output written to stdout or stderr.
  enum Chunk: Equatable {
    case out(String)
    case err(String)
  }

  private func builtin(_ argv: [String], _ stdin: String, _ env: [String: String], _ host: ShellHost) -> CommandResult {
    let name = argv[0].split(separator: "/").last.map(String.init) ?? argv[0]
    let args = Array(argv.dropFirst())
    let bb = host.busybox
    switch name {
    case "true", ":": return .done(0, "", "")
    case "false": return .done(1, "", "")
    case "exit": return .exit(Int32(args.first ?? "") ?? status)
    case "sleep":
      guard let arg = args.first else { return .done(1, "", "sleep: missing operand\n") }
      if arg == "infinity" || arg == "inf" { return .sleep(nil) }
      guard let seconds = Self.duration(arg) else {
        return .done(1, "", bb ? "sleep: invalid number '\(arg)'\n" : "sleep: invalid time interval '\(arg)'\n")
      }
      return .sleep(max(0, seconds))
    case "echo":
      var a = args
      var newline = true
      var escapes = false
      while let f = a.first, f == "-n" || f == "-e" || f == "-ne" || f == "-en" {
        if f.contains("n") { newline = false }
        if f.contains("e") { escapes = true }
        a.removeFirst()
      }
      var text = a.joined(separator: " ")
      if escapes { text = Self.unescape(text) }
      return .done(0, text + (newline ? "\n" : ""), "")
    case "printf":
      guard let format = args.first else { return .done(1, "", "printf: usage: printf format [arguments]\n") }
      return .done(0, Self.printf(format, Array(args.dropFirst())), "")
    case "printenv", "env":
      let all = environment(env, host)
      if name == "env" || args.isEmpty {
        return .done(0, all.map { "\($0.0)=\($0.1)\n" }.joined(), "")
      }
      var out = ""
      var code: Int32 = 0
      for a in args {
        if let v = all.last(where: { $0.0 == a }) { out += v.1 + "\n" } else { code = 1 }
      }
      return .done(code, out, "")
    case "export", "set", "unset", "cd", "trap", "ulimit", "umask", "wait", "shift", "local", "readonly":
      if name == "export" {
        for a in args {
          if let eq = a.firstIndex(of: "=") { variables[String(a[..<eq])] = String(a[a.index(after: eq)...]) }
        }
      }
      if name == "unset" { for a in args { variables[a] = nil } }
      return .done(0, "", "")
    case "cat":
      if args.isEmpty || args == ["-"] { return .done(0, stdin, "") }
      var out = ""
      var err = ""
      var code: Int32 = 0
      for f in args where !f.hasPrefix("-") {
        if let c = host.readFile(f) {
          out += c
        } else {
          err += bb ? "cat: can't open '\(f)': No such file or directory\n" : "cat: \(f): No such file or directory\n"
          code = 1
        }
      }
      return .done(code, out, err)
    case "touch":
      for f in args where !f.hasPrefix("-") {
        if host.readFile(f) == nil { host.writeFile(f, "", append: false) }
      }
      return .done(0, "", "")
    case "rm":
      let force = args.contains { $0.hasPrefix("-") && $0.contains("f") }
      var err = ""
      var code: Int32 = 0
      for f in args where !f.hasPrefix("-") {
        if !host.removeFile(f) && !force {
          err +=
            bb
            ? "rm: can't remove '\(f)': No such file or directory\n"
            : "rm: cannot remove '\(f)': No such file or directory\n"
          code = 1
        }
      }
      return .done(code, "", err)
    case "mkdir":
      for d in args where !d.hasPrefix("-") { host.makeDirectory(d) }
      return .done(0, "", "")
    case "ls":
      let paths = args.filter { !$0.hasPrefix("-") }
      var out = ""
      for p in paths.isEmpty ? ["/"] : paths {
        if let entries = host.list(p) {
          out += entries.joined(separator: "\n") + (entries.isEmpty ? "" : "\n")
        } else if host.readFile(p) != nil {
          out += p + "\n"
        } else {
          return .done(bb ? 1 : 2, out, "ls: \(bb ? "" : "cannot access ")\(p): No such file or directory\n")
        }
      }
      return .done(0, out, "")
    case "pwd": return .done(0, "/\n", "")
    case "whoami": return .done(0, "root\n", "")
    case "id": return .done(0, "uid=0(root) gid=0(root) groups=0(root)\n", "")
    case "uname":
      return .done(
        0, args.contains("-a") ? "Linux \(host.hostname) 6.8.0-51-generic x86_64 GNU/Linux\n" : "Linux\n", "")
    case "hostname": return .done(0, host.hostname + "\n", "")
    case "date":
      if let f = args.first, f.hasPrefix("+") {
        return .done(0, Self.dateFormat(String(f.dropFirst()), host.now) + "\n", "")
      }
      return .done(0, Self.dateText(host.now) + "\n", "")
    case "seq":
      let nums = args.compactMap { Int($0) }
      guard let last = nums.last else { return .done(1, "", "seq: missing operand\n") }
      let first = nums.count > 1 ? nums[0] : 1
      return .done(0, first > last ? "" : (first...last).map { "\($0)\n" }.joined(), "")
    case "head", "tail":
      var n = 10
      if let i = args.firstIndex(of: "-n"), i + 1 < args.count { n = Int(args[i + 1]) ?? 10 }
      if let a = args.first(where: { $0.hasPrefix("-") && Int($0.dropFirst()) != nil }) { n = Int(a.dropFirst())! }
      let file = args.last(where: { !$0.hasPrefix("-") && Int($0) == nil })
      let text = file.flatMap { host.readFile($0) } ?? stdin
      let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast(text.hasSuffix("\n") ? 1 : 0)
      let picked = name == "head" ? Array(lines.prefix(n)) : Array(lines.suffix(n))
      return .done(0, picked.map { $0 + "\n" }.joined(), "")
    case "wc":
      let file = args.last(where: { !$0.hasPrefix("-") })
      let text = file.flatMap { host.readFile($0) } ?? stdin
      let lines = text.filter { $0 == "\n" }.count
      if args.contains("-l") { return .done(0, "\(lines)\(file.map { " " + $0 } ?? "")\n", "") }
      if args.contains("-c") { return .done(0, "\(text.utf8.count)\n", "") }
      let words = text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).count
      if args.contains("-w") { return .done(0, "\(words)\n", "") }
      return .done(0, "\(lines) \(words) \(text.utf8.count)\n", "")
    case "grep":
      let pattern = args.first { !$0.hasPrefix("-") } ?? ""
      let files = args.filter { !$0.hasPrefix("-") }.dropFirst()
      let invert = args.contains("-v")
      let text = files.first.flatMap { host.readFile($0) } ?? stdin
      let matched = text.split(separator: "\n").filter { $0.contains(pattern) != invert }
      if args.contains("-q") { return .done(matched.isEmpty ? 1 : 0, "", "") }
      if args.contains("-c") { return .done(matched.isEmpty ? 1 : 0, "\(matched.count)\n", "") }
      return .done(matched.isEmpty ? 1 : 0, matched.map { $0 + "\n" }.joined(), "")
    case "test", "[":
      var a = args
      if name == "[" {
        guard a.last == "]" else { return .done(2, "", "sh: missing ]\n") }
        a.removeLast()
      }
      return .done(Self.test(a, host) ? 0 : 1, "", "")
    case "sh", "bash", "ash", "dash":
      if let i = args.firstIndex(of: "-c"), i + 1 < args.count {
        guard let node = try? ShellParser.parse(args[i + 1]) else {
          return .done(2, "", "\(name): syntax error\n")
        }
        let (out, code) = Shell.runToCompletion(node, host, variables: variables, stdin: stdin)
        return .done(code, out, "")
      }
      return .done(0, "", "")
    case _ where ["wget", "curl", "nslookup"].contains(name) && !host.has(name):
      return .done(127, "", bb ? "sh: \(argv[0]): not found\n" : "sh: 1: \(argv[0]): not found\n")
    case "wget": return BusyBoxWget.run(args, host)
    case "curl": return Curl.run(args, host)
    case "nslookup": return nslookup(args, host)
    case "ping":
      let target = args.last { !$0.hasPrefix("-") } ?? ""
      return .done(1, "PING \(target): 56 data bytes\n", "ping: permission denied (are you root?)\n")
    case "kill", "nohup", "tee", "sync", "chmod", "chown", "ln", "cp", "mv":
      if name == "tee", let f = args.first(where: { !$0.hasPrefix("-") }) {
        host.writeFile(f, stdin, append: args.contains("-a"))
        return .done(0, stdin, "")
      }
      if name == "cp" || name == "mv", args.count >= 2, let c = host.readFile(args[args.count - 2]) {
        host.writeFile(args[args.count - 1], c, append: false)
        if name == "mv" { _ = host.removeFile(args[args.count - 2]) }
      }
      return .done(0, "", "")
    default:
      let text = bb ? "sh: \(argv[0]): not found\n" : "sh: 1: \(argv[0]): not found\n"
      return .done(127, "", text)
    }
  }

  /// Every command name the shell knows (a container whose command is one of these runs in a shell).
  static let commands: Set<String> = [
    "true", "false", ":", "exit", "sleep", "echo", "printf", "printenv", "env", "export", "cat", "touch", "rm",
    "mkdir", "ls", "pwd", "whoami", "id", "uname", "hostname", "date", "seq", "head", "tail", "wc", "grep", "test",
    "[", "sh", "bash", "ash", "dash", "wget", "curl", "nslookup", "ping", "tee", "cp", "mv", "kill",
  ]

  private func environment(_ overrides: [String: String], _ host: ShellHost) -> [(String, String)] {
    var all = host.environment
    for k in variables.keys.sorted() where overrides[k] == nil {
      if let i = all.firstIndex(where: { $0.0 == k }) {
        all[i].1 = variables[k]!
      } else {
        all.append((k, variables[k]!))
      }
    }
    for k in overrides.keys.sorted() {
      if let i = all.firstIndex(where: { $0.0 == k }) {
        all[i].1 = overrides[k]!
      } else {
        all.append((k, overrides[k]!))
      }
    }
    return all
  }

  // MARK: - Network commands

  /// `nslookup [-type=T] NAME [SERVER]`: the lookup through the pod's resolver, printed as the
  /// image's nslookup prints it (busybox's or bind9's).
  private func nslookup(_ args: [String], _ host: ShellHost) -> CommandResult {
    var type = "A"
    var names: [String] = []
    for a in args {
      if a.hasPrefix("-type=") || a.hasPrefix("-query=") || a.hasPrefix("-q=") || a.hasPrefix("-t=") {
        type = String(a[a.index(after: a.firstIndex(of: "=")!)...]).uppercased()
      } else if !a.hasPrefix("-") {
        names.append(a)
      }
    }
    guard let name = names.first else {
      return host.nslookupStyle == .busybox
        ? .done(
          1, "",
          "BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n"
        )
        : .done(0, "> ", "")  // bind's interactive prompt, then end of input
    }
    guard let (out, code) = host.nslookup(name, type: type, style: host.nslookupStyle) else {
      return .done(1, ";; connection timed out; no servers could be reached\n\n", "")
    }
    return .done(code, out, "")
  }

  static func host(of url: String) -> String {
    var s = Substring(url)
    if let r = s.range(of: "://") { s = s[r.upperBound...] }
    return String(s.split(separator: "/", maxSplits: 1).first ?? "")
  }

  // MARK: - Small helpers

  /// `30`, `1.5`, `2m`, `1h`, `10s` → whole seconds (rounded up).
  static func duration(_ text: String) -> Int64? {
    var t = text
    var mult = 1.0
    switch t.last {
    case "s": t.removeLast()
    case "m": mult = 60; t.removeLast()
    case "h": mult = 3600; t.removeLast()
    case "d": mult = 86400; t.removeLast()
    default: break
    }
    guard let v = Double(t), v >= 0 else { return nil }
    return Int64((v * mult).rounded(.up))
  }

  static func unescape(_ s: String) -> String {
    var out = ""
    var it = s.makeIterator()
    while let c = it.next() {
      if c == "\\", let n = it.next() {
        switch n {
        case "n": out.append("\n")
        case "t": out.append("\t")
        case "\\": out.append("\\")
        default: out.append("\\"); out.append(n)
        }
      } else {
        out.append(c)
      }
    }
    return out
  }

  static func printf(_ format: String, _ args: [String]) -> String {
    var out = ""
    var args = args[...]
    let f = Array(unescape(format))
    var i = 0
    while i < f.count {
      if f[i] == "%" && i + 1 < f.count {
        let spec = f[i + 1]
        i += 2
        switch spec {
        case "s": out += args.popFirst() ?? ""
        case "d", "i": out += String(Int(args.popFirst() ?? "0") ?? 0)
        case "%": out += "%"
        default: out.append(spec)
        }
      } else {
        out.append(f[i])
        i += 1
      }
    }
    return out
  }

  private static func test(_ a: [String], _ host: ShellHost) -> Bool {
    if a.first == "!" { return !test(Array(a.dropFirst()), host) }
    switch a.count {
    case 0: return false
    case 1: return !a[0].isEmpty
    case 2:
      switch a[0] {
      case "-f", "-e", "-r", "-s":
        return host.readFile(a[1]) != nil && (a[0] != "-s" || !(host.readFile(a[1]) ?? "").isEmpty)
          || (a[0] == "-e" && host.isDirectory(a[1]))
      case "-d": return host.isDirectory(a[1])
      case "-z": return a[1].isEmpty
      case "-n": return !a[1].isEmpty
      default: return false
      }
    default:
      let (l, op, r) = (a[0], a[1], a[2])
      switch op {
      case "=", "==": return l == r
      case "!=": return l != r
      case "-eq": return Int(l) == Int(r)
      case "-ne": return Int(l) != Int(r)
      case "-lt": return (Int(l) ?? 0) < (Int(r) ?? 0)
      case "-le": return (Int(l) ?? 0) <= (Int(r) ?? 0)
      case "-gt": return (Int(l) ?? 0) > (Int(r) ?? 0)
      case "-ge": return (Int(l) ?? 0) >= (Int(r) ?? 0)
      default: return false
      }
    }
  }

  /// `date`'s default format: `Thu Jan  1 00:00:05 UTC 2026`.
  static func dateText(_ t: Time) -> String {
    let s = t.rfc3339  // 2026-01-01T00:00:05Z
    let p = Array(s)
    let year = String(p[0..<4])
    let month = Int(String(p[5..<7]))!
    let day = Int(String(p[8..<10]))!
    let clock = String(p[11..<19])
    let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    let days = t.seconds >= 0 ? t.seconds / 86400 : (t.seconds - 86399) / 86400
    let weekdays = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]
    let wd = weekdays[Int(((days % 7) + 7) % 7)]
    let dd = day < 10 ? " \(day)" : "\(day)"
    return "\(wd) \(months[month - 1]) \(dd) \(clock) UTC \(year)"
  }

  static func dateFormat(_ f: String, _ t: Time) -> String {
    let s = Array(t.rfc3339)
    var out = ""
    var i = f.startIndex
    while i < f.endIndex {
      if f[i] == "%", f.index(after: i) < f.endIndex {
        let c = f[f.index(after: i)]
        switch c {
        case "s": out += String(t.seconds)
        case "Y": out += String(s[0..<4])
        case "m": out += String(s[5..<7])
        case "d": out += String(s[8..<10])
        case "H": out += String(s[11..<13])
        case "M": out += String(s[14..<16])
        case "S": out += String(s[17..<19])
        case "T": out += String(s[11..<19])
        case "F": out += String(s[0..<10])
        default: out.append("%"); out.append(c)
        }
        i = f.index(i, offsetBy: 2)
      } else {
        out.append(f[i])
        i = f.index(after: i)
      }
    }
    return out
  }
}

/// `$((…))`: integer arithmetic with + - * / % and parentheses, and variables.
enum Arithmetic {
  static func evaluate(_ text: String, lookup: @escaping (String) -> String?) -> Int {
    var p = Parser(chars: Array(text), lookup: lookup)
    return p.expr()
  }

  private struct Parser {
    var chars: [Character]
    var i = 0
    let lookup: (String) -> String?

    mutating func skip() { while i < chars.count && chars[i] == " " { i += 1 } }

    mutating func expr() -> Int {
      var v = term()
      while true {
        skip()
        guard i < chars.count, chars[i] == "+" || chars[i] == "-" else { return v }
        let op = chars[i]
        i += 1
        let r = term()
        v = op == "+" ? v &+ r : v &- r
      }
    }

    mutating func term() -> Int {
      var v = factor()
      while true {
        skip()
        guard i < chars.count, "*/%".contains(chars[i]) else { return v }
        let op = chars[i]
        i += 1
        let r = factor()
        switch op {
        case "*": v = v &* r
        case "/": v = r == 0 ? 0 : v / r
        default: v = r == 0 ? 0 : v % r
        }
      }
    }

    mutating func factor() -> Int {
      skip()
      guard i < chars.count else { return 0 }
      if chars[i] == "(" {
        i += 1
        let v = expr()
        skip()
        if i < chars.count && chars[i] == ")" { i += 1 }
        return v
      }
      if chars[i] == "-" {
        i += 1
        return -factor()
      }
      if chars[i] == "$" { i += 1 }
      var token = ""
      while i < chars.count && (chars[i].isLetter || chars[i].isNumber || chars[i] == "_") {
        token.append(chars[i])
        i += 1
      }
      if let n = Int(token) { return n }
      return Int(lookup(token) ?? "0") ?? 0
    }
  }
}

/// Reason phrases of HTTP status codes.
enum HTTPStatusText {
  static func text(_ code: Int) -> String {
    switch code {
    case 200: return "OK"
    case 201: return "Created"
    case 204: return "No Content"
    case 301: return "Moved Permanently"
    case 302: return "Found"
    case 304: return "Not Modified"
    case 400: return "Bad Request"
    case 401: return "Unauthorized"
    case 403: return "Forbidden"
    case 404: return "Not Found"
    case 500: return "Internal Server Error"
    case 502: return "Bad Gateway"
    case 503: return "Service Unavailable"
    default: return ""
    }
  }
}
