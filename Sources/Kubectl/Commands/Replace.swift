// Replace: `kubectl replace -f` — PUT the whole object (`--force`: delete, then create).
import KubeSim

enum Replace {
  static func run(_ inv: Invocation) throws {
    let files = inv.flags.list("filename")
    guard !files.isEmpty else { throw KubectlError.message("must specify --filename to replace") }
    let dry = try inv.dryRun()
    let format = try inv.operationFormat()
    for m in try ManifestReader(inv).read(files, recursive: inv.flags.bool("recursive")) {
      let t = type(of: m.object)
      do {
        if inv.flags.bool("force") {
          _ = try? inv.perform(
            APIRequest(.delete, t.resource, namespace: m.object.metadata.namespace, name: m.object.metadata.name))
          inv.out +=
            "\(t.resource.kind.lowercased())\(t.resource.group.isEmpty ? "" : "." + t.resource.group) \"\(m.object.metadata.name)\" deleted\n"
          let stored = try inv.create(m.object, dryRun: dry)
          try inv.printOperation(stored, "replaced", dryRun: dry, format: format)
          continue
        }
        var o = m.object
        if inv.flags.bool("save-config") { o = Apply.withLastApplied(o, m.json) }
        let live = try inv.get(t, o.metadata.name, namespace: o.metadata.namespace)
        if o.metadata.resourceVersion.isEmpty { o.metadata.resourceVersion = live.metadata.resourceVersion }
        var opts = RequestOptions()
        opts.dryRun = dry == .server
        var stored: any KubeObject = o
        if dry != .client {
          stored =
            try inv.perform(
              APIRequest(
                .update, t.resource, namespace: o.metadata.namespace, name: o.metadata.name, body: .object(o),
                options: opts)
            ).object ?? o
        }
        try inv.printOperation(stored, "replaced", dryRun: dry, format: format)
      } catch let KubectlError.api(reason, message) {
        inv.fail(.api(reason: reason, message: "error when replacing \"\(m.source)\": \(message)"))
      }
    }
  }
}
