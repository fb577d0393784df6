// Invocation: one kubectl run — finding the command as cobra does, parsing its flags as pflag
// does, then running it with what every command shares (namespace, client, output, errors).
import KubeSim

final class Invocation {
  unowned let runner: KubectlRunner
  let stdin: String?
  let workingDirectory: String
  var out = "" { didSet { record(appended(to: oldValue, in: out), isError: false) } }
  var err = "" { didSet { record(appended(to: oldValue, in: err), isError: true) } }
  /// stdout and stderr as kubectl wrote them, in order (a terminal shows them interleaved).
  private(set) var chunks: [CommandResult.Chunk] = []
  var exitCode: Int32 = 0
  /// The command path (`get`, `rollout status`).
  var path = ""
  var flags = ParsedFlags()
  /// Positional arguments after the command path, flags removed.
  var args: [String] = []
  var client: APIClient
  var namespace = "default"
  /// `-n` was given (or a context namespace other than default applies).
  var namespaceGiven = false

  init(runner: KubectlRunner, stdin: String?, workingDirectory: String) {
    self.runner = runner
    self.stdin = stdin
    self.workingDirectory = workingDirectory
    self.client = runner.cluster.kubectl
  }

  var cluster: Cluster { runner.cluster }
  var now: Time { runner.cluster.context.now }
  /// `kubectl get`, as errors name the command.
  var commandPath: String { path.isEmpty ? "kubectl" : "kubectl \(path)" }

  /// What an append (`out += …`) added; commands only ever append.
  private func appended(to old: String, in new: String) -> Substring {
    let added = new.utf8.count - old.utf8.count
    guard added > 0 else { return "" }
    return Substring(new.utf8.suffix(added))
  }

  private func record(_ text: Substring, isError: Bool) {
    guard !text.isEmpty else { return }
    if let last = chunks.last, last.isError == isError {
      chunks[chunks.count - 1].text += text
    } else {
      chunks.append(CommandResult.Chunk(text: String(text), isError: isError))
    }
  }

  // MARK: - Running

  func execute(_ argv: [String]) -> Int32 {
    do {
      try dispatch(argv)
    } catch let e as KubectlError {
      fail(e)
    } catch let e as APIError {
      fail(.from(e))
    } catch {
      fail(.message("\(error)"))
    }
    return exitCode
  }

  /// Prints an error and marks the run failed (commands that go on after an error call this).
  func fail(_ e: KubectlError) {
    err += e.render(commandPath: commandPath)
    exitCode = 1
  }

