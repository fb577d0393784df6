// TablePrinter: cli-runtime's human-readable table printer — upper-cased headers, the NAMESPACE
// column with `-A`, `kind/name` when several types print, `--show-labels`, `-L`, tabwriter alignment.
import KubeSim

struct TableOptions {
  var wide = false
  var showLabels = false
  var withNamespace = false
  var withKind = false
  var noHeaders = false
  var labelColumns: [String] = []
}

enum TablePrinter {
  /// One table for objects of one type.
  static func render(_ objects: [any KubeObject], type: ResourceType, options o: TableOptions, now: Time) -> String {
    let gen = TableGenerator.forResource(type)
    let namespaced = o.withNamespace && type.namespaced
    var lines: [[String]] = []
    if !o.noHeaders {
      var h = gen.headers(wide: o.wide)
      if namespaced { h.insert("NAMESPACE", at: 0) }
      h += o.labelColumns.map { labelColumnHeader($0) }
      if o.showLabels { h.append("LABELS") }
      lines.append(h)
    }
    for obj in objects {
      var cells = gen.row(obj, o.wide, now)
      if o.withKind, !cells.isEmpty, type != Event.resource {
        cells[0] = "\(type.kubectlName)/\(cells[0])"
      }
      if namespaced { cells.insert(obj.metadata.namespace, at: 0) }
      for l in o.labelColumns { cells.append(obj.metadata.labels?[l] ?? "") }
      if o.showLabels { cells.append(Cells.labels(obj.metadata.labels)) }
      lines.append(cells)
    }
    return TabWriter.table.format(lines.map { $0.joined(separator: "\t") + "\n" }.joined())
  }

  /// `-L app.kubernetes.io/name` shows as the column `NAME`: the part after the last slash, upper-cased.
  static func labelColumnHeader(_ label: String) -> String {
    (label.split(separator: "/").last.map(String.init) ?? label).uppercased()
  }
}
