// Mutation: what the writing commands share — `--dry-run`, sending a create, and printing
// `deployment.apps/web created` (or the object in an `-o` format).
import KubeSim

/// `--dry-run`: none, client (nothing is sent) or server (the apiserver admits but does not store).
enum DryRun {
  case none, client, server

  var suffix: String {
    switch self {
    case .none: return ""
    case .client: return " (dry run)"
    case .server: return " (server dry run)"
    }
  }
}

extension Invocation {
  func dryRun() throws -> DryRun {
    guard flags.changed("dry-run") else { return .none }
    switch flags.string("dry-run") {
    case "none", "false": return .none
    case "client", "true": return .client
    case "unchanged":
      err +=
        "W1125 00:00:00.000000       1 helpers.go:731] --dry-run is deprecated and can be replaced with --dry-run=client.\n"
      return .client
    case "server": return .server
    case let v: throw KubectlError.message("Invalid dry-run value (\(v)). Must be \"none\", \"server\", or \"client\".")
    }
  }

  /// `-o` for commands that print the object they changed (no tables).
  func operationFormat() throws -> OutputFormat? {
    guard flags.changed("output"), !flags.string("output").isEmpty else { return nil }
    return try OutputFormat.parse(flags.string("output"), tableAllowed: false)
  }

  /// Prints `kind/name verb` (with the dry-run suffix), or the object in the `-o` format.
  func printOperation(_ o: any KubeObject, _ verb: String, dryRun: DryRun = .none, format: OutputFormat? = nil) throws {
    if verb != "unchanged" { try recordChangeCause(o, dryRun: dryRun) }
    if let format {
      out += try ObjectPrinter.print([o], format: format, asList: false)
    } else {
      out += "\(ObjectPrinter.name(o)) \(verb)\(dryRun.suffix)\n"
    }
  }

  /// The command line `--record` writes into `kubernetes.io/change-cause`, as RecordFlags words
  /// it: `kubectl` and the arguments, then each flag as `--name=value` in the order given.
  var changeCause: String {
    let words = path.split(separator: " ").map(String.init) + args
    return (["kubectl"] + words).joined(separator: " ") + flags.given.map { " --\($0.name)=\($0.value)" }.joined()
  }

  /// `--record` (deprecated, still honoured): writes the command line into the object's
  /// `kubernetes.io/change-cause` annotation, which `kubectl rollout history` shows.
  func recordChangeCause(_ o: any KubeObject, dryRun: DryRun = .none) throws {
    guard flags.bool("record"), dryRun == .none else { return }
    try mergePatch(o, ["metadata": ["annotations": ["kubernetes.io/change-cause": .string(changeCause)]]])
  }

  /// A merge patch that also records the change cause (with `--record`), as one request.
  func recording(_ patch: JSON) -> JSON {
    guard flags.bool("record") else { return patch }
    var p = patch
    var metadata = p["metadata"] ?? [:]
    var annotations = metadata["annotations"] ?? [:]
    annotations["kubernetes.io/change-cause"] = .string(changeCause)
    metadata["annotations"] = annotations
    p["metadata"] = metadata
    return p
  }

  /// Creates an object (or pretends to, with `--dry-run`) and returns what the server stored.
  func create(_ o: any KubeObject, dryRun: DryRun) throws -> any KubeObject {
    switch dryRun {
    case .client: return o
    case .none, .server:
      var opts = RequestOptions()
      opts.dryRun = dryRun == .server
      let r = APIRequest(.create, o.resource, namespace: o.metadata.namespace, body: .object(o), options: opts)
      guard let stored = try perform(r).object else { return o }
      return stored
    }
  }

  /// The one name a `create <kind> NAME` command takes, with kubectl's errors.
  func singleName(_ usage: String) throws -> String {
    guard args.count == 1, let name = args.first else {
      throw KubectlError.usageHint(
        "exactly one NAME is required, got \(args.count)")
    }
    _ = usage
    return name
  }

  /// A merge patch sent to one object; returns the patched object.
  @discardableResult
  func mergePatch(_ o: any KubeObject, _ patch: JSON, dryRun: DryRun = .none, subresource: String = "") throws
    -> any KubeObject
  {
    if dryRun == .client { return try decodeLike(o, MergePatch.apply(patch, to: o.json)) }
    var opts = RequestOptions()
    opts.dryRun = dryRun == .server
    let r = APIRequest(
      .patch, o.resource, namespace: o.metadata.namespace, name: o.metadata.name, subresource: subresource,
      body: .mergePatch(patch), options: opts)
    return try perform(r).object ?? o
  }

  /// Decodes a JSON tree as the same kind as `like`.
  func decodeLike(_ like: any KubeObject, _ j: JSON) throws -> any KubeObject {
    func dec<T: KubeObject>(_: T) throws -> any KubeObject { try T.decode(from: j).object }
    return try dec(like)
  }
}

/// Decodes a JSON tree as a stored kind.
func decodeObject(_ type: any KubeObject.Type, _ j: JSON) throws -> any KubeObject {
  func dec<T: KubeObject>(_: T.Type) throws -> any KubeObject { try T.decode(from: j).object }
  return try dec(type)
}
