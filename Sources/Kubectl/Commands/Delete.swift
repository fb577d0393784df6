// Delete: `kubectl delete` — by type and name, `-f`, `-l`, `--all`; with `--cascade`,
// `--grace-period`, `--now` and `--force` (k8s.io/kubectl/pkg/cmd/delete).
import KubeSim

enum Delete {
  static let noResources = """
    You must provide one or more resources by argument or filename.
    Example resource specifications include:
       '-f rsrc.yaml'
       '--filename=rsrc.json'
       '<resource> <name>'
       '<resource>'
    """

  static func run(_ inv: Invocation) throws {
    let files = inv.flags.list("filename")
    let selector = inv.flags.string("selector")
    let fieldSelector = inv.flags.string("field-selector")
    let all = inv.flags.bool("all")
    if inv.args.isEmpty && files.isEmpty { throw KubectlError.message(noResources) }
    let output = inv.flags.string("output")
    if !output.isEmpty && output != "name" {
      throw KubectlError.message("unexpected -o output mode: \(output). We only support '-o name'")
    }
    if all && (!selector.isEmpty || !fieldSelector.isEmpty) {
      // cli-runtime's resource builder refuses --all with a selector (its message ends in a space).
      throw KubectlError.message("setting 'all' parameter but found a non empty selector. ")
    }
    let dry = try inv.dryRun()

    // --cascade, --grace-period, --now, --force.
    var propagation: PropagationPolicy? = .background
    switch inv.flags.string("cascade", default: "background") {
    case "background", "true": propagation = .background
    case "foreground": propagation = .foreground
    case "orphan", "false": propagation = .orphan
    case let v:
      throw KubectlError.message("invalid cascade value (\(v)). Must be \"background\", \"foreground\", or \"orphan\".")
    }
    var grace: Int64? = nil
    if let g = inv.flags.int("grace-period"), g >= 0 { grace = Int64(g) }
    if inv.flags.bool("now") {
      if grace != nil { throw KubectlError.message("--now and --grace-period cannot be specified together") }
      grace = 1
    }
    if inv.flags.bool("force") {
      if grace == nil { grace = 0 }
      if grace == 0 {
        inv.err +=
          "Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n"
      }
    } else if grace == 0 {
      // kubectl turns --grace-period=0 into 1 unless --force is given.
      grace = 1
    }

    // What to delete.
    var targets: [any KubeObject] = []
    // The file each target came from: an API error then names it (cmdutil.AddSourceToErr).
    var sources: [String?] = []
    var errors: [KubectlError] = []
    var listedSomething = false
    var listRefs: [ResourceRef] = []
    if !files.isEmpty {
      for m in try ManifestReader(inv).read(files, recursive: inv.flags.bool("recursive")) {
        do {
          targets.append(
            try inv.get(type(of: m.object), m.object.metadata.name, namespace: m.object.metadata.namespace))
          sources.append(m.source)
        } catch let e as KubectlError {
          if inv.flags.bool("ignore-not-found"), case .api(let r, _) = e, r == "NotFound" { continue }
          errors.append(withSource(e, m.source))
        }
      }
    } else {
      let parsed = try ResourceArguments.parse(inv.args)
      let named = parsed.refs.contains { $0.name != nil }
      if named && (all || !selector.isEmpty) {
        throw KubectlError.message("name cannot be provided when a selector is specified")
      }
      if !named && !all && selector.isEmpty && fieldSelector.isEmpty {
        throw KubectlError.message("resource(s) were provided, but no name was specified")
      }
      for ref in parsed.refs {
        let ns = ref.type.resource.namespaced ? (inv.flags.bool("all-namespaces") ? "" : inv.namespace) : ""
        if let name = ref.name {
          do {
            targets.append(try inv.get(ref.type, name, namespace: ref.type.resource.namespaced ? inv.namespace : ""))
          } catch let e as KubectlError {
            if inv.flags.bool("ignore-not-found") { continue }
            errors.append(e)
          }
        } else {
          listedSomething = true
          listRefs.append(ref)
          targets += try inv.list(ref.type, namespace: ns, labelSelector: selector, fieldSelector: fieldSelector)
        }
      }
    }

    for (i, o) in targets.enumerated() {
      var opts = RequestOptions()
      opts.propagationPolicy = propagation
      opts.gracePeriodSeconds = grace
      opts.dryRun = dry == .server
      if dry != .client {
        do {
          try inv.perform(
            APIRequest(.delete, o.resource, namespace: o.metadata.namespace, name: o.metadata.name, options: opts))
        } catch let e as KubectlError {
          if inv.flags.bool("ignore-not-found"), case .api(let r, _) = e, r == "NotFound" { continue }
          errors.append(i < sources.count ? withSource(e, sources[i]) : e)
          continue
        }
      }
      var operation = grace == 0 ? "force deleted" : "deleted"
      operation += dry.suffix
      if inv.flags.string("output") == "name" {
        inv.out += "\(o.resource.kubectlName)/\(o.metadata.name)\n"
      } else {
        inv.out +=
          "\(o.resource.kind.lowercased())\(o.resource.group.isEmpty ? "" : "." + o.resource.group) \"\(o.metadata.name)\" \(operation)\n"
      }
    }
    for e in errors { inv.fail(e) }
    if targets.isEmpty && errors.isEmpty && listedSomething {
      inv.err += Get.noResourcesFound(inv, refs: listRefs, allNamespaces: inv.flags.bool("all-namespaces"))
    }
  }

  /// `error when deleting "web.yaml": deployments.apps "web" not found`, for objects read from a file.
  static func withSource(_ e: KubectlError, _ source: String?) -> KubectlError {
    guard let source, !source.isEmpty, case .api(let reason, let message) = e else { return e }
    return .api(reason: reason, message: "error when deleting \"\(source)\": \(message)")
  }
}
