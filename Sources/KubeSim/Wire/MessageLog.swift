// MessageLog: the record of every message, with exact counts per edge and a bounded window of
// full messages so memory stays flat over long runs.
import Collections

/// Records messages. Counts per edge are exact for the whole session; the messages themselves
/// (with bodies) are kept for the most recent `window` messages.
public final class MessageLog {
  public struct Edge: Hashable, Sendable, Comparable {
    public let from: Component
    public let to: Component
    public static func < (a: Edge, b: Edge) -> Bool { a.from != b.from ? a.from < b.from : a.to < b.to }
  }

  /// How many messages to keep in full. Older ones are dropped; their counts remain.
  public var window: Int {
    didSet { trim() }
  }
  public private(set) var recent: Deque<Message> = []
  public private(set) var countsByEdge: [Edge: Int] = [:]
  /// Sequence number of the next message; also the total recorded so far.
  public private(set) var nextSeq = 1
  /// Called for every message as it is recorded (the REPL's live `trace`).
  public var observers: [(Message) -> Void] = []
  /// When false, messages are counted but not kept (used while the cluster bootstraps).
  public var keeping = true

  /// While true, nothing is recorded or counted: for what the simulator does on its own behalf
  /// (a lesson's checks reading the cluster), which is not part of the learner's session.
  public var muted = false

  public init(window: Int = 200_000) { self.window = window }

  public var total: Int { nextSeq - 1 }

  /// The oldest sequence number still held in full.
  public var firstKeptSeq: Int { recent.first?.seq ?? nextSeq }

  @discardableResult
  public func record(
    tick: Int, phase: Phase?, from: Component, to: Component, kind: MessageKind, verb: String, object: String,
    namespace: String = "", detail: String = "", body: MessageBody? = nil
  ) -> Int {
    precondition(Component.isAllowedEdge(from: from, to: to), "edge \(from) → \(to) is not in the architecture")
    if muted { return 0 }
    let seq = nextSeq
    nextSeq += 1
    countsByEdge[Edge(from: from, to: to), default: 0] += 1
    guard keeping || !observers.isEmpty else { return seq }
    let m = Message(
      seq: seq, tick: tick, phase: phase, from: from, to: to, kind: kind, verb: verb, object: object,
      namespace: namespace, detail: detail, body: body)
    if keeping {
      recent.append(m)
      if recent.count > window { recent.removeFirst(recent.count - window) }
    }
    for o in observers { o(m) }
    return seq
  }

  /// Messages with `seq >= from` still held in full.
  public func since(seq from: Int) -> [Message] {
    guard let first = recent.first else { return [] }
    let start = max(0, from - first.seq)
    guard start < recent.count else { return [] }
    return Array(recent[start...])
  }

  /// Forgets everything: counts, messages and sequence numbers (after bootstrapping).
  public func reset() {
    recent.removeAll()
    countsByEdge.removeAll()
    nextSeq = 1
  }

  /// Edges with their counts, in a stable order.
  public var edges: [(edge: Edge, count: Int)] {
    countsByEdge.keys.sorted().map { ($0, countsByEdge[$0]!) }
  }

  private func trim() {
    if recent.count > window { recent.removeFirst(recent.count - window) }
  }
}
