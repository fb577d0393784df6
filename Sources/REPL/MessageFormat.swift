// MessageFormat: how a message reads on the console.
import KubeSim

enum MessageFormat {
  /// `[tick 3 · schedule] scheduler → apiserver  POST pods/web-7d4b9-x2x9k/binding  node-2`
  static func line(_ m: Message, color: Bool) -> String {
    guard color else { return m.line }
    let dim = "\u{1B}[2m"
    let reset = "\u{1B}[0m"
    let verbColor: String
    switch m.kind {
    case .request: verbColor = "\u{1B}[1;32m"
    case .response: verbColor = m.verb.hasPrefix("2") ? "\u{1B}[32m" : "\u{1B}[1;31m"
    case .watchEvent: verbColor = "\u{1B}[1;35m"
    case .cri: verbColor = "\u{1B}[1;34m"
    }
    var s = "\(dim)[\(m.when)]\(reset) \(m.from) → \(m.to)  \(verbColor)\(m.verb)\(reset) \(m.objectText)"
    if !m.detail.isEmpty { s += "  \(dim)\(m.detail)\(reset)" }
    return s
  }
}
