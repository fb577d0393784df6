// Completion: what the REPL offers on Tab — commands, subcommands, flags, resource type names
// (plural, singular, short names, `deployment.apps`) and the live names of objects of a type.
import KubeSim

extension KubectlRunner {
  /// kubectl's top-level commands (`get`, `describe`, `apply` …), as `kubectl help` lists them.
  public static var commands: [String] { CommandCatalog.commands[""]?.subcommands ?? [] }

  /// The subcommands of a command path (`rollout` → `history`, `pause`, …; `create secret` → `generic` …).
  public static func subcommands(of path: String) -> [String] { CommandCatalog.commands[path]?.subcommands ?? [] }

  /// The aliases of a command path (`create namespace` → `ns`).
  public static func aliases(of path: String) -> [String] { CommandCatalog.commands[path]?.aliases ?? [] }

  /// The flags a command accepts, long forms (`--namespace`) then shorthands (`-n`), global flags included.
  public static func flags(for path: String) -> [String] {
    let specs = (CommandCatalog.commands[path]?.flags ?? []) + CommandCatalog.globalFlags
    var out: [String] = []
    for f in specs where !out.contains("--\(f.name)") { out.append("--\(f.name)") }
    for f in specs where !f.shorthand.isEmpty && !out.contains("-\(f.shorthand)") { out.append("-\(f.shorthand)") }
    return out
  }

  /// Whether a flag of a command takes a value (so the next word is not an argument).
  public static func flagTakesValue(_ flag: String, for path: String) -> Bool {
    let specs = (CommandCatalog.commands[path]?.flags ?? []) + CommandCatalog.globalFlags
    let name = flag.hasPrefix("--") ? String(flag.dropFirst(2)) : ""
    let short = !flag.hasPrefix("--") && flag.hasPrefix("-") ? String(flag.dropFirst()) : ""
    guard
      let f = specs.first(where: { (!name.isEmpty && $0.name == name) || (!short.isEmpty && $0.shorthand == short) })
    else { return false }
    return f.kind != .bool && f.noOptDefault == nil
  }

  /// Command paths the simulation runs (the rest answer that they are out of scope).
  public static var implementedCommands: [String] { Commands.handlers.keys.sorted() }

  /// Every name kubectl accepts for a resource type: plurals, singulars, short names and
  /// `plural.group`, sorted; plus `all`.
  public static var resourceTypeNames: [String] {
    var names: Set<String> = ["all"]
    for t in KindRegistry.storedKinds {
      let r = t.resource
      names.insert(r.plural)
      names.insert(r.singular)
      for s in r.shortNames { names.insert(s) }
      if !r.group.isEmpty {
        names.insert("\(r.plural).\(r.group)")
        names.insert("\(r.singular).\(r.group)")
      }
    }
    return names.sorted()
  }

  /// The names of the live objects of a type (`pods`, `po`, `deploy` …) in `namespace`
  /// (the context's namespace when nil; ignored for cluster-scoped types). Empty when the type is unknown.
  public func objectNames(ofType type: String, namespace: String? = nil) -> [String] {
    guard let t = KindRegistry.resolve(type) else { return [] }
    let ns = t.resource.namespaced ? (namespace ?? contextNamespace) : ""
    guard case .success(.list(let l)) = cluster.kubectl.perform(APIRequest(.list, t.resource, namespace: ns)) else {
      return []
    }
    return l.items.map(\.metadata.name).sorted()
  }

  /// The namespaces that exist (for `-n` completion).
  public func namespaceNames() -> [String] { objectNames(ofType: "namespaces") }
}
