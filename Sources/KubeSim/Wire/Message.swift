// Message: one request, response, watch event or CRI call between two components.

/// What kind of exchange a message is.
public enum MessageKind: String, Sendable {
  case request
  case response
  case watchEvent = "watch"
  case cri
}

/// The full content of a message, rendered only when someone asks for it.
public enum MessageBody: Sendable {
  case object(any KubeObject)
  case json(JSON)
  case text(String)

  public var json: JSON {
    switch self {
    case .object(let o): return o.json
    case .json(let j): return j
    case .text(let t): return .string(t)
    }
  }
}

/// One recorded message. `tick` and `phase` say when it happened; `phase` is nil for what
/// the learner's own commands caused between phases.
public struct Message: Sendable {
  public let seq: Int
  public let tick: Int
  public let phase: Phase?
  public let from: Component
  public let to: Component
  public let kind: MessageKind
  /// `POST`, `GET`, `LIST`, `WATCH`, `PUT`, `PATCH`, `DELETE`, a status such as `201 Created`,
  /// a watch event type (`ADDED`), an etcd operation (`TXN`) or a CRI call (`PullImage`).
  public let verb: String
  /// What the message is about: `pods/web-7d4b9-x2x9k/binding`, `/registry/pods/default/web`, an image.
  public let object: String
  /// The namespace of `object`, or "" for cluster-scoped objects and non-API messages.
  public let namespace: String
  /// A few words of detail: the node bound to, the revision stored, the reason of an error.
  public let detail: String
  public let body: MessageBody?

  public init(
    seq: Int, tick: Int, phase: Phase?, from: Component, to: Component, kind: MessageKind, verb: String,
    object: String, namespace: String = "", detail: String = "", body: MessageBody? = nil
  ) {
    self.seq = seq
    self.tick = tick
    self.phase = phase
    self.from = from
    self.to = to
    self.kind = kind
    self.verb = verb
    self.object = object
    self.namespace = namespace
    self.detail = detail
    self.body = body
  }

  /// `tick 3 · schedule`, or `tick 3 · kubectl` for the learner's commands.
  public var when: String { "tick \(tick) · \(phase?.description ?? "kubectl")" }

  /// `pods/web-x (kube-system)`: the object with its namespace unless it is `default`.
  public var objectText: String {
    namespace.isEmpty || namespace == "default" ? object : "\(object) (\(namespace))"
  }

  /// `[tick 3 · schedule] scheduler → apiserver  POST pods/web-7d4b9-x2x9k/binding  node-2`
  public var line: String {
    var s = "[\(when)] \(from) → \(to)  \(verb) \(objectText)"
    if !detail.isEmpty { s += "  \(detail)" }
    return s
  }
}
