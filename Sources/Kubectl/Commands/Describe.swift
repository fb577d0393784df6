// Describe: `kubectl describe TYPE [NAME_PREFIX]` — one description per object, two blank
// lines apart (k8s.io/kubectl/pkg/cmd/describe).
import KubeSim

enum Describe {
  static func run(_ inv: Invocation) throws {
    let files = inv.flags.list("filename")
    if inv.args.isEmpty && files.isEmpty {
      throw KubectlError.message(
        "You must specify the type of resource to describe. Use \"kubectl api-resources\" for a complete list of supported resources."
      )
    }
    let ctx = DescribeContext(inv: inv, showEvents: inv.flags.string("show-events", default: "true") != "false")
    var objects: [any KubeObject] = []
    var errors: [KubectlError] = []
    var refs: [ResourceRef] = []
    if !files.isEmpty {
      for m in try ManifestReader(inv).read(files, recursive: inv.flags.bool("recursive")) {
        refs.append(ResourceRef(type: type(of: m.object), name: m.object.metadata.name))
      }
    } else {
      refs = try ResourceArguments.parse(inv.args).refs
    }
    let allNamespaces = inv.flags.bool("all-namespaces")
    for ref in refs {
      let ns = ref.type.resource.namespaced ? (allNamespaces ? "" : inv.namespace) : ""
      if let name = ref.name {
        do {
          objects.append(try inv.get(ref.type, name, namespace: ref.type.resource.namespaced ? inv.namespace : ""))
        } catch let e as KubectlError {
          // A name is also a prefix: `kubectl describe pod web` finds web-7d4b9-x2x9k.
          let all = (try? inv.list(ref.type, namespace: ns, labelSelector: inv.flags.string("selector"))) ?? []
          let matching = all.filter { $0.metadata.name.hasPrefix(name) }
          if matching.isEmpty { errors.append(e) } else { objects += matching }
        }
      } else {
        objects += try inv.list(ref.type, namespace: ns, labelSelector: inv.flags.string("selector"))
      }
    }
    var first = true
    for o in objects {
      let text = Describer.describe(o, ctx)
      inv.out += first ? text : "\n\n" + text
      first = false
    }
    for e in errors { inv.fail(e) }
    if objects.isEmpty && errors.isEmpty {
      inv.err += Get.noResourcesFound(inv, refs: refs, allNamespaces: allNamespaces)
    }
  }
}
