// SequenceDiagramSVG: the messages one command caused as an inline SVG sequence diagram — one lane
// per component, one arrow per message in order, tick·phase bands — for the HTML handout.
import KubeSim

public enum SequenceDiagramSVG {
  /// Diagrams draw at most this many arrows; the caption says how many were left out.
  public static let arrowLimit = 150

  static let laneMinWidth = 150
  static let charWidth = 6.6
  static let headerHeight = 44
  static let rowHeight = 26
  static let bandHeight = 20
  static let left = 8

  /// The lanes of `messages`: every component that sends or receives, in the console's component order.
  public static func lanes(_ messages: [TranscriptMessage]) -> [String] {
    var names: [String] = []
    for m in messages {
      if !names.contains(m.from) { names.append(m.from) }
      if !names.contains(m.to) { names.append(m.to) }
    }
    return names.sorted { order($0) < order($1) }
  }

  /// Sorts like `Component`: kubectl, apiserver, etcd, scheduler, controller-manager, kubelets, runtimes …
  static func order(_ name: String) -> OrderKey {
    let kinds = [
      "kubectl", "apiserver", "etcd", "scheduler", "controller-manager", "kubelet", "runtime", "kube-proxy", "coredns",
      "dashboard",
    ]
    let parsed = Component.parse(name)
    let rank = parsed.flatMap { kinds.firstIndex(of: $0.kind) } ?? kinds.count
    return OrderKey(rank: rank, node: parsed?.node ?? name)
  }

  struct OrderKey: Comparable {
    let rank: Int
    let node: String
    static func < (a: OrderKey, b: OrderKey) -> Bool {
      a.rank != b.rank ? a.rank < b.rank : naturalLess(a.node, b.node)
    }
  }

  /// The SVG element; `id` keeps marker ids unique when a page holds several diagrams.
  public static func render(_ all: [TranscriptMessage], id: String) -> String {
    let messages = Array(all.prefix(arrowLimit))
    let lanes = lanes(messages)
    let longest = lanes.map(\.count).max() ?? 0
    let laneWidth = max(laneMinWidth, Int(Double(longest) * charWidth) + 24)
    func x(_ name: String) -> Int { left + laneWidth * (lanes.firstIndex(of: name) ?? 0) + laneWidth / 2 }
    var bands = 0
    var when = ""
    for m in messages where m.when != when {
      when = m.when
      bands += 1
    }
    let width = left * 2 + laneWidth * lanes.count
    let height = headerHeight + bands * bandHeight + messages.count * rowHeight + 12
    var body = ""
    // Lanes: a box with the component's name and a lifeline.
    for name in lanes {
      let cx = x(name)
      body +=
        "<rect class=\"lane\" fill=\"#ddf4ff\" stroke=\"#54aeff\" x=\"\(cx - laneWidth / 2 + 6)\" y=\"4\" width=\"\(laneWidth - 12)\" height=\"26\" rx=\"4\"/>"
      body += "<text class=\"lane-name\" x=\"\(cx)\" y=\"21\" text-anchor=\"middle\">\(HTMLText.escape(name))</text>"
      body +=
        "<line class=\"lifeline\" stroke=\"#8c959f\" stroke-dasharray=\"4 3\" x1=\"\(cx)\" y1=\"30\" x2=\"\(cx)\" y2=\"\(height - 4)\"/>"
      body += "\n"
    }
    var y = headerHeight
    when = ""
    for m in messages {
      if m.when != when {
        when = m.when
        body +=
          "<line class=\"band\" stroke=\"#d0d7de\" x1=\"\(left)\" y1=\"\(y + 14)\" x2=\"\(width - left)\" y2=\"\(y + 14)\"/>"
        body += "<text class=\"band-label\" x=\"\(left + 2)\" y=\"\(y + 11)\">\(HTMLText.escape(when))</text>\n"
        y += bandHeight
      }
      let (xa, xb) = (x(m.from), x(m.to))
      let kind = arrowKind(m)
      let arrowY = y + rowHeight - 6
      let full = "\(m.verb) \(m.objectText)" + (m.detail.isEmpty ? "" : "  \(m.detail)")
      let room = max(8, Int(Double(max(abs(xb - xa), laneWidth) - 8) / charWidth))
      let label = full.count > room ? String(full.prefix(room - 1)) + "…" : full
      body +=
        "<g class=\"msg \(kind)\"><title>\(HTMLText.escape("#\(m.seq) [\(m.when)] \(m.from) → \(m.to)  \(full)"))</title>"
      body +=
        "<text class=\"label\" x=\"\((xa + xb) / 2)\" y=\"\(arrowY - 5)\" text-anchor=\"middle\">\(HTMLText.escape(label))</text>"
      let end = xb > xa ? xb - 3 : xb + 3
      body +=
        "<line class=\"arrow\" stroke=\"\(color(kind))\" x1=\"\(xa)\" y1=\"\(arrowY)\" x2=\"\(end)\" y2=\"\(arrowY)\" marker-end=\"url(#\(id)-\(kind))\"/></g>\n"
      y += rowHeight
    }
    var defs = "<defs>"
    for kind in ["request", "response", "error", "watch", "cri"] {
      defs +=
        "<marker id=\"\(id)-\(kind)\" class=\"head \(kind)\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\"><path fill=\"\(color(kind))\" d=\"M0,0 L10,5 L0,10 z\"/></marker>"
    }
    defs += "</defs>\n"
    return
      "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"sequence\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-label=\"\(HTMLText.escape("Sequence diagram of \(messages.count) messages"))\">\n"
      + defs + body + "</svg>"
  }

  /// Colours as attributes too, so a diagram copied out of the page still reads.
  static func color(_ kind: String) -> String {
    switch kind {
    case "response": return "#1a7f37"
    case "error": return "#cf222e"
    case "watch": return "#8250df"
    case "cri": return "#bc4c00"
    default: return "#0969da"
    }
  }

  /// The arrow's colour class: request, response (2xx), error (other responses), watch, cri.
  static func arrowKind(_ m: TranscriptMessage) -> String {
    switch m.kind {
    case "response":
      return m.verb.first.map { $0 == "2" || $0 == "O" } ?? true ? "response" : "error"
    case "watch": return "watch"
    case "cri": return "cri"
    default: return "request"
    }
  }
}

/// Escaping for HTML text and attribute values.
public enum HTMLText {
  public static func escape(_ s: String) -> String {
    var out = ""
    out.reserveCapacity(s.utf8.count)
    for u in s.unicodeScalars {
      switch u {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      default:
        // Control characters other than tab and newline are not allowed in HTML text.
        if u.value < 0x20 && u != "\n" && u != "\t" || u.value == 0x7F {
          out += "\u{FFFD}"
        } else {
          out.unicodeScalars.append(u)
        }
      }
    }
    return out
  }
}
