// CommandCatalog: kubectl's command tree — commands, subcommands, aliases and flags — read from
// the real kubectl's help texts, so names, flags and suggestions match kubectl v1.32.

/// One command of the tree (`get`, `rollout status`, `create secret generic`).
public struct CommandInfo: Sendable {
  /// `rollout status`; `""` for kubectl itself.
  public let path: String
  public let name: String
  public let aliases: [String]
  /// The one-line description shown in the parent's `Available Commands`.
  public let summary: String
  public let subcommands: [String]
  /// The command's own flags (global flags are in `CommandCatalog.globalFlags`).
  public let flags: [FlagSpec]
}

public enum CommandCatalog {
  /// Every command by path.
  public static let commands: [String: CommandInfo] = build()

  /// The flags every command accepts (`kubectl options`).
  public static let globalFlags: [FlagSpec] = parseFlags(KubectlHelp.texts["options"] ?? "")

  /// The help text of a command path.
  static func help(_ path: String) -> String? { KubectlHelp.texts[path] }

  /// The subcommand of `parent` called `word` (by name or alias).
  static func child(of parent: String, named word: String) -> CommandInfo? {
    guard let p = commands[parent] else { return nil }
    for s in p.subcommands {
      let path = parent.isEmpty ? s : "\(parent) \(s)"
      if let c = commands[path], c.name == word || c.aliases.contains(word) { return c }
    }
    return nil
  }

  private static func build() -> [String: CommandInfo] {
    var summaries: [String: String] = [:]
    for (path, text) in KubectlHelp.texts {
      for (name, summary) in listedCommands(text) {
        summaries[path.isEmpty ? name : "\(path) \(name)"] = summary
      }
    }
    var out: [String: CommandInfo] = [:]
    for (path, text) in KubectlHelp.texts where path != "options" {
      let name = path.split(separator: " ").last.map(String.init) ?? ""
      var aliases: [String] = []
      if let r = text.range(of: "Aliases:\n") {
        let line = text[r.upperBound...].prefix { $0 != "\n" }
        aliases = line.split(separator: ",").map { $0.trimmingCharacters(in: " ") }.filter { $0 != name }
      }
      let subs = listedCommands(text).map { $0.0 }
      out[path] = CommandInfo(
        path: path, name: name, aliases: aliases, summary: summaries[path] ?? "", subcommands: subs,
        flags: parseFlags(text))
    }
    return out
  }

  /// The `name  summary` lines of every commands section (`Available Commands:`, `Basic Commands …:`).
  private static func listedCommands(_ text: String) -> [(String, String)] {
    var out: [(String, String)] = []
    var inSection = false
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      if line.hasSuffix("Commands:") || line.hasSuffix("Commands (Beginner):")
        || line.hasSuffix("Commands (Intermediate):")
      {
        inSection = true
        continue
      }
      if line.isEmpty {
        inSection = false
        continue
      }
      guard inSection, line.hasPrefix("  "), !line.hasPrefix("   ") else { continue }
      let trimmed = line.dropFirst(2)
      guard let space = trimmed.firstIndex(of: " ") else { continue }
      let name = String(trimmed[..<space])
      let summary = trimmed[space...].trimmingCharacters(in: " ")
      out.append((name, summary))
    }
    return out
  }

  /// Flags from an `Options:` section: `    -n, --namespace='':`.
  static func parseFlags(_ text: String) -> [FlagSpec] {
    var out: [FlagSpec] = []
    for line in text.split(separator: "\n") {
      guard line.hasPrefix("    -"), line.hasSuffix(":") else { continue }
      var s = line.dropFirst(4).dropLast()
      var short = ""
      if s.hasPrefix("-") && !s.hasPrefix("--") {
        short = String(s.dropFirst().prefix(1))
        s = s.dropFirst(4)  // "-n, "
      }
      guard s.hasPrefix("--"), let eq = s.firstIndex(of: "=") else { continue }
      let name = String(s[s.index(s.startIndex, offsetBy: 2)..<eq])
      let def = String(s[s.index(after: eq)...])
      out.append(
        FlagSpec(
          name: name, shorthand: short, kind: kind(ofDefault: def, name: name), defaultText: def,
          noOptDefault: noOptDefaults[name]))
    }
    return out
  }

  /// Flags that may be given without a value (pflag's NoOptDefVal in kubectl).
  private static let noOptDefaults = ["cascade": "background", "dry-run": "unchanged", "validate": "strict"]

  private static func kind(ofDefault d: String, name: String) -> FlagKind {
    if d == "true" || d == "false" { return .bool }
    if d.hasPrefix("[") { return .array }
    if d.hasPrefix("'") || d.hasPrefix("\"") { return .string }
    if Int(d) != nil { return .int }
    if GoDuration.parse(d) != nil { return .duration }
    return .string
  }
}

extension Substring {
  func trimmingCharacters(in set: Character) -> String {
    var s = self[...]
    while s.first == set { s = s.dropFirst() }
    while s.last == set { s = s.dropLast() }
    return String(s)
  }
}

extension String {
  func trimmingCharacters(in set: Character) -> String { self[...].trimmingCharacters(in: set) }
}
