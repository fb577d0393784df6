// ResourceArguments: how kubectl reads `pods`, `po web`, `pod/web`, `deploy,svc`, `all` and
// `deployment.apps` (cli-runtime's resource.Builder and the RESTMapper's short names).
import KubeSim

/// One thing a command line names: a type and a name, or a whole type (name nil).
struct ResourceRef {
  let type: any KubeObject.Type
  let name: String?
}

struct ResourceArguments {
  /// What the arguments name, in order.
  var refs: [ResourceRef] = []
  /// More than one type was named (or `all`): names print as `kind/name`.
  var multipleTypes = false

  /// The type a kubectl argument names, or kubectl's error.
  static func resolveType(_ word: String) throws -> [any KubeObject.Type] {
    if word.lowercased() == "all" { return KindRegistry.kinds(inCategory: "all") }
    guard let t = KindRegistry.resolve(word) else {
      throw KubectlError.message("the server doesn't have a resource type \"\(word)\"")
    }
    return [t]
  }

  /// Parses `TYPE[,TYPE…] [NAME…]` or `TYPE/NAME…`.
  static func parse(_ args: [String]) throws -> ResourceArguments {
    var r = ResourceArguments()
    guard let first = args.first else { return r }
    let slashed = args.filter { $0.contains("/") }
    if !slashed.isEmpty {
      // cli-runtime's hasCombinedTypeArgs: every argument in TYPE/NAME form, or none.
      if slashed.count != args.count {
        throw KubectlError.message(
          "there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'"
        )
      }
      var kinds: Set<String> = []
      for a in args {
        let parts = a.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 2 else {
          throw KubectlError.message("arguments in resource/name form may not have more than one slash")
        }
        guard !parts[0].isEmpty, !parts[1].isEmpty, !parts[0].contains(",") else {
          throw KubectlError.message("arguments in resource/name form must have a single resource and name")
        }
        for t in try resolveType(parts[0]) {
          r.refs.append(ResourceRef(type: t, name: parts[1]))
          kinds.insert(t.resource.groupResource)
        }
      }
      r.multipleTypes = kinds.count > 1
      return r
    }
    let typeWords = first.split(separator: ",").map(String.init)
    var types: [any KubeObject.Type] = []
    for w in typeWords { types += try resolveType(w) }
    r.multipleTypes = types.count > 1 || typeWords.contains { $0.lowercased() == "all" }
    let names = Array(args.dropFirst())
    if names.isEmpty {
      r.refs = types.map { ResourceRef(type: $0, name: nil) }
    } else {
      for t in types { for n in names { r.refs.append(ResourceRef(type: t, name: n)) } }
    }
    return r
  }
}