  private func dispatch(_ argv: [String]) throws {
    // 1. Find the command: leading words that name subcommands, skipping flags and their values.
    var consumed = Set<Int>()
    var current = ""
    var i = 0
    let global = CommandCatalog.globalFlags
    while i < argv.count {
      let a = argv[i]
      if a == "--" { break }
      if a.hasPrefix("-") && a != "-" {
        let specs = global + (CommandCatalog.commands[current]?.flags ?? [])
        if takesSeparateValue(a, specs) { i += 1 }
        i += 1
        continue
      }
      guard let info = CommandCatalog.commands[current], !info.subcommands.isEmpty else { break }
      if let child = CommandCatalog.child(of: current, named: a) {
        current = child.path
        consumed.insert(i)
        i += 1
        continue
      }
      if current.isEmpty {
        if a == "help" {
          consumed.insert(i)
          path = "help"
          args = argv.enumerated().filter { !consumed.contains($0.offset) }.map(\.element)
          try help(args.filter { !$0.hasPrefix("-") })
          return
        }
        throw KubectlError.raw(unknownCommand(a))
      }
      if Commands.handlers[current] == nil {
        path = current
        throw KubectlError.usageHint("unknown command \"\(a)\"")
      }
      break
    }
    path = current
    let rest = argv.enumerated().filter { !consumed.contains($0.offset) }.map(\.element)

    // 2. Help asked for anywhere on the line.
    let dash = rest.firstIndex(of: "--") ?? rest.count
    if rest[..<dash].contains(where: { $0 == "-h" || $0 == "--help" }) {
      out += (CommandCatalog.help(path) ?? "") + "\n"
      return
    }

    // 3. Flags: the command's own and the global ones.
    let info = CommandCatalog.commands[path]
    let parser = FlagParser(flags: (info?.flags ?? []) + global + (Commands.hiddenFlags[path] ?? []))
    flags = try parser.parse(rest)
    args = flags.args
    if flags.changed("record") {
      // cobra's MarkDeprecated: said when the flag is used; the flag still works.
      err += "Flag --record has been deprecated, --record will be removed in the future\n"
    }

    guard let handler = Commands.handlers[path] else {
      if path.isEmpty {
        // kubectl alone runs `runHelp`: its help on stdout, exit status 0.
        out += (CommandCatalog.help("") ?? "") + "\n"
        return
      }
      if let info, !info.subcommands.isEmpty {
        // A group without a subcommand prints its help (`cmdutil.DefaultSubCommandRun`).
        let text = (CommandCatalog.help(path) ?? "") + "\n"
        if path == "rollout" { out += text } else { err += text }
        exitCode = 1
        return
      }
      throw KubectlError.message(
        "\"kubectl \(path)\" is not available in KubeLab: \(Commands.outOfScope[path.split(separator: " ").first.map(String.init) ?? path] ?? "this simulation does not model it")."
      )
    }

    // 4. Flags kubectl knows but this simulation does not implement say so.
    for f in (info?.flags ?? []) + global where flags.changed(f.name) {
      if !handler.flags.contains(f.name) && !Commands.globalSupported.contains(f.name) {
        throw KubectlError.message("KubeLab's kubectl does not support the --\(f.name) flag of \"kubectl \(path)\"")
      }
    }

    // 5. What every command shares: the namespace and the identity.
    if flags.changed("namespace") {
      namespace = flags.string("namespace")
      namespaceGiven = true
    } else {
      namespace = runner.contextNamespace
      namespaceGiven = runner.contextNamespace != "default"
    }
    if flags.changed("context") && flags.string("context") != KubeConfig.contextName {
      throw KubectlError.message("context was not found for specified context: \(flags.string("context"))")
    }
    if flags.changed("as") || flags.changed("as-group") {
      if !flags.changed("as") {
        throw KubectlError.message("requesting uid, groups or user-extra for  without impersonating a user")
      }
      client = runner.client(as: flags.string("as"), groups: flags.strings("as-group"))
    }
    try handler.run(self)
  }

  /// True when `arg` is a flag whose value is the next word (`-n ns`, `--namespace ns`).
  private func takesSeparateValue(_ arg: String, _ specs: [FlagSpec]) -> Bool {
    if arg.hasPrefix("--") {
      let name = String(arg.dropFirst(2))
      if name.contains("=") { return false }
      guard let f = specs.first(where: { $0.name == name }) else { return false }
      return f.kind != .bool && f.noOptDefault == nil
    }
    let chars = Array(arg.dropFirst())
    guard let last = chars.last, chars.count >= 1 else { return false }
    // `-n` takes the next word only when it is the last shorthand and has no attached value.
    for (k, c) in chars.enumerated() {
      guard let f = specs.first(where: { $0.shorthand == String(c) }) else { return false }
      if f.kind != .bool { return k == chars.count - 1 && c == last }
    }
    return false
  }

  /// cobra's `unknown command "x" for "kubectl"`, with suggestions at Levenshtein distance ≤ 2.
  private func unknownCommand(_ word: String) -> String {
    var text = "Error: unknown command \"\(word)\" for \"kubectl\"\n"
    let names = CommandCatalog.commands[""]?.subcommands ?? []
    let suggestions = names.filter { name in
      Levenshtein.distance(word.lowercased(), name.lowercased()) <= 2
        || name.lowercased().hasPrefix(word.lowercased())
    }
    if !suggestions.isEmpty {
      text += "\nDid you mean this?\n" + suggestions.map { "\t\($0)\n" }.joined() + "\n"
    }
    return text
  }

