// Get: `kubectl get` — list or read objects and print them as tables or in an `-o` format
// (k8s.io/kubectl/pkg/cmd/get).
import KubeSim

enum Get {
  static let mustSpecify = """
    You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.

    error: Required resource not specified.
    Use "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).
    See 'kubectl get -h' for help and examples
    """

  static func run(_ inv: Invocation) throws {
    if inv.flags.bool("watch") || inv.flags.bool("watch-only") {
      throw KubectlError.message(
        "KubeLab's kubectl does not stream: --watch cannot run in the REPL. Advance the cluster with `step`, `tick` or `run`, then run kubectl get again (or follow the messages)"
      )
    }
    let format = try OutputFormat.parse(inv.flags.string("output"))
    let files = inv.flags.list("filename")
    if inv.args.isEmpty && files.isEmpty {
      throw KubectlError.raw(mustSpecify)
    }
    let selector = inv.flags.string("selector")
    let fieldSelector = inv.flags.string("field-selector")
    let allNamespaces = inv.flags.bool("all-namespaces")

    // 1. What to read.
    var refs: [ResourceRef] = []
    var multipleTypes = false
    if !files.isEmpty {
      let manifests = try ManifestReader(inv).read(files, recursive: inv.flags.bool("recursive"))
      for m in manifests { refs.append(ResourceRef(type: type(of: m.object), name: m.object.metadata.name)) }
      multipleTypes = Set(refs.map { $0.type.resource.groupResource }).count > 1
      if !inv.args.isEmpty {
        throw KubectlError.message(
          "when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well")
      }
    } else {
      let parsed = try ResourceArguments.parse(inv.args)
      refs = parsed.refs
      multipleTypes = parsed.multipleTypes
    }
    let named = refs.contains { $0.name != nil }
    if named && !selector.isEmpty {
      throw KubectlError.message("name cannot be provided when a selector is specified")
    }

    // 2. Read them, grouped by type in the order named; errors are printed after what was found.
    var groups: [(type: any KubeObject.Type, objects: [any KubeObject])] = []
    var errors: [KubectlError] = []
    func add(_ t: any KubeObject.Type, _ objs: [any KubeObject]) {
      if let i = groups.indices.last, groups[i].type.resource == t.resource {
        groups[i].objects += objs
      } else {
        groups.append((t, objs))
      }
    }
    for ref in refs {
      let ns = ref.type.resource.namespaced ? (allNamespaces && ref.name == nil ? "" : inv.namespace) : ""
      if let name = ref.name {
        do {
          add(ref.type, [try inv.get(ref.type, name, namespace: ns)])
        } catch let e as KubectlError {
          if inv.flags.bool("ignore-not-found"), case .api(let reason, _) = e, reason == "NotFound" { continue }
          errors.append(e)
        }
      } else {
        // Listed in the apiserver's order (by namespace, then name), events included: `kubectl get`
        // sorts only for --sort-by (the separate `kubectl events` sorts by time).
        add(ref.type, try inv.list(ref.type, namespace: ns, labelSelector: selector, fieldSelector: fieldSelector))
      }
    }
    if inv.flags.changed("sort-by") {
      let field = inv.flags.string("sort-by")
      for i in groups.indices { groups[i].objects = try sortBy(groups[i].objects, field, table: format.isTable) }
    }
    let all = groups.flatMap { $0.objects }

    // 3. Print.
    if !format.isTable {
      let singleItemImplied = refs.count == 1 && refs[0].name != nil
      if !all.isEmpty || !singleItemImplied {
        if case .customColumns(let spec) = format {
          inv.out += try ObjectPrinter.customColumns(spec, all, noHeaders: inv.flags.bool("no-headers"))
        } else {
          inv.out += try ObjectPrinter.print(all, format: format, asList: !(singleItemImplied && all.count == 1))
        }
      }
    } else {
      var options = TableOptions()
      options.wide = format == .wide
      options.showLabels = inv.flags.bool("show-labels")
      options.withNamespace = allNamespaces
      options.withKind = multipleTypes || inv.flags.bool("show-kind")
      options.noHeaders = inv.flags.bool("no-headers")
      options.labelColumns = inv.flags.list("label-columns")
      var tables: [String] = []
      for g in groups where !g.objects.isEmpty {
        tables.append(TablePrinter.render(g.objects, type: g.type.resource, options: options, now: inv.now))
      }
      inv.out += tables.joined(separator: "\n")
    }
    for e in errors { inv.fail(e) }
    if all.isEmpty && errors.isEmpty && !named {
      inv.err += noResourcesFound(inv, refs: refs, allNamespaces: allNamespaces)
    }
  }

