// SimContext: what every part of the simulation shares — the clock, the one RNG, the message log.
// It holds no component: a component reaches another only through the messages it sends.

public final class SimContext {
  public var clock: SimClock
  public var rng: SeededRandom
  public let log: MessageLog

  public init(clock: SimClock, seed: UInt64, log: MessageLog = MessageLog()) {
    self.clock = clock
    self.rng = SeededRandom(seed: seed)
    self.log = log
  }

  public var now: Time { clock.now }

  /// Records a message stamped with the current tick and phase (`phase` nil between phases).
  @discardableResult
  public func record(
    _ from: Component, _ to: Component, _ kind: MessageKind, _ verb: String, _ object: String,
    namespace: String = "", detail: String = "", body: MessageBody? = nil
  ) -> Int {
    log.record(
      tick: clock.tick, phase: inPhase ? clock.phase : nil, from: from, to: to, kind: kind, verb: verb,
      object: object, namespace: namespace, detail: detail, body: body)
  }

  /// True while a phase is running (messages are stamped with it); false for the learner's commands.
  public var inPhase = false
}