  /// cobra's help command: `Find` the topic's command; words left over after a subcommand are
  /// ignored (its help is shown), but an unknown first word is an unknown topic. That prints cobra's
  /// `%#q` of the words and the root's usage (its help without the description) on stderr, and
  /// kubectl still exits 0.
  private func help(_ words: [String]) throws {
    var p = ""
    for w in words {
      guard let c = CommandCatalog.child(of: p, named: w) else {
        if !p.isEmpty { break }
        err += "Unknown help topic [\(words.map { "`\($0)`" }.joined(separator: " "))]\n" + Self.rootUsage() + "\n"
        return
      }
      p = c.path
    }
    out += (CommandCatalog.help(p) ?? "") + "\n"
  }

  /// The root command's usage: its help from the first command group on, after two blank lines.
  private static func rootUsage() -> String {
    let help = CommandCatalog.help("") ?? ""
    guard let start = help.range(of: "Basic Commands") else { return help }
    return "\n\n" + help[start.lowerBound...]
  }

  // MARK: - Talking to the apiserver

  /// Sends a request; an error from the apiserver is thrown as kubectl renders it.
  @discardableResult
  func perform(_ r: APIRequest) throws -> APIResponse {
    switch client.perform(r) {
    case .success(let resp): return resp
    case .failure(let e): throw KubectlError.from(e)
    }
  }

  func get(_ type: any KubeObject.Type, _ name: String, namespace ns: String? = nil) throws -> any KubeObject {
    let r = APIRequest(.get, type.resource, namespace: ns ?? namespace, name: name)
    guard let o = try perform(r).object else { throw KubectlError.message("unexpected response") }
    return o
  }

  func list(
    _ type: any KubeObject.Type, namespace ns: String? = nil, labelSelector: String = "", fieldSelector: String = ""
  ) throws -> [any KubeObject] {
    var o = RequestOptions()
    o.labelSelector = labelSelector
    o.fieldSelector = fieldSelector
    let r = APIRequest(.list, type.resource, namespace: ns ?? namespace, options: o)
    switch client.perform(r) {
    case .success(let resp): return resp.list?.items ?? []
    case .failure(var e):
      // cli-runtime's EnhanceListError: a BadRequest or NotFound names what was listed and how.
      if e.reason == "BadRequest" || e.reason == "NotFound" {
        let t = type.resource
        let subject = goQuoted("\(t.group)/\(t.version), Resource=\(t.plural)")
        e.message =
          labelSelector.isEmpty && fieldSelector.isEmpty
          ? "Unable to list \(subject): \(e.message)"
          : "Unable to find \(subject) that match label selector \(goQuoted(labelSelector)), field selector \(goQuoted(fieldSelector)): \(e.message)"
      }
      throw KubectlError.from(e)
    }
  }

  /// Go's `%q` for plain text: quotes, with `"` and `\` escaped.
  func goQuoted(_ s: String) -> String {
    "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
  }

  /// The namespace a command acts in, or "" across all namespaces (`-A`).
  var listNamespace: String { flags.bool("all-namespaces") ? "" : namespace }
}

/// Edit distance, for `Did you mean this?`.
enum Levenshtein {
  static func distance(_ a: String, _ b: String) -> Int {
    let x = Array(a)
    let y = Array(b)
    if x.isEmpty { return y.count }
    if y.isEmpty { return x.count }
    var prev = Array(0...y.count)
    for i in 1...x.count {
      var cur = [i] + Array(repeating: 0, count: y.count)
      for j in 1...y.count {
        cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
      }
      prev = cur
    }
    return prev[y.count]
  }
}