  /// `No resources found in default namespace.` / `No resources found`.
  static func noResourcesFound(_ inv: Invocation, refs: [ResourceRef], allNamespaces: Bool) -> String {
    let namespaced = refs.contains { $0.type.resource.namespaced }
    if allNamespaces || !namespaced { return "No resources found\n" }
    return "No resources found in \(inv.namespace) namespace.\n"
  }

  /// `--sort-by=.metadata.name` (or `{.metadata.name}`), as kubectl's SortingPrinter does: numbers
  /// numerically, two quantities (`128Mi`, `1Gi`) by amount, other text in natural order (`web-2`
  /// before `web-10`), objects without the field first. A field no object has is an error when there
  /// is something to sort: more than one table row, or any object in the other formats.
  static func sortBy(_ objects: [any KubeObject], _ field: String, table: Bool = true) throws -> [any KubeObject] {
    let expression = ObjectPrinter.relaxed(field)
    let path: JSONPath
    do {
      path = try JSONPath(expression)
    } catch {
      throw KubectlError.message("couldn't parse sort-by field \(field): \(error)")
    }
    func key(_ o: any KubeObject) -> JSON? {
      let j = o.json
      for n in path.nodes {
        if case .path(let segs) = n { return (try? path.evaluate(segs, root: j, current: j))?.first }
      }
      return nil
    }
    let keyed = objects.map { ($0, key($0)) }
    if objects.count > (table ? 1 : 0) && !keyed.contains(where: { $0.1 != nil }) {
      throw KubectlError.message("couldn't find any field with path \"\(expression)\" in the list of objects")
    }
    return stableSorted(keyed) { a, b in
      switch (a.1, b.1) {
      case (nil, nil): return false
      case (nil, _): return true
      case (_, nil): return false
      case (let x?, let y?): return sortLess(x, y)
      }
    }.map(\.0)
  }

  /// kubectl's order for two sort-by values.
  static func sortLess(_ x: JSON, _ y: JSON) -> Bool {
    switch (x, y) {
    case (.int(let a), .int(let b)): return a < b
    case (.double(let a), .double(let b)): return a < b
    case (.int(let a), .double(let b)): return Double(a) < b
    case (.double(let a), .int(let b)): return a < Double(b)
    case (.string(let a), .string(let b)):
      if let qa = try? Quantity.parse(a), let qb = try? Quantity.parse(b) { return qa < qb }
      return sortorderLess(a, b)
    default: return sortorderLess(JSONPath.text(x), JSONPath.text(y))
    }
  }

  /// Natural order (github.com/fvbommel/sortorder): runs of digits compare as numbers and sort
  /// before other characters; other bytes compare as bytes.
  static func sortorderLess(_ a: String, _ b: String) -> Bool {
    let s = Array(a.utf8)
    let t = Array(b.utf8)
    func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }
    var i = 0
    var j = 0
    while i < s.count && j < t.count {
      let (c, d) = (s[i], t[j])
      if isDigit(c) != isDigit(d) { return isDigit(c) }
      if !isDigit(c) {
        if c != d { return c < d }
        i += 1
        j += 1
        continue
      }
      // Two numbers: skip leading zeros, then the longer number is larger, then digit by digit,
      // then fewer leading zeros first.
      let zerosStartI = i
      let zerosStartJ = j
      while i < s.count && s[i] == 48 { i += 1 }
      while j < t.count && t[j] == 48 { j += 1 }
      let startI = i
      let startJ = j
      while i < s.count && isDigit(s[i]) { i += 1 }
      while j < t.count && isDigit(t[j]) { j += 1 }
      if i - startI != j - startJ { return i - startI < j - startJ }
      let n = Array(s[startI..<i])
      let m = Array(t[startJ..<j])
      if n != m { return n.lexicographicallyPrecedes(m) }
      if startI - zerosStartI != startJ - zerosStartJ { return startI - zerosStartI < startJ - zerosStartJ }
    }
    return s.count - i < t.count - j
  }

  static func stableSorted<T>(_ items: [T], by less: (T, T) -> Bool) -> [T] {
    items.enumerated().sorted { a, b in
      if less(a.element, b.element) { return true }
      if less(b.element, a.element) { return false }
      return a.offset < b.offset
    }.map(\.element)
  }
}
