// MessageFilter: which messages to show (`messages --from scheduler --verb POST`), and what a
// lesson check looks for ("a message from the scheduler to the apiserver, POST …/binding").

public struct MessageFilter: Sendable, Hashable {
  /// A component kind (`kubelet`) or instance (`kubelet@node-1`).
  public var from: String? = nil
  public var to: String? = nil
  /// Either end.
  public var component: String? = nil
  /// The verb, case-insensitive (`POST`, `watch`, `PullImage`, `201`).
  public var verb: String? = nil
  /// A glob over the object path (`pods/*/binding`, `/registry/pods/*`), `*` any run of characters.
  public var object: String? = nil
  public var kind: MessageKind? = nil
  public var ticks: ClosedRange<Int>? = nil
  public var phase: Phase? = nil

  public init(
    from: String? = nil, to: String? = nil, component: String? = nil, verb: String? = nil, object: String? = nil,
    kind: MessageKind? = nil, ticks: ClosedRange<Int>? = nil, phase: Phase? = nil
  ) {
    self.from = from
    self.to = to
    self.component = component
    self.verb = verb
    self.object = object
    self.kind = kind
    self.ticks = ticks
    self.phase = phase
  }

  public var isEmpty: Bool { self == MessageFilter() }

  public func matches(_ m: Message) -> Bool {
    if let from, !Self.names(m.from, from) { return false }
    if let to, !Self.names(m.to, to) { return false }
    if let component, !Self.names(m.from, component) && !Self.names(m.to, component) { return false }
    if let verb, m.verb.lowercased() != verb.lowercased() && !m.verb.lowercased().hasPrefix(verb.lowercased() + " ") {
      return false
    }
    if let object, !Glob.matches(object, m.object) && !Glob.matches(object, m.objectText) { return false }
    if let kind, m.kind != kind { return false }
    if let ticks, !ticks.contains(m.tick) { return false }
    if let phase, m.phase != phase { return false }
    return true
  }

  /// Whether `c` is what `pattern` names: `kubelet` (any node), `kubelet@node-1`, aliases such as `cm`.
  public static func names(_ c: Component, _ pattern: String) -> Bool {
    guard let (kind, node) = Component.parse(pattern) else { return c.description == pattern }
    guard c.kindName == kind || c.description == kind else { return false }
    if let node { return c.node == node || Glob.matches(node, c.node ?? "") }
    return true
  }
}

/// `*` matches any run of characters, `?` one character; everything else literally.
public enum Glob {
  public static func matches(_ pattern: String, _ text: String) -> Bool {
    let p = Array(pattern)
    let t = Array(text)
    var pi = 0
    var ti = 0
    var star = -1
    var mark = 0
    while ti < t.count {
      if pi < p.count && (p[pi] == "?" || p[pi] == t[ti]) {
        pi += 1
        ti += 1
      } else if pi < p.count && p[pi] == "*" {
        star = pi
        mark = ti
        pi += 1
      } else if star >= 0 {
        pi = star + 1
        mark += 1
        ti = mark
      } else {
        return false
      }
    }
    while pi < p.count && p[pi] == "*" { pi += 1 }
    return pi == p.count
  }
}
