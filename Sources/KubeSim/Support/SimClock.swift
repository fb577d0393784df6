// SimClock: simulated time. One tick is one simulated second by default.

/// The cluster's clock: which tick and phase it is, and the simulated wall time.
///
/// `elapsed` counts simulated seconds since the cluster was created and never goes back; `tick`
/// is the learner's count and starts again at 0 once the cluster has bootstrapped.
public struct SimClock: Sendable {
  /// The wall time when the cluster was created.
  public let start: Time
  public let secondsPerTick: Int64
  /// Simulated seconds since `start`.
  public private(set) var elapsed: Int64 = 0
  /// The current tick; 0 before the first tick of the session.
  public var tick: Int = 0
  /// The last phase run in the current tick, nil before its first phase.
  public var phase: Phase? = nil

  public init(start: Time, secondsPerTick: Int64 = 1) {
    self.start = start
    self.secondsPerTick = secondsPerTick
  }

  /// Simulated time now.
  public var now: Time { start.adding(seconds: elapsed) }
  /// Seconds since the cluster was created.
  public var seconds: Int64 { elapsed }

  /// The phase that `step` would run next.
  public var nextPhase: Phase { phase == nil || phase == .reconcile ? .report : phase!.next! }

  /// Begins the next tick: time moves on by one tick.
  public mutating func beginTick() {
    tick += 1
    elapsed += secondsPerTick
    phase = nil
  }
}
