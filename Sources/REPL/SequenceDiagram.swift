// SequenceDiagram: messages drawn as a text sequence diagram, one lane per component.
import KubeSim

enum SequenceDiagram {
  static func text(_ messages: [Message]) -> String {
    var lanes: [Component] = []
    for m in messages {
      if !lanes.contains(m.from) { lanes.append(m.from) }
      if !lanes.contains(m.to) { lanes.append(m.to) }
    }
    lanes.sort()
    let width = max(16, (lanes.map { $0.description.count }.max() ?? 0) + 3)
    let center = lanes.indices.map { $0 * width + width / 2 }
    let total = lanes.count * width
    func blank() -> [Character] {
      var row = [Character](repeating: " ", count: total)
      for x in center { row[x] = "│" }
      return row
    }
    var out: [String] = []
    var header = [Character](repeating: " ", count: total)
    for (i, lane) in lanes.enumerated() {
      let name = Array(lane.description)
      let start = max(0, center[i] - name.count / 2)
      for (k, c) in name.enumerated() where start + k < total { header[start + k] = c }
    }
    out.append(String(header).trimmedRight)
    var when = ""
    for m in messages {
      if m.when != when {
        when = m.when
        let label = "── \(when) "
        out.append(label + String(repeating: "─", count: max(0, total - label.count)))
      }
      guard let a = lanes.firstIndex(of: m.from), let b = lanes.firstIndex(of: m.to) else { continue }
      let (xa, xb) = (center[a], center[b])
      var label = blank()
      let text = Array("\(m.verb) \(m.objectText)" + (m.detail.isEmpty ? "" : "  \(m.detail)"))
      let start = min(xa, xb) + 2
      for (k, c) in text.enumerated() {
        if start + k < total { label[start + k] = c } else { label.append(c) }
      }
      out.append(String(label).trimmedRight)
      var arrow = blank()
      if xa < xb {
        arrow[xa] = "├"
        for x in (xa + 1)..<xb { arrow[x] = "─" }
        arrow[xb - 1] = "▶"
      } else {
        arrow[xa] = "┤"
        for x in (xb + 1)..<xa { arrow[x] = "─" }
        arrow[xb + 1] = "◀"
      }
      out.append(String(arrow).trimmedRight)
    }
    return out.joined(separator: "\n") + "\n"
  }
}

extension String {
  var trimmedRight: String {
    var s = self
    while s.last == " " { s.removeLast() }
    return s
  }
}
