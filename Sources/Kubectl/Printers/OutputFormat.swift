// OutputFormat: `-o` — kubectl's printers for yaml, json, name, jsonpath and custom-columns
// (k8s.io/cli-runtime/pkg/printers), and the `List` wrapper `kubectl get` prints several objects in.
import KubeSim

enum OutputFormat: Equatable {
  case table
  case wide
  case yaml
  case json
  case name
  case jsonpath(String)
  case jsonpathAsJSON(String)
  case customColumns(String)

  static let allowed =
    "custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml"

  /// Parses `-o`'s value; `tableAllowed` is false for commands without a table (create, apply,
  /// events …), whose printers know neither `wide` nor custom columns.
  static func parse(_ s: String, tableAllowed: Bool = true) throws -> OutputFormat {
    let (head, rest): (String, String?) = {
      if let eq = s.firstIndex(of: "=") { return (String(s[..<eq]), String(s[s.index(after: eq)...])) }
      return (s, nil)
    }()
    switch head {
    case "": return .table
    case "wide" where tableAllowed: return .wide
    case "yaml": return .yaml
    case "json": return .json
    case "name": return .name
    case "jsonpath":
      guard let t = rest, !t.isEmpty else {
        throw KubectlError.message("template format specified but no template given")
      }
      return .jsonpath(t)
    case "jsonpath-as-json":
      guard let t = rest, !t.isEmpty else {
        throw KubectlError.message("template format specified but no template given")
      }
      return .jsonpathAsJSON(t)
    case "custom-columns" where tableAllowed:
      guard let t = rest, !t.isEmpty else {
        throw KubectlError.message("custom-columns format specified but no custom columns given")
      }
      return .customColumns(t)
    case "go-template", "go-template-file", "template", "templatefile", "jsonpath-file":
      throw KubectlError.message(
        "KubeLab's kubectl does not support -o \(head); use -o jsonpath" + (tableAllowed ? " or -o custom-columns" : "")
      )
    case "custom-columns-file" where tableAllowed:
      throw KubectlError.message("KubeLab's kubectl does not support -o \(head); use -o jsonpath or -o custom-columns")
    default:
      let allowed =
        tableAllowed
        ? allowed
        : "go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml"
      throw KubectlError.message(
        "unable to match a printer suitable for the output format \"\(s)\", allowed formats are: \(allowed)")
    }
  }

  var isTable: Bool { self == .table || self == .wide }
}

enum ObjectPrinter {
  /// The JSON kubectl prints for an object (managedFields are never kept in the simulation).
  /// Go prints an unset `metav1.Time` as `null`: `creationTimestamp: null` in client-side objects
  /// and in pod templates.
  static func json(_ o: any KubeObject) -> JSON {
    var j = o.json
    if j["metadata"] != nil && j["metadata"]?["creationTimestamp"] == nil {
      j["metadata"]?["creationTimestamp"] = .null
    }
    if j["spec"]?["template"]?["metadata"] != nil && j["spec"]?["template"]?["metadata"]?["creationTimestamp"] == nil {
      j["spec"]?["template"]?["metadata"]?["creationTimestamp"] = .null
    }
    if j["spec"]?["template"] != nil && j["spec"]?["template"]?["metadata"] == nil {
      j["spec"]?["template"]?["metadata"] = ["creationTimestamp": .null]
    }
    return j.sortedKeys()
  }

  /// `{"apiVersion":"v1","items":[…],"kind":"List","metadata":{"resourceVersion":""}}`.
  static func list(_ items: [JSON]) -> JSON {
    ["apiVersion": "v1", "items": .array(items), "kind": "List", "metadata": ["resourceVersion": ""]]
  }

  static func yaml(_ j: JSON) -> String { j.yamlText }

  static func jsonText(_ j: JSON) -> String { j.kubectlText + "\n" }

  /// `deployment.apps/web`.
  static func name(_ o: any KubeObject) -> String { "\(o.resource.kubectlName)/\(o.metadata.name)" }

