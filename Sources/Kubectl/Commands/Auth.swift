// Auth: `kubectl auth can-i VERB RESOURCE [NAME]` through a SelfSubjectAccessReview, and
// `kubectl auth whoami` (k8s.io/kubectl/pkg/cmd/auth).
import KubeSim

enum Auth {
  static func canI(_ inv: Invocation) throws {
    if inv.flags.bool("list") {
      throw KubectlError.message("KubeLab's kubectl does not support kubectl auth can-i --list")
    }
    guard inv.args.count == 2 || inv.args.count == 3 else {
      throw KubectlError.raw(
        "error: you must specify two arguments: verb resource or verb resource/resourceName.\nSee 'kubectl auth can-i -h' for help and examples."
      )
    }
    let verb = inv.args[0]
    var resourceArg = inv.args[1]
    var name = inv.args.count == 3 ? inv.args[2] : ""
    if resourceArg.hasPrefix("/") {
      throw KubectlError.message("KubeLab's kubectl does not check non-resource URLs")
    }
    if let slash = resourceArg.firstIndex(of: "/"), name.isEmpty {
      name = String(resourceArg[resourceArg.index(after: slash)...])
      resourceArg = String(resourceArg[..<slash])
    }
    var group = ""
    var plural = resourceArg
    var namespaced = true
    if resourceArg == "*" {
      plural = "*"
    } else if let t = KindRegistry.resolve(resourceArg) {
      group = t.resource.group
      plural = t.resource.plural
      namespaced = t.resource.namespaced
    } else {
      inv.err += "Warning: the server doesn't have a resource type '\(resourceArg)'\n\n"
      if let dot = resourceArg.firstIndex(of: ".") {
        plural = String(resourceArg[..<dot])
        group = String(resourceArg[resourceArg.index(after: dot)...])
      }
    }
    let validVerbs = [
      "get", "list", "watch", "create", "update", "patch", "delete", "deletecollection", "use", "bind", "impersonate",
      "escalate", "*", "proxy", "approve", "sign",
    ]
    if !validVerbs.contains(verb) {
      inv.err += "Warning: verb '\(verb)' is not a known verb\n\n"
    }
    if !namespaced && inv.flags.changed("namespace") {
      inv.err += "Warning: resource '\(plural)' is not namespace scoped\n\n"
    }
    let subresource = inv.flags.string("subresource")
    let resource = subresource.isEmpty ? plural : "\(plural)/\(subresource)"
    let ns = inv.flags.bool("all-namespaces") || !namespaced ? "" : inv.namespace
    let allowed = inv.client.accessReview(verb: verb, group: group, resource: resource, namespace: ns, name: name)
    if !inv.flags.bool("quiet") { inv.out += allowed ? "yes\n" : "no\n" }
    if !allowed { inv.exitCode = 1 }
  }

  static func whoami(_ inv: Invocation) throws {
    let u = inv.client.user
    if inv.flags.changed("output") {
      let j: JSON = [
        "apiVersion": "authentication.k8s.io/v1", "kind": "SelfSubjectReview",
        "metadata": ["creationTimestamp": .null],
        "status": ["userInfo": ["username": .string(u.name), "groups": .array(u.groups.map { .string($0) })]],
      ]
      switch try OutputFormat.parse(inv.flags.string("output"), tableAllowed: false) {
      case .yaml: inv.out += j.yamlText
      case .json: inv.out += j.kubectlText + "\n"
      default: throw KubectlError.message("unsupported output format")
      }
      return
    }
    var text = "ATTRIBUTE\tVALUE\nUsername\t\(u.name)\nGroups\t[\(u.groups.joined(separator: " "))]\n"
    if u.name.isEmpty { text = "ATTRIBUTE\tVALUE\n" }
    inv.out += TabWriter.table.format(text)
  }
}
