// Label: `kubectl label` and `kubectl annotate` — `key=value` to set, `key-` to remove,
// `--overwrite`, `--all`, `-l`, `--list` (k8s.io/kubectl/pkg/cmd/label, annotate).
import KubeSim

enum Label {
  static func label(_ inv: Invocation) throws { try run(inv, annotations: false) }
  static func annotate(_ inv: Invocation) throws { try run(inv, annotations: true) }

  private static func run(_ inv: Invocation, annotations: Bool) throws {
    let what = annotations ? "annotation" : "label"
    let dry = try inv.dryRun()
    let format = try inv.operationFormat()
    // Resource arguments come first; then key=value and key- updates.
    var resourceArgs: [String] = []
    var updates: [String] = []
    for a in inv.args {
      if a.contains("=") || (a.hasSuffix("-") && !resourceArgs.isEmpty) {
        updates.append(a)
      } else if updates.isEmpty {
        resourceArgs.append(a)
      } else {
        throw KubectlError.message("all resources must be specified before \(what) changes: \(a)")
      }
    }
    if inv.flags.bool("all") && !inv.flags.string("selector").isEmpty {
      throw KubectlError.message("cannot set --all and --selector at the same time")
    }
    if inv.flags.bool("all") && !inv.flags.string("field-selector").isEmpty {
      throw KubectlError.message("cannot set --all and --field-selector at the same time")
    }
    if resourceArgs.isEmpty && inv.flags.list("filename").isEmpty {
      throw KubectlError.message("one or more resources must be specified as <resource> <name> or <resource>/<name>")
    }
    let list = inv.flags.bool("list")
    if updates.isEmpty && !list { throw KubectlError.message("at least one \(what) update is required") }
    var set: [(String, String)] = []
    var remove: [String] = []
    for u in updates {
      if let eq = u.firstIndex(of: "=") {
        let key = String(u[..<eq])
        let value = String(u[u.index(after: eq)...])
        if !annotations {
          // label.go's parseLabels checks the value before anything is sent.
          if value.contains("=") { throw KubectlError.message("invalid label spec: \(u)") }
          let problems = NameValidation.isValidLabelValue(value)
          if !problems.isEmpty {
            throw KubectlError.message("invalid label value: \"\(u)\": \(problems.joined(separator: ";"))")
          }
        }
        // The same key twice: the last value wins, as in upstream's map.
        set.removeAll { $0.0 == key }
        set.append((key, value))
      } else {
        remove.append(String(u.dropLast()))
      }
    }
    let conflicts = remove.filter { k in set.contains { $0.0 == k } }
    if !conflicts.isEmpty {
      // label.go and annotate.go word this differently.
      throw KubectlError.message(
        annotations
          ? "can not both modify and remove the following annotation(s) in the same command: "
            + conflicts.joined(separator: ", ")
          : "can not both modify and remove a label in the same command")
    }

    var targets: [any KubeObject] = []
    if !inv.flags.list("filename").isEmpty {
      for m in try ManifestReader(inv).read(inv.flags.list("filename"), recursive: inv.flags.bool("recursive")) {
        targets.append(try inv.get(type(of: m.object), m.object.metadata.name, namespace: m.object.metadata.namespace))
      }
    } else {
      for ref in try ResourceArguments.parse(resourceArgs).refs {
        if let name = ref.name {
          targets.append(try inv.get(ref.type, name))
        } else if inv.flags.bool("all") || inv.flags.changed("selector") || inv.flags.changed("field-selector") {
          let ns = ref.type.resource.namespaced ? inv.listNamespace : ""
          targets += try inv.list(
            ref.type, namespace: ns, labelSelector: inv.flags.string("selector"),
            fieldSelector: inv.flags.string("field-selector"))
        } else {
          throw KubectlError.message("resource(s) were provided, but no name was specified")
        }
      }
    }
    let overwrite = inv.flags.bool("overwrite")
    for o in targets {
      let current = (annotations ? o.metadata.annotations : o.metadata.labels) ?? [:]
      if list {
        for k in current.keys.sorted() { inv.out += "\(k)=\(current[k]!)\n" }
        continue
      }
      if !overwrite {
        for (k, v) in set {
          if let old = current[k], old != v, !(annotations && k == Rollout.changeCauseAnnotation) {
            if annotations {
              throw KubectlError.message(
                "--overwrite is false but found the following declared annotation(s): '\(k)' already has a value (\(old))"
              )
            }
            throw KubectlError.message("'\(k)' already has a value (\(old)), and --overwrite is false")
          }
        }
      }
      var updated = current
      for (k, v) in set { updated[k] = v }
      for k in remove {
        if updated[k] == nil {
          inv.err += "\(what) \"\(k)\" not found.\n"
        }
        updated[k] = nil
      }
      var patchBody: JSON = .emptyObject
      for (k, v) in set where current[k] != v { patchBody[k] = .string(v) }
      for k in remove where current[k] != nil { patchBody[k] = .null }
      let changed = patchBody != .emptyObject
      var result = o
      if changed {
        let patch: JSON = ["metadata": [annotations ? "annotations" : "labels": patchBody]]
        result = try inv.mergePatch(o, dry == .none ? inv.recording(patch) : patch, dryRun: dry)
      }
      if let format {
        inv.out += try ObjectPrinter.print([result], format: format, asList: false)
        continue
      }
      var msg: String
      if annotations {
        msg = "annotated"
      } else if !changed {
        msg = "not labeled"
      } else if !overwrite && set.isEmpty {
        msg = "unlabeled"
      } else {
        msg = "labeled"
      }
      inv.out += "\(ObjectPrinter.name(o)) \(msg)\(dry.suffix)\n"
    }
  }
}