  /// Prints objects in a non-table format: one object alone, several as a `List` when `asList`.
  static func print(_ objects: [any KubeObject], format: OutputFormat, asList: Bool) throws -> String {
    switch format {
    case .name:
      return objects.map { name($0) + "\n" }.joined()
    case .yaml, .json, .jsonpath, .jsonpathAsJSON:
      let tree: JSON = asList ? list(objects.map(json)) : (objects.first.map(json) ?? list([]))
      switch format {
      case .yaml: return yaml(tree)
      case .json: return jsonText(tree)
      case .jsonpath(let t): return try jsonpath(t, tree)
      case .jsonpathAsJSON(let t): return try jsonpathAsJSON(t, tree)
      default: return ""
      }
    case .customColumns(let spec):
      return try customColumns(spec, objects, noHeaders: false)
    case .table, .wide:
      return ""
    }
  }

  /// Prints each object separately, as create/apply/run do with `-o` (YAML documents split by `---`).
  static func printEach(_ objects: [any KubeObject], format: OutputFormat) throws -> String {
    var out = ""
    for (i, o) in objects.enumerated() {
      if format == .yaml && i > 0 { out += "---\n" }
      out += try print([o], format: format, asList: false)
    }
    return out
  }

  static func jsonpath(_ template: String, _ tree: JSON) throws -> String {
    do {
      return try JSONPath(template).execute(tree)
    } catch let e as JSONPathError {
      throw KubectlError.message("error parsing jsonpath \(template), \(e.description)")
    }
  }

  static func jsonpathAsJSON(_ template: String, _ tree: JSON) throws -> String {
    do {
      let p = try JSONPath(template)
      var results: [JSON] = []
      for n in p.nodes {
        if case .path(let segs) = n { results += try p.evaluate(segs, root: tree, current: tree) }
      }
      return JSON.array(results).kubectlText + "\n"
    } catch let e as JSONPathError {
      throw KubectlError.message("error parsing jsonpath \(template), \(e.description)")
    }
  }

  /// `-o custom-columns=NAME:.metadata.name,IMAGE:.spec.containers[*].image`.
  static func customColumns(_ spec: String, _ objects: [any KubeObject], noHeaders: Bool) throws -> String {
    var headers: [String] = []
    var paths: [JSONPath] = []
    for part in spec.split(separator: ",", omittingEmptySubsequences: true) {
      let pieces = part.split(separator: ":", maxSplits: 1).map(String.init)
      guard pieces.count == 2 else {
        throw KubectlError.message(
          "unexpected custom-columns spec: \(part), expected <header>:<json-path-expr>")
      }
      headers.append(pieces[0])
      do {
        paths.append(try JSONPath(relaxed(pieces[1])))
      } catch let e as JSONPathError {
        throw KubectlError.message("error parsing jsonpath \(pieces[1]), \(e.description)")
      }
    }
    var text = noHeaders ? "" : headers.joined(separator: "\t") + "\n"
    for o in objects {
      let j = json(o)
      var cells: [String] = []
      for p in paths {
        var values: [JSON] = []
        for n in p.nodes {
          if case .path(let segs) = n { values += (try? p.evaluate(segs, root: j, current: j)) ?? [] }
        }
        cells.append(values.isEmpty ? "<none>" : values.map(goText).joined(separator: ","))
      }
      text += cells.joined(separator: "\t") + "\n"
    }
    return TabWriter.table.format(text)
  }

  /// A value as Go's `fmt.Sprint` prints the decoded JSON, which custom-columns uses: objects as
  /// `map[k:v …]` with sorted keys, arrays as `[a b]`, null as `<nil>` (jsonpath prints JSON instead).
  static func goText(_ v: JSON) -> String {
    switch v {
    case .array(let items): return "[" + items.map(goText).joined(separator: " ") + "]"
    case .object(let fields):
      return "map[" + fields.keys.sorted().map { "\($0):\(goText(fields[$0]!))" }.joined(separator: " ") + "]"
    default: return JSONPath.text(v)
    }
  }

  /// kubectl's RelaxedJSONPathExpression: `.a.b`, `a.b` and `{.a.b}` all mean `{.a.b}`.
  static func relaxed(_ s: String) -> String {
    var t = s.trimmingCharacters(in: " ")
    if t.hasPrefix("{") && t.hasSuffix("}") { return t }
    if !t.hasPrefix(".") && !t.hasPrefix("[") { t = "." + t }
    return "{\(t)}"
  }
}
